import type { AppContext } from "../../src/app/context.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { type PlainDate, parseIsoDate } from "../../src/core/calendar.js";
import { cents } from "../../src/core/money.js";
import { unwrap } from "../../src/core/result.js";
import { newId } from "../../src/db/ids.js";
import type { Organization } from "../../src/db/schema.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const AT = "2026-01-01T00:00:00.000Z";
const day = (iso: string): PlainDate => unwrap(parseIsoDate(iso));

/**
 * The hand-computed ledger of docs/forecast.md's worked example, as of Wednesday 2026-06-10 (week 1 = 06-08…06-14):
 * - Atelier A paid 3 invoices 2, 5 and 9 days late; Bureau B 4 invoices 10, 20, 30 and 40 days late; Café C none
 *   (the organization's 7 delays stand in: 2 5 9 10 20 30 40).
 * - A-OPEN1 1 000 € due 06-15 (not due, A: +2/+5/+9) → 06-17 / 06-20 / 06-24: expected week 2.
 * - A-OPEN2 500 € due 06-01, 200 € paid on 06-01: 300 € overdue by 9 days; A has one delay ≥ 9 (< 3), so the
 *   organization's delays ≥ 9 (9 10 20 30 40 → 10/20/30) → 06-11 / 06-21 / 07-01; × 900 ‰ = 270 €, week 2.
 * - C-OPEN 300 € due 06-08, a 50 € credit note: 250 € overdue by 2 days, organization's delays ≥ 2 (5/10/30) →
 *   06-13 / 06-18 / 07-08; × 900 ‰ = 225 €, week 2.
 * - B-DISPUTED 2 000 € due 07-01, disputed: B's 10/20/30 → 07-11 / 07-21 / 07-31; × 250 ‰ = 500 €, week 7.
 * - C-PLAN 400 € under an active plan: installment 1 (200 €, due 06-05, unpaid) → asOf, week 1; installment 2
 *   (200 €, 07-03) week 4; × 900 ‰ = 180 € each; the invoice itself is not counted.
 * - A-BILL 800 € under an accepted bill of exchange of 800 € due 06-30: week 4 at 1 000 ‰.
 * - B-LIT 1 500 € in an open recovery case: litigation, not in the weeks. A written-off invoice: nothing.
 */
