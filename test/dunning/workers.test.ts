// Several workers on one database (issue 11): an organization another process is working on is skipped
// (PostgreSQL advisory lock), and ticks running at the same time plan each organization's day once and send each
// message once.
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppContext, fixedClock } from "../../src/app/context.js";
import { schedulerTick } from "../../src/cli/dunning-scheduler.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { addBillingContact, outboxRows, tempFilesDir } from "./support.js";

describe.each(testDialects())("workers sharing a database (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  const orgs: Organization[] = [];
  const files = tempFilesDir();
  const at = (instant: string): AppContext => ({ ...ctx, clock: fixedClock(instant) });
  let smtp: string | undefined;

  beforeAll(async () => {
    smtp = process.env.RELANCE_SMTP_URL;
    delete process.env.RELANCE_SMTP_URL; // the local outbox: no mail server needed
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: "2026-03-01T08:00:00Z" });
    for (const name of ["Plomberie Martin", "Atelier Morel", "Studio Lenoir"]) {
      const org = await testOrganization(ctx, name);
      orgs.push(org);
      for (const k of [1, 2]) {
        const client = await makeClient(ctx, org, { name: `Client ${k} de ${name}` });
        await addBillingContact(ctx, org, client, `compta${k}@example.fr`);
        await makeInvoice(ctx, org, client, {
          number: `W-${k}`,
          total_cents: 50_000 * k,
          issue_date: "2026-03-01",
          due_date: "2026-03-31",
        });
      }
    }
  });
  afterAll(async () => {
    if (smtp !== undefined) process.env.RELANCE_SMTP_URL = smtp;
    await t?.drop();
    files.remove();
  });

  it.runIf(dialect === "postgres")("skips an organization whose lock another process holds", async () => {
    const [held, ...free] = orgs as [Organization, ...Organization[]];
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("select pg_advisory_lock(hashtext($1))", [`relance-organization:${held.id}`]);
      const report = await schedulerTick(at("2026-04-01T07:30:00Z"), files.dir);
      expect(report.locked).toEqual([held.id]);
      expect(report.planned.sort()).toEqual(free.map((o) => o.id).sort());
      expect(await outboxRows(ctx, held.id)).toHaveLength(0);
      await other.query("select pg_advisory_unlock(hashtext($1))", [`relance-organization:${held.id}`]);
      const next = await schedulerTick(at("2026-04-01T07:35:00Z"), files.dir);
      expect(next.locked).toEqual([]);
      expect(next.planned).toEqual([held.id]);
      expect(await outboxRows(ctx, held.id)).toHaveLength(2);
    } finally {
      await other.end();
    }
  });

  it("ticks running at once plan each day once and send each message once", async () => {
    // four workers' ticks at the same moment (each its own context; on PostgreSQL, their own connections)
    const reports = await Promise.all(
      [0, 1, 2, 3].map(() => schedulerTick(at("2026-04-08T07:30:00Z"), files.dir)),
    );
    const planned = reports.flatMap((r) => r.planned).sort();
    expect(planned).toEqual(orgs.map((o) => o.id).sort());
    for (const org of orgs) {
      const rows = await outboxRows(ctx, org.id);
      const today = rows.filter((r) => r.planned_on === "2026-04-08");
      // one J+8 message per client, each sent, none twice
      expect(today).toHaveLength(2);
      expect(today.every((r) => r.state === "sent")).toBe(true);
      expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(rows.length);
    }
    const sent = reports.flatMap((r) => r.dispatched).reduce((n, d) => n + d.sent, 0);
    expect(sent).toBe(orgs.length * 2);
    const attempts = await sql<{
      n: number | string;
    }>`select count(*) as n from outbox where attempts > 1`.execute(t.db);
    expect(Number(attempts.rows[0]?.n)).toBe(0);
  });

  it("a day claimed by a process that died is taken over once its lease has run out", async () => {
    const org = orgs[0] as Organization;
    const row = await t.db
      .selectFrom("organization")
      .select("settings")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings || "{}");
    // 15 April, 09:30 in Paris: another process claimed the day at 09:25 and died
    const claimedAt = Date.parse("2026-04-15T07:25:00Z");
    await t.db
      .updateTable("organization")
      .set({
        settings: JSON.stringify({
          ...settings,
          dunning_run_lease: { day: "2026-04-15", until: claimedAt + 15 * 60_000 },
        }),
      })
      .where("id", "=", org.id)
      .execute();
    const during = await schedulerTick(at("2026-04-15T07:30:00Z"), files.dir);
    expect(during.planned).not.toContain(org.id);
    const after = await schedulerTick(at("2026-04-15T07:41:00Z"), files.dir);
    expect(after.planned).toContain(org.id);
    const fresh = await t.db
      .selectFrom("organization")
      .select("settings")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(fresh.settings)).toMatchObject({ dunning_last_run_on: "2026-04-15" });
    expect(JSON.parse(fresh.settings).dunning_run_lease).toBeUndefined();
  });
});
