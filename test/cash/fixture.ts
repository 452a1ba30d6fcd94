/**
 * A small hand-computed ledger for the aging balance and the « Encaissée » export (direct inserts: the reports
 * read what is stored, whichever route stored it). Amounts in cents; as of Monday 2025-06-30:
 *
 * Alpha SARL  A1 1 000,00 € due 05-31 (30 days late → 1–30); 300 € paid 07-05, after as_of.
 *             A2 500,00 € due 03-31 (91 days → > 90); credit note of 120 € on 06-15 → 380,00 €.
 *             A3 700,00 € issued 07-02: not yet issued on 06-30.
 * Bravo SAS   B1 250,00 € due 06-30, paid in full on 06-30: nothing owed.
 *             B2 800,00 € due 05-01 (60 days → 31–60); 200 € paid 06-01 → 600,00 €.
 *             B3 « =1+2 » 90,00 € due 04-30 (61 days → 61–90); 40 € paid 06-30 → 50,00 €.
 *             B4 1 234,56 € due 07-15 (not due); 100 € declared on the portal 06-20, not verified: not counted.
 *             B5 cancelled, B6 written off: left out.
 * Charlie     C1 400,00 € paid by cheque on 06-10: no row.
 */
import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/db/ids.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import { insertAllocations, insertPayments } from "../../src/db/repositories/payments.js";
import type { InvoiceKind, InvoiceStatus, PaymentMethod, PaymentState } from "../../src/db/schema.js";

const AT = "2025-06-01T00:00:00.000Z";
export const AS_OF = "2025-06-30";
export const BRAVO_SIREN = "552100554";

export const EXPECTED_ROWS = [
  {
    name: "Alpha SARL",
    not_due_cents: 0,
    d1_30_cents: 1000_00,
    d31_60_cents: 0,
    d61_90_cents: 0,
    over_90_cents: 380_00,
    total_cents: 1380_00,
    invoices: 2,
  },
  {
    name: "Bravo SAS",
    not_due_cents: 1234_56,
    d1_30_cents: 0,
    d31_60_cents: 600_00,
    d61_90_cents: 50_00,
    over_90_cents: 0,
    total_cents: 1884_56,
    invoices: 3,
  },
];
export const EXPECTED_TOTAL = {
  not_due_cents: 1234_56,
  d1_30_cents: 1000_00,
  d31_60_cents: 600_00,
  d61_90_cents: 50_00,
  over_90_cents: 380_00,
  total_cents: 3264_56,
  invoices: 5,
};

export async function addClient(ctx: AppContext, orgId: string, name: string, siren: string | null) {
  const id = newId();
  await insertClients(ctx.db, [
    newClientRow({ id, organization_id: orgId, kind: "business", name, siren }, AT),
  ]);
  return id;
}

export async function addInvoice(
  ctx: AppContext,
  orgId: string,
  clientId: string,
  number: string,
  f: {
    total: number;
    issue: string;
    due: string;
    status?: InvoiceStatus;
    kind?: InvoiceKind;
    creditedInvoiceId?: string;
  },
): Promise<string> {
  const id = newId();
  await insertInvoicesSkippingExisting(ctx.db, [
    {
      id,
      organization_id: orgId,
      client_id: clientId,
      quote_id: null,
      kind: f.kind ?? "invoice",
      number,
      issue_date: f.issue,
      delivery_date: null,
      due_date: f.due,
      currency: "EUR",
      total_ht_cents: null,
      total_vat_cents: null,
      total_ttc_cents: f.total,
      paid_cents: 0,
      credited_cents: f.kind === "credit_note" ? f.total : 0,
      credited_invoice_id: f.creditedInvoiceId ?? null,
      status: f.status ?? "open",
      penalty_clause: "default",
      indemnity_applies: 1,
      source: "created",
      disputed: 0,
      notes: null,
      created_at: AT,
      updated_at: AT,
      next_action_on: null,
    },
  ]);
  return id;
}