export async function forecastFixture(ctx: AppContext, org: Organization) {
  const a = await makeClient(ctx, org, { name: "Atelier A" });
  const b = await makeClient(ctx, org, { name: "Bureau B" });
  const c = await makeClient(ctx, org, { name: "Café C" });
  let n = 0;
  const invoice = async (client: string, number: string, total: number, due: string, issue = "2025-12-01") =>
    makeInvoice(ctx, org, client, {
      number: number || `H-${++n}`,
      total_cents: total,
      due_date: due,
      issue_date: issue,
    });
  const pay = async (id: string, amount: number, date: string) =>
    recordPayment({ ctx, org, invoice: { id }, amount: cents(amount), date: day(date), method: "transfer" });

  for (const [due, paid] of [
    ["2026-03-01", "2026-03-03"],
    ["2026-04-01", "2026-04-06"],
    ["2026-05-01", "2026-05-10"],
  ] as const)
    await pay(await invoice(a, "", 10_000, due), 10_000, paid);
  for (const [due, paid] of [
    ["2026-01-15", "2026-01-25"],
    ["2026-02-15", "2026-03-07"],
    ["2026-03-15", "2026-04-14"],
    ["2026-04-15", "2026-05-25"],
  ] as const)
    await pay(await invoice(b, "", 20_000, due), 20_000, paid);

  await invoice(a, "A-OPEN1", 100_000, "2026-06-15", "2026-05-15");
  await pay(await invoice(a, "A-OPEN2", 50_000, "2026-06-01", "2026-05-01"), 20_000, "2026-06-01");
  const cOpen = await invoice(c, "C-OPEN", 30_000, "2026-06-08", "2026-05-08");
  await ctx.db.updateTable("invoice").set({ credited_cents: 5_000 }).where("id", "=", cOpen).execute();
  const note = await invoice(c, "AV-1", -5_000, "2026-06-02", "2026-06-02");
  await ctx.db
    .updateTable("invoice")
    .set({ kind: "credit_note", credited_invoice_id: cOpen, status: "paid" })
    .where("id", "=", note)
    .execute();
  const disputed = await invoice(b, "B-DISPUTED", 200_000, "2026-07-01", "2026-06-01");
  await ctx.db.updateTable("invoice").set({ disputed: 1 }).where("id", "=", disputed).execute();

  const tenant = { organization_id: org.id, created_at: AT, updated_at: AT };
  const planned = await invoice(c, "C-PLAN", 40_000, "2026-04-30", "2026-03-31");
  const planId = newId();
  await ctx.db
    .insertInto("payment_plan")
    .values({
      id: planId,
      ...tenant,
      client_id: c,
      state: "active",
      total_cents: 40_000,
      grace_days: 5,
      frequency: null,
      created_on: "2026-05-01",
      signed_on: "2026-05-02",
      activated_on: "2026-05-02",
      completed_on: null,
      broken_on: null,
      cancelled_on: null,
      document_id: null,
      notes: null,
    })
    .execute();
  await ctx.db
    .insertInto("payment_plan_invoice")
    .values({ id: newId(), ...tenant, plan_id: planId, invoice_id: planned, balance_cents: 40_000 })
    .execute();
  await ctx.db
    .insertInto("installment")
    .values([
      {
        id: newId(),
        ...tenant,
        plan_id: planId,
        position: 1,
        due_on: "2026-06-05",
        amount_cents: 20_000,
        paid_on: null,
        state: "late",
      },
      {
        id: newId(),
        ...tenant,
        plan_id: planId,
        position: 2,
        due_on: "2026-07-03",
        amount_cents: 20_000,
        paid_on: null,
        state: "pending",
      },
    ])
    .execute();
  await ctx.db.updateTable("invoice").set({ hold_kind: "plan" }).where("id", "=", planned).execute();

  const billed = await invoice(a, "A-BILL", 80_000, "2026-05-31", "2026-05-01");
  const billId = newId();
  await ctx.db
    .insertInto("bill_of_exchange")
    .values({
      id: billId,
      ...tenant,
      client_id: a,
      amount_cents: 80_000,
      issue_on: "2026-05-20",
      issue_place: "Lyon",
      due_on: "2026-06-30",
      drawee_name: "Atelier A",
      drawee_address: "1 rue de la République\n69002 Lyon",
      drawee_siren: null,
      domiciliation_bank: null,
      domiciliation_iban: null,
      payee_name: org.name,
      drawer_name: org.name,
      state: "accepted",
      accepted_on: "2026-05-25",
      presented_on: null,
      paid_on: null,
      unpaid_on: null,
      cancelled_on: null,
      lcr: 0,
      hold_until: "2026-07-05",
      document_id: null,
      payment_id: null,
    })
    .execute();
  await ctx.db
    .insertInto("bill_of_exchange_invoice")
    .values({ id: newId(), ...tenant, bill_id: billId, invoice_id: billed, amount_cents: 80_000 })
    .execute();

  const litigated = await invoice(b, "B-LIT", 150_000, "2026-02-01", "2026-01-01");
  await ctx.db
    .insertInto("recovery_case")
    .values({
      id: newId(),
      ...tenant,
      client_id: b,
      stage: "review",
      outcome: null,
      opened_on: "2026-05-01",
      closed_on: null,
      close_note: null,
      invoice_ids: JSON.stringify([litigated]),
    })
    .execute();
  await ctx.db.updateTable("invoice").set({ hold_kind: "recovery" }).where("id", "=", litigated).execute();

  const gone = await invoice(b, "B-GONE", 70_000, "2025-12-31", "2025-11-30");
  await ctx.db.updateTable("invoice").set({ status: "written_off" }).where("id", "=", gone).execute();
}

/** The weeks the fixture must give (expected, low, high, items), week 1 = 2026-06-08. */
export const EXPECTED_WEEKS: [number, number, number, number][] = [
  [18_000, 18_000, 67_500, 1],
  [149_500, 0, 149_500, 3],
  [0, 0, 149_500, 0],
  [98_000, 98_000, 147_500, 2],
  [0, 0, 72_500, 0],
  [0, 0, 50_000, 0],
  [50_000, 0, 50_000, 1],
  [0, 0, 50_000, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
];
