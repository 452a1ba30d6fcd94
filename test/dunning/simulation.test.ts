import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/demo/load-demo.js";
import { approveMessage } from "../../src/app/dunning/outbox-messages.js";
import { contextOnDay, runDay } from "../../src/app/dunning/run-day.js";
import {
  addDays,
  compareDates,
  maxDate,
  type PlainDate,
  parseIsoDate,
  toIso,
} from "../../src/core/calendar.js";
import { unwrap } from "../../src/core/result.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { tempFilesDir } from "./support.js";

const START = "2026-01-05";
const DAYS = 182;

interface StepInfo {
  id: string;
  offset: number;
  neverSkip: boolean;
}

/**
 * What the run must do to one invoice over the simulation when it runs every day and approvals are given the day
 * they are asked: written as plain date rules, not with the planner. On the first day, the steps already due
 * collapse to the mise en demeure when it is among them, else to the latest; every later step comes on its own
 * day, due date + offset, or later by as much as the previous step fired late.
 */
function expected(due: PlainDate, steps: StepInfo[], start: PlainDate, end: PlainDate): string[] {
  const out: string[] = [];
  const at = (s: StepInfo) => addDays(due, s.offset);
  const alreadyDue = steps.filter((s) => compareDates(at(s), start) <= 0);
  let next = 0;
  let firedOn: PlainDate | null = null;
  let firedOffset = 0;
  if (alreadyDue.length > 0) {
    const first = alreadyDue.find((s) => s.neverSkip) ?? (alreadyDue.at(-1) as StepInfo);
    out.push(`${toIso(start)} ${first.offset}`);
    next = steps.indexOf(first) + 1;
    firedOn = start;
    firedOffset = first.offset;
  }
  for (const s of steps.slice(next)) {
    const on: PlainDate = firedOn ? maxDate(at(s), addDays(firedOn, s.offset - firedOffset)) : at(s);
    if (compareDates(on, end) > 0) break;
    out.push(`${toIso(on)} ${s.offset}`);
    firedOn = on;
    firedOffset = s.offset;
  }
  return out;
}

describe.each(testDialects())("six months of daily runs on the demo ledger (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const files = tempFilesDir();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: `${START}T08:00:00Z` });
    org = (await loadDemo({ ctx })).org;
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("fires exactly the expected steps for every invoice, day by day", { timeout: 300_000 }, async () => {
    const start = unwrap(parseIsoDate(START));
    const end = addDays(start, DAYS - 1);
    // the ledger as it stands on day one: only what is owed and not disputed is chased
    const invoices = await ctx.db
      .selectFrom("invoice")
      .innerJoin("client", "client.id", "invoice.client_id")
      .select([
        "invoice.id",
        "invoice.number",
        "invoice.due_date",
        "invoice.status",
        "invoice.disputed",
        "invoice.kind",
        "client.kind as client_kind",
      ])
      .where("invoice.organization_id", "=", org.id)
      .execute();
    const sequences = await ctx.db
      .selectFrom("dunning_sequence")
      .selectAll()
      .where("organization_id", "=", org.id)
      .execute();
    const stepsOf = new Map<string, StepInfo[]>();
    for (const seq of sequences) {
      const rows = await ctx.db
        .selectFrom("dunning_step")
        .selectAll()
        .where("sequence_id", "=", seq.id)
        .orderBy("position")
        .execute();
      stepsOf.set(
        seq.default_for ?? "",
        rows.map((r) => ({ id: r.id, offset: Number(r.offset_days), neverSkip: Number(r.never_skip) === 1 })),
      );
    }
    const mailer = createLocalMailer();
    for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) {
      await runDay({ ctx, org, day: d, mailer, filesDir: files.dir });
      const waiting = await ctx.db
        .selectFrom("outbox")
        .select("id")
        .where("organization_id", "=", org.id)
        .where("state", "=", "awaiting_approval")
        .execute();
      const onDay = contextOnDay(ctx, org, d);
      for (const w of waiting) await approveMessage({ ctx: onDay, org, userId: null, id: w.id });
    }

    const fired = await ctx.db
      .selectFrom("action")
      .select(["invoice_id", "occurred_on", "data"])
      .where("organization_id", "=", org.id)
      .where("kind", "in", ["reminder", "letter", "formal_notice_planned", "call_planned", "task_planned"])
      .orderBy("occurred_on")
      .orderBy("id")
      .execute();
    const actual = new Map<string, string[]>();
    for (const a of fired) {
      const offset = (JSON.parse(a.data) as { offset_days: number }).offset_days;
      actual.set(a.invoice_id ?? "", [
        ...(actual.get(a.invoice_id ?? "") ?? []),
        `${a.occurred_on} ${offset}`,
      ]);
    }
    let chased = 0;
    for (const inv of invoices) {
      const owed =
        inv.kind !== "credit_note" &&
        (inv.status === "open" || inv.status === "partially_paid") &&
        Number(inv.disputed) === 0;
      const steps = stepsOf.get(inv.client_kind === "consumer" ? "consumer" : "business") ?? [];
      const want = owed ? expected(unwrap(parseIsoDate(inv.due_date)), steps, start, end) : [];
      if (want.length > 0) chased++;
      expect(actual.get(inv.id) ?? [], `${inv.number} due ${inv.due_date}`).toEqual(want);
    }
    expect(chased).toBeGreaterThan(20);
    // every message planned went out (to the local outbox) and none twice
    const states = await ctx.db
      .selectFrom("outbox")
      .select("state")
      .where("organization_id", "=", org.id)
      .execute();
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(["sent"]));
  });
});