export async function addPayment(
  ctx: AppContext,
  orgId: string,
  clientId: string,
  invoiceId: string,
  date: string,
  amount: number,
  f: { state?: PaymentState; method?: PaymentMethod } = {},
): Promise<void> {
  const id = newId();
  await insertPayments(ctx.db, [
    {
      id,
      organization_id: orgId,
      client_id: clientId,
      date,
      amount_cents: amount,
      method: f.method ?? "transfer",
      reference: null,
      payer: null,
      state: f.state ?? "confirmed",
      source: "manual",
      created_at: AT,
      updated_at: AT,
    },
  ]);
  await insertAllocations(ctx.db, [
    {
      id: newId(),
      organization_id: orgId,
      payment_id: id,
      invoice_id: invoiceId,
      amount_cents: amount,
      created_at: AT,
      updated_at: AT,
    },
  ]);
}

/** The ledger above in organization `orgId`; returns the client ids by name. */
export async function agingFixture(ctx: AppContext, orgId: string): Promise<Record<string, string>> {
  const a = await addClient(ctx, orgId, "Alpha SARL", null);
  const b = await addClient(ctx, orgId, "Bravo SAS", BRAVO_SIREN);
  const c = await addClient(ctx, orgId, "Charlie", null);
  const inv = (client: string, number: string, f: Parameters<typeof addInvoice>[4]) =>
    addInvoice(ctx, orgId, client, number, f);
  const pay = (client: string, invoice: string, date: string, amount: number, f = {}) =>
    addPayment(ctx, orgId, client, invoice, date, amount, f);

  const a1 = await inv(a, "F-A1", { total: 1000_00, issue: "2025-05-01", due: "2025-05-31" });
  await pay(a, a1, "2025-07-05", 300_00);
  const a2 = await inv(a, "F-A2", { total: 500_00, issue: "2025-03-01", due: "2025-03-31" });
  await inv(a, "AV-F-A2", {
    total: -120_00,
    issue: "2025-06-15",
    due: "2025-06-15",
    kind: "credit_note",
    status: "paid",
    creditedInvoiceId: a2,
  });
  await inv(a, "F-A3", { total: 700_00, issue: "2025-07-02", due: "2025-08-01" });

  const b1 = await inv(b, "F-B1", { total: 250_00, issue: "2025-06-01", due: "2025-06-30", status: "paid" });
  await pay(b, b1, "2025-06-30", 250_00);
  const b2 = await inv(b, "F-B2", { total: 800_00, issue: "2025-04-01", due: "2025-05-01" });
  await pay(b, b2, "2025-06-01", 200_00);
  const b3 = await inv(b, "=1+2", { total: 90_00, issue: "2025-03-31", due: "2025-04-30" });
  await pay(b, b3, "2025-06-30", 40_00);
  const b4 = await inv(b, "F-B4", { total: 1234_56, issue: "2025-06-15", due: "2025-07-15" });
  await pay(b, b4, "2025-06-20", 100_00, { state: "declared" });
  await inv(b, "F-B5", { total: 999_00, issue: "2025-01-02", due: "2025-01-31", status: "cancelled" });
  await inv(b, "F-B6", { total: 555_00, issue: "2025-01-02", due: "2025-01-31", status: "written_off" });

  const c1 = await inv(c, "F-C1", { total: 400_00, issue: "2025-05-01", due: "2025-05-31", status: "paid" });
  await pay(c, c1, "2025-06-10", 400_00, { method: "cheque" });
  return { a, b, c };
}

/** The « Encaissée » rows of [2025-06-01, 2025-06-30], in order. */
export const EXPECTED_COLLECTED = [
  ["F-B2", "2025-04-01", BRAVO_SIREN, "2025-06-01", 200_00, "200.00", "transfer"],
  ["F-C1", "2025-05-01", null, "2025-06-10", 400_00, "400.00", "cheque"],
  ["=1+2", "2025-03-31", BRAVO_SIREN, "2025-06-30", 40_00, "40.00", "transfer"],
  ["F-B1", "2025-06-01", BRAVO_SIREN, "2025-06-30", 250_00, "250.00", "transfer"],
].map(([invoice_number, invoice_date, client_siren, payment_date, amount_cents, amount, payment_method]) => ({
  invoice_number,
  invoice_date,
  client_siren,
  payment_date,
  amount_cents,
  amount,
  payment_method,
  status_code: 212,
  status_label: "Encaissée",
}));
