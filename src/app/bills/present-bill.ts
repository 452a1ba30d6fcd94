import { allowedEvents, type BillEvent } from "../../core/bills/state.js";
import type { BillInvoiceRow, BillRow } from "../../db/repositories/bills.js";
import type { BillState } from "../../db/schema.js";

/** A bill of exchange as the API and the CLI show it. */
export interface BillDto {
  id: string;
  client_id: string;
  amount_cents: number;
  issue_on: string;
  issue_place: string;
  due_on: string;
  drawee_name: string;
  drawee_address: string;
  domiciliation_bank: string | null;
  domiciliation_iban: string | null;
  payee_name: string;
  drawer_name: string;
  lcr: boolean;
  state: BillState;
  accepted_on: string | null;
  presented_on: string | null;
  paid_on: string | null;
  unpaid_on: string | null;
  cancelled_on: string | null;
  /** The invoices are held until this day (due date + grace). */
  hold_until: string;
  document_id: string | null;
  payment_id: string | null;
  invoices: { invoice_id: string; number: string; amount_cents: number; balance_cents: number }[];
  /** What can be done to it now. */
  actions: BillEvent[];
}

export function presentBill(row: BillRow, invoices: readonly BillInvoiceRow[]): BillDto {
  return {
    id: row.id,
    client_id: row.client_id,
    amount_cents: Number(row.amount_cents),
    issue_on: row.issue_on,
    issue_place: row.issue_place,
    due_on: row.due_on,
    drawee_name: row.drawee_name,
    drawee_address: row.drawee_address,
    domiciliation_bank: row.domiciliation_bank,
    domiciliation_iban: row.domiciliation_iban,
    payee_name: row.payee_name,
    drawer_name: row.drawer_name,
    lcr: Number(row.lcr) === 1,
    state: row.state,
    accepted_on: row.accepted_on,
    presented_on: row.presented_on,
    paid_on: row.paid_on,
    unpaid_on: row.unpaid_on,
    cancelled_on: row.cancelled_on,
    hold_until: row.hold_until,
    document_id: row.document_id,
    payment_id: row.payment_id,
    invoices: invoices
      .filter((i) => i.bill_id === row.id)
      .map((i) => ({
        invoice_id: i.invoice_id,
        number: i.number,
        amount_cents: i.amount_cents,
        balance_cents: i.balance_cents,
      })),
    actions: [...allowedEvents(row.state)],
  };
}
