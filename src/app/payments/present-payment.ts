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
  /**
   * `confirmed`, or `declared` and awaiting verification: by the client on the portal (source `portal`), or a
   * cheque the staff received and have not deposited yet (source `staff`, method `cheque`: « À encaisser »).
   */
  state: PaymentState;
  /** Where the payment comes from: `manual`, `bank`, `portal`, `staff` (a cheque received), `import`… */
  source: string;
  /** The invoice a declared payment is for (it has no allocation until it is confirmed); null otherwise. */
  declared_invoice_id: string | null;
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
    source: row.source,
    declared_invoice_id: row.declared_invoice_id,
    allocated_cents: mine.reduce((sum, a) => sum + a.amount_cents, 0),
    allocations: mine.map((a) => ({
      invoice_id: a.invoice_id,
      number: a.number,
      amount_cents: a.amount_cents,
    })),
  };
}
