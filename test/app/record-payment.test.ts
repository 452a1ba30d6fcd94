import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { listInvoices } from "../../src/app/invoices/list-invoices.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import { cents } from "../../src/core/money.js";
import { unwrap } from "../../src/core/result.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const day = (s: string) => unwrap(parseIsoDate(s));

describe.each(testDialects())("recording payments on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let other: Organization;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    org = await testOrganization(ctx);
    other = await testOrganization(ctx, "Autre SARL");
    const dupont = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    const durand = await makeClient(ctx, org, { name: "Garage Durand" });
    await makeInvoice(ctx, org, dupont, { number: "F-1", total_cents: 120000 });
    await makeInvoice(ctx, org, dupont, { number: "F-2", total_cents: 50000 });
    await makeInvoice(ctx, org, durand, { number: "F-2", total_cents: 30000 });
    const foreign = await makeClient(ctx, other, { name: "Client d'une autre entreprise" });
    await makeInvoice(ctx, other, foreign, { number: "F-9", total_cents: 1000 });
  });
  afterAll(async () => t?.drop());

  it("a partial then a final payment move the invoice to partially paid, then paid", async () => {
    const first = await recordPayment({
      ctx,
      org,
      invoice: { number: "F-1" },
      amount: cents(20000),
      date: day("2025-03-01"),
      method: "transfer",
    });
    expect(first).toMatchObject({
      number: "F-1",
      paid_cents: 20000,
      balance_cents: 100000,
      status: "partially_paid",
    });
    const second = await recordPayment({
      ctx,
      org,
      invoice: { number: "F-1" },
      amount: cents(100000),
      date: day("2025-03-10"),
      method: "cheque",
    });
    expect(second).toMatchObject({ paid_cents: 120000, balance_cents: 0, status: "paid" });
    const [listed] = (await listInvoices({ ctx, org })).filter((i) => i.number === "F-1");
    expect(listed).toMatchObject({ paid_cents: 120000, balance_cents: 0, status: "paid", days_late: 0 });
    const actions = await t.db
      .selectFrom("action")
      .select("kind")
      .where("invoice_id", "=", first.invoice_id)
      .execute();
    expect(actions.map((a) => a.kind)).toEqual(["payment", "payment"]);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("entity", "=", "payment").execute();
    expect(audit).toHaveLength(2);
  });

  it("refuses a payment larger than the balance, and changes nothing", async () => {
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-2", client: "Garage Durand" },
        amount: cents(30001),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({ code: "invalid_input", messageCode: "payment.exceeds_balance" });
    const payments = await t.db
      .selectFrom("payment")
      .select("id")
      .where("organization_id", "=", org.id)
      .execute();
    expect(payments).toHaveLength(2);
  });

  it("refuses a payment on a settled invoice, in the future, or of zero", async () => {
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-1" },
        amount: cents(1),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-2", client: "Garage Durand" },
        amount: cents(100),
        date: day("2025-07-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({ messageCode: "payment.date_in_future" });
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-2", client: "Garage Durand" },
        amount: cents(0),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({ messageCode: "amount.zero" });
  });

  it("asks which client when two clients share an invoice number", async () => {
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-2" },
        amount: cents(100),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({
      messageCode: "invoice.ambiguous",
    });
    const r = await recordPayment({
      ctx,
      org,
      invoice: { number: "F-2", client: "garage durand" },
      amount: cents(100),
      date: day("2025-03-01"),
      method: "transfer",
    });
    expect(r.balance_cents).toBe(29900);
  });

  it("never reaches another organization's invoice", async () => {
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { number: "F-9" },
        amount: cents(100),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const foreign = await t.db
      .selectFrom("invoice")
      .select("id")
      .where("organization_id", "=", other.id)
      .executeTakeFirstOrThrow();
    await expect(
      recordPayment({
        ctx,
        org,
        invoice: { id: foreign.id },
        amount: cents(100),
        date: day("2025-03-01"),
        method: "transfer",
      }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists overdue invoices as of the organization's today", async () => {
    const overdue = await listInvoices({ ctx, org, overdue: true });
    expect(overdue.map((i) => i.number).sort()).toEqual(["F-2", "F-2"]);
    for (const i of overdue) expect(i.days_late).toBe(136); // 2025-02-14 → 2025-06-30
  });
});
