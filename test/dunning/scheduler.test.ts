import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppContext, fixedClock } from "../../src/app/context.js";
import { readSettings } from "../../src/app/organizations/settings.js";
import { schedulerTick } from "../../src/cli/dunning-scheduler.js";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { addBillingContact, outboxRows, tempFilesDir } from "./support.js";

describe.each(testDialects())("relance serve's scheduler (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const files = tempFilesDir();
  const at = (instant: string): AppContext => ({ ...ctx, clock: fixedClock(instant) });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: "2026-03-01T08:00:00Z" });
    org = await testOrganization(ctx);
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await addBillingContact(ctx, org, client, "compta@dupont.fr");
    await makeInvoice(ctx, org, client, {
      number: "S-1",
      total_cents: 50_000,
      issue_date: "2026-03-01",
      due_date: "2026-03-31",
    });
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("plans the day once, at the organization's hour in its time zone, and catches up after downtime", async () => {
    const env = process.env.RELANCE_SMTP_URL;
    delete process.env.RELANCE_SMTP_URL;
    try {
      // 1 April, 08:30 in Paris (UTC+2): before the run hour (9), nothing is planned
      await schedulerTick(at("2026-04-01T06:30:00Z"), files.dir);
      expect(await outboxRows(ctx, org.id)).toHaveLength(0);
      // 09:30 in Paris: the J+1 reminder of the invoice due on 31 March
      await schedulerTick(at("2026-04-01T07:30:00Z"), files.dir);
      const first = await outboxRows(ctx, org.id);
      expect(first).toHaveLength(1);
      const fresh = (await findOrganization(ctx.db, org.id)) as Organization;
      expect(readSettings(fresh).dunning_last_run_on).toBe("2026-04-01");
      // later ticks the same day plan nothing new
      await schedulerTick(at("2026-04-01T12:00:00Z"), files.dir);
      expect(await outboxRows(ctx, org.id)).toHaveLength(1);
      // down from 2 to 10 April: the first tick back plans the step due by then (J+8), once
      await schedulerTick(at("2026-04-10T07:05:00Z"), files.dir);
      await schedulerTick(at("2026-04-10T07:10:00Z"), files.dir);
      const after = await outboxRows(ctx, org.id);
      expect(after).toHaveLength(2);
      expect(after.map((r) => r.planned_on)).toEqual(["2026-04-01", "2026-04-10"]);
    } finally {
      if (env !== undefined) process.env.RELANCE_SMTP_URL = env;
    }
  });
});
