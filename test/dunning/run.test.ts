import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { cents } from "../../src/core/money.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { addBillingContact, day, outboxRows, runOn, smtpMailer, tempFilesDir } from "./support.js";

describe.each(testDialects())("the daily dunning run (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let smtp: TestSmtp;
  const files = tempFilesDir();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: "2026-03-01T08:00:00Z" });
    org = await testOrganization(ctx);
    await ctx.db
      .updateTable("organization")
      .set({ email: "compta@plomberie-martin.fr", iban: "FR7630006000011234567890189", city: "Lyon" })
      .where("id", "=", org.id)
      .execute();
    org = { ...org, email: "compta@plomberie-martin.fr", iban: "FR7630006000011234567890189", city: "Lyon" };
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  it("sends each step of the B2B sequence once, on its day, listing the client's invoices together", async () => {
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await addBillingContact(ctx, org, client, "compta@dupont.fr");
    await makeInvoice(ctx, org, client, {
      number: "A-1",
      total_cents: 120_000,
      issue_date: "2026-03-01",
      due_date: "2026-03-31",
    });
    await makeInvoice(ctx, org, client, {
      number: "A-2",
      total_cents: 30_000,
      issue_date: "2026-03-01",
      due_date: "2026-03-31",
    });
    const mailer = smtpMailer(smtp);
    const plannedOn: Record<string, string[]> = {};
    for (let d = day("2026-03-20"); d.toString() <= "2026-04-10"; d = d.add({ days: 1 })) {
      const result = await runOn(ctx, org, d.toString(), mailer, files.dir);
      if (result.planned.length > 0)
        plannedOn[d.toString()] = result.planned.map((p) => `${p.step} ${p.invoices.join("+")}`);
    }
    expect(plannedOn).toEqual({
      "2026-03-26": ["Rappel avant échéance A-1+A-2"],
      "2026-04-01": ["Première relance A-1+A-2"],
      "2026-04-08": ["Deuxième relance (pénalités et indemnité de 40 €) A-1+A-2"],
    });
    expect(smtp.received).toHaveLength(3);
    const second = smtp.received[2];
    expect(second?.to).toEqual(["compta@dupont.fr"]);
    expect(second?.text).toContain("A-1");
    expect(second?.text).toContain("A-2");
    // the same day again: nothing new
    const again = await runOn(ctx, org, "2026-04-08", mailer, files.dir);
    expect(again.planned).toEqual([]);
    expect(again.sent).toBe(0);
    expect(smtp.received).toHaveLength(3);
    const rows = await outboxRows(ctx, org.id);
    expect(rows.map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(3);
  });

  it("two runs of the same day at once plan and send each message once", async () => {
    const client = await makeClient(ctx, org, { name: "Garage Leroy" });
    await addBillingContact(ctx, org, client, "leroy@garage.fr");
    await makeInvoice(ctx, org, client, {
      number: "B-1",
      total_cents: 50_000,
      issue_date: "2026-04-01",
      due_date: "2026-05-10",
    });
    const before = smtp.received.length;
    const mailer = smtpMailer(smtp);
    const [a, b] = await Promise.all([
      runOn(ctx, org, "2026-05-11", mailer, files.dir),
      runOn(ctx, org, "2026-05-11", smtpMailer(smtp), files.dir),
    ]);
    const planned = [...(a?.planned ?? []), ...(b?.planned ?? [])].filter((p) => p.client === "Garage Leroy");
    expect(planned).toHaveLength(1);
    expect(smtp.received.length - before).toBe(1);
  });

  it("a payment recorded between planning and sending cancels the message", async () => {
    const client = await makeClient(ctx, org, { name: "Fleurs Martin" });
    await addBillingContact(ctx, org, client, "fleurs@martin.fr");
    await makeInvoice(ctx, org, client, {
      number: "C-1",
      total_cents: 40_000,
      issue_date: "2026-05-01",
      due_date: "2026-06-10",
    });
    const planned = await runDay({
      ctx,
      org,
      day: day("2026-06-11"),
      send: false,
      mailer: createLocalMailer(),
      filesDir: files.dir,
    });
    expect(planned.planned.map((p) => p.invoices)).toContainEqual(["C-1"]);
    const on = testContext(t, { now: "2026-06-11T10:00:00Z" });
    await recordPayment({
      ctx: on,
      org,
      invoice: { number: "C-1" },
      amount: cents(40_000),
      date: day("2026-06-11"),
      method: "transfer",
    });
    const row = (await outboxRows(ctx, org.id)).find((r) => r.invoices.includes("C-1"));
    expect(row?.state).toBe("cancelled");
    expect(row?.cancel_reason).toContain("C-1");
    const before = smtp.received.length;
    await runOn(ctx, org, "2026-06-11", smtpMailer(smtp), files.dir);
    expect(smtp.received.length).toBe(before);
  });

  it("plans on the organization's calendar day at midnight around the DST changes and New Year (Europe/Paris)", async () => {
    // [instant (UTC), the day it already is in Paris, an invoice due the day before (its J+1 is that day)]
    const cases = [
      ["2026-03-28T23:30:00Z", "2026-03-29", "2026-03-28"], // 00:30 CET, the night clocks go forward
      ["2026-03-29T22:30:00Z", "2026-03-30", "2026-03-29"], // 00:30 CEST, the day after
      ["2026-10-24T22:30:00Z", "2026-10-25", "2026-10-24"], // 00:30 CEST, the night clocks go back
      ["2026-10-25T23:30:00Z", "2026-10-26", "2026-10-25"], // 00:30 CET
      ["2026-12-31T23:30:00Z", "2027-01-01", "2026-12-31"], // New Year
    ] as const;
    for (const [instant, local, due] of cases) {
      const client = await makeClient(ctx, org, { name: `Minuit ${local}` });
      await addBillingContact(ctx, org, client, "minuit@example.fr");
      await makeInvoice(ctx, org, client, {
        number: `M-${local}`,
        total_cents: 10_000,
        issue_date: "2026-01-01",
        due_date: due,
      });
      const at = testContext(t, { now: instant });
      const result = await runDay({
        ctx: at,
        org,
        send: false,
        mailer: createLocalMailer(),
        filesDir: files.dir,
      });
      expect(result.date, instant).toBe(local);
      const mine = result.planned.find((p) => p.client === `Minuit ${local}`);
      expect(mine?.offset_days, instant).toBe(1);
    }
    // 23:30 in Paris on 1 January is still 1 January (22:30 UTC)
    const before = testContext(t, { now: "2027-01-01T22:30:00Z" });
    const late = await runDay({
      ctx: before,
      org,
      send: false,
      mailer: createLocalMailer(),
      filesDir: files.dir,
    });
    expect(late.date).toBe("2027-01-01");
  });
});
