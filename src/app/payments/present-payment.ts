import type { AllocationRow, PaymentRow } from "../../db/repositories/payments.js";
import type { PaymentMethod, PaymentState } from "../../db/schema.js";

/** A payment as the API shows it: its allocations over invoices and what they add up to. */
export interface PaymentDto {
  id: string;
  date: string;
  amount_cents: number;
  method: PaymentMethod;
  reference: string | null;
  payer: string | null;
  client_id: string | null;
  client: string | null;
  /** `confirmed`, or `declared` by the client in the portal and awaiting verification. */
  state: PaymentState;
  /** Σ allocations; the rest of the amount is on account. */
  allocated_cents: number;
  allocations: { invoice_id: string; number: string; amount_cents: number }[];
}

export function presentPayment(row: PaymentRow, allocations: AllocationRow[]): PaymentDto {
  const mine = allocations.filter((a) => a.payment_id === row.id);
  return {
    id: row.id,
    date: row.date,
    amount_cents: row.amount_cents,
    method: row.method,
    reference: row.reference,
    payer: row.payer,
    client_id: row.client_id,
    client: row.client_name,
    state: row.state,
    allocated_cents: mine.reduce((sum, a) => sum + a.amount_cents, 0),
    allocations: mine.map((a) => ({
      invoice_id: a.invoice_id,
      number: a.number,
      amount_cents: a.amount_cents,
    })),
  };
}
