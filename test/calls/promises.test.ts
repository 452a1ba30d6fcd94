import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActions } from "../../src/app/actions/list-actions.js";
import { cancelPromise } from "../../src/app/calls/cancel-promise.js";
import { checkPromises } from "../../src/app/calls/check-promises.js";
import { listPromises } from "../../src/app/calls/list-promises.js";
import { logCall } from "../../src/app/calls/log-call.js";
import type { AppContext } from "../../src/app/context.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { isAppError } from "../../src/app/errors.js";
import { createPayment } from "../../src/app/payments/create-payment.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, outboxRows, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

describe.each(testDialects())("promises to pay (%s)", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const at = (iso: string) => testContext(t, { now: `${iso}T08:00:00Z` });
  /** Plans the day `iso` (check-promises then run-dunning), nothing sent: the outbox shows what would go. */
  const plan = (org: Organization, iso: string) =>
    runDay({
      ctx: at(iso),
      org,
      day: day(iso),
      send: false,
      mailer: createLocalMailer(),
      filesDir: files.dir,
    });
  async function setUp(name: string) {
    const ctx = at("2026-03-01");
    const org = await testOrganization(ctx, name);
    const client = await makeClient(ctx, org, { name: `Client ${name}` });
    await addBillingContact(ctx, org, client, "compta@client.fr");
    const invoice = await makeInvoice(ctx, org, client, {
      number: `${name.slice(0, 3)}-1`,
      issue_date: "2026-02-01",
      due_date: "2026-03-01",
      total_cents: 150_000,
    });
    return { org, client, invoice };
  }
  async function timeline(ctx: AppContext, orgId: string) {
    return ctx.db
      .selectFrom("action")
      .select(["kind", "summary", "invoice_id", "occurred_on"])
      .where("organization_id", "=", orgId)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
  }
  async function promiseOn(org: Organization, client: string, promised_on: string, amount_cents = 150_000) {
    return logCall({
      ctx: at("2026-03-05"),
      org,
      userId: null,
      clientId: client,
      input: { outcome: "reached", notes: "Virement promis", promise: { amount_cents, promised_on } },
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("a kept promise stops the sequence: nothing while held, kept when paid, nothing sent after", async () => {
    const { org, client, invoice } = await setUp("Tenue");
    expect((await plan(org, "2026-03-02")).planned.map((p) => p.offset_days)).toEqual([1]);
    const call = await promiseOn(org, client, "2026-03-12");
    expect(call.promise).toMatchObject({ state: "open", hold_until: "2026-03-15", holds_client: true });
    const client0 = await at("2026-03-05")
      .db.selectFrom("client")
      .select(["hold_kind", "hold_until"])
      .where("id", "=", client)
      .executeTakeFirstOrThrow();
    expect(client0).toEqual({ hold_kind: "promise", hold_until: "2026-03-15" });
    const heldEntry = (await timeline(at("2026-03-05"), org.id)).find((a) => a.kind === "promise");
    expect(heldEntry?.summary).toMatch(/^Promesse de paiement jusqu'au 15\/03\/2026 : relances suspendues\./);
    // J+8 (9 March) would have fired: held
    for (const d of ["2026-03-05", "2026-03-09", "2026-03-12"]) {
      expect((await plan(org, d)).planned, d).toEqual([]);
    }
    await createPayment({
      ctx: at("2026-03-13"),
      org,
      userId: null,
      input: {
        date: "2026-03-13",
        amount_cents: 150_000,
        method: "transfer",
        allocations: [{ invoice_id: invoice, amount_cents: 150_000 }],
      },
    });
    const [kept] = await listPromises({ ctx: at("2026-03-13"), org });
    expect(kept).toMatchObject({ state: "kept", resolved_on: "2026-03-13" });
    const client1 = await at("2026-03-13")
      .db.selectFrom("client")
      .select(["hold_kind"])
      .where("id", "=", client)
      .executeTakeFirstOrThrow();
    expect(client1.hold_kind).toBeNull();
    const before = (await outboxRows(at("2026-03-13"), org.id)).length;
    for (const d of ["2026-03-16", "2026-03-20", "2026-04-01"]) {
      expect((await plan(org, d)).planned, d).toEqual([]);
    }
    expect((await outboxRows(at("2026-04-01"), org.id)).length).toBe(before);
    const kinds = (await timeline(at("2026-04-01"), org.id)).map((a) => a.kind);
    expect(kinds).toContain("promise_kept");
    expect(kinds).not.toContain("promise_broken");
    // the client's timeline names the invoice the promise was about (the entry is the client's, not the invoice's)
    const keptEntry = (
      await listActions({ ctx: at("2026-04-01"), org, clientId: client, kinds: ["promise_kept"], limit: 10 })
    )[0];
    expect(keptEntry).toMatchObject({ invoice_id: null, invoice_numbers: ["Ten-1"] });
  });

  it("a broken promise resumes the sequence: 'Promesse non tenue', then the next reminder the same run", async () => {
    const { org, client, invoice } = await setUp("Rompue");
    await plan(org, "2026-03-02");
    await promiseOn(org, client, "2026-03-12");
    for (const d of ["2026-03-09", "2026-03-12", "2026-03-15"]) {
      expect((await plan(org, d)).planned, d).toEqual([]);
    }
    // grace over (12 + 3 = 15): the 16th checks the promise, then the run fires the step due
    const resumed = await plan(org, "2026-03-16");
    expect(resumed.planned.map((p) => p.offset_days)).toEqual([15]);
    const [broken] = await listPromises({ ctx: at("2026-03-16"), org });
    expect(broken).toMatchObject({ state: "broken", resolved_on: "2026-03-16" });
    const entries = await timeline(at("2026-03-16"), org.id);
    const notKept = entries.filter((a) => a.kind === "promise_broken");
    expect(notKept).toHaveLength(1);
    expect(notKept[0]).toMatchObject({ invoice_id: invoice, occurred_on: "2026-03-16" });
    expect(notKept[0]?.summary).toMatch(/^Promesse non tenue/);
    expect(entries.map((a) => a.kind)).toContain("hold_lifted");
  });

  it("check-promises is idempotent: the same day twice writes nothing new; a dry run writes nothing", async () => {
    const { org, client } = await setUp("Deux Fois");
    await promiseOn(org, client, "2026-03-10", 50_000);
    const dry = await checkPromises({ ctx: at("2026-03-14"), org, dryRun: true });
    expect(dry.broken).toHaveLength(1);
    expect((await listPromises({ ctx: at("2026-03-14"), org }))[0]?.state).toBe("open");
    const first = await checkPromises({ ctx: at("2026-03-14"), org });
    expect(first.broken).toHaveLength(1);
    const count = (await timeline(at("2026-03-14"), org.id)).length;
    const second = await checkPromises({ ctx: at("2026-03-14"), org });
    expect(second).toEqual({ date: "2026-03-14", kept: [], broken: [] });
    expect((await timeline(at("2026-03-14"), org.id)).length).toBe(count);
  });

  it("a promise partly paid by its amount is kept at the check; not before its grace ends", async () => {
    const { org, client, invoice } = await setUp("Partielle");
    await promiseOn(org, client, "2026-03-10", 50_000);
    await createPayment({
      ctx: at("2026-03-09"),
      org,
      userId: null,
      input: {
        date: "2026-03-09",
        amount_cents: 50_000,
        method: "transfer",
        allocations: [{ invoice_id: invoice, amount_cents: 50_000 }],
      },
    });
    // not settled: still open until the check
    expect((await checkPromises({ ctx: at("2026-03-13"), org })).kept).toEqual([]);
    const result = await checkPromises({ ctx: at("2026-03-14"), org });
    expect(result.kept).toHaveLength(1);
    const [kept] = await listActions({
      ctx: at("2026-03-14"),
      org,
      clientId: client,
      kinds: ["promise_kept"],
      limit: 10,
    });
    expect(kept).toMatchObject({ invoice_id: null, invoice_numbers: ["Par-1"] });
  });

  it("cancelling a promise lifts its hold; a second cancel is a conflict", async () => {
    const { org, client } = await setUp("Annulée");
    const call = await promiseOn(org, client, "2026-03-20");
    const id = call.promise?.id ?? "";
    const cancelled = await cancelPromise({ ctx: at("2026-03-06"), org, userId: null, id });
    expect(cancelled.state).toBe("cancelled");
    const row = await at("2026-03-06")
      .db.selectFrom("client")
      .select("hold_kind")
      .where("id", "=", client)
      .executeTakeFirstOrThrow();
    expect(row.hold_kind).toBeNull();
    const again = await cancelPromise({ ctx: at("2026-03-06"), org, userId: null, id }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(again) && again.code).toBe("conflict");
  });
});
