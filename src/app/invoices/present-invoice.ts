import { type PlainDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { daysLate } from "../../core/invoices/balance.js";
import type { InvoiceLineRow, InvoiceListItem } from "../../db/repositories/invoices.js";
import type { PaymentOfInvoice } from "../../db/repositories/payments.js";
import type { ClientKind, HoldKind, InvoiceKind, InvoiceStatus } from "../../db/schema.js";

/** What the API and `--json` show of an invoice: never a raw row. */
export interface InvoiceDto {
  id: string;
  number: string;
  client: string;
  client_id: string;
  kind: InvoiceKind;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  total_ht_cents: number | null;
  total_vat_cents: number | null;
  paid_cents: number;
  /** Σ credit notes (avoirs) applied. */
  credited_cents: number;
  balance_cents: number;
  status: InvoiceStatus;
  days_late: number;
  disputed: boolean;
  source: string;
  /**
   * This invoice's own hold on reminders: `promise` (a promise to pay), `plan` (a payment plan in force), `bill`
   * (a bill of exchange pending), `manual`…; null when none. The lists show it as a badge.
   */
  hold_kind: HoldKind | null;
}

export interface InvoiceLineDto {
  position: number;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  discount_cents: number;
  /** The line's net amount excluding VAT, after its discount. */
  total_ht_cents: number;
}

/** One invoice with everything its page shows. */
export interface InvoiceDetailDto extends Omit<InvoiceDto, "client"> {
  client: { id: string; name: string; kind: ClientKind };
  /** The organization's today, for the forms that default to it (a payment's or a credit note's date). */
  today: string;
  delivery_date: string | null;
  penalty_clause: string;
  indemnity_applies: boolean;
  notes: string | null;
  /** The reason given when the current dispute was opened (null when not disputed). */
  dispute_reason: string | null;
  lines: InvoiceLineDto[];
  payments: {
    payment_id: string;
    date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
  }[];
  credit_notes: { id: string; number: string; issue_date: string | null; total_cents: number }[];
  /** On a credit note: the invoice it reduces. */
  credited_invoice: { id: string; number: string } | null;
  hold_until: string | null;
  hold_reason: string | null;
  /** The day the daily run looks at the invoice again; null when nothing is planned. */
  next_action_on: string | null;
}

export function presentInvoice(row: InvoiceListItem, today: PlainDate): InvoiceDto {
  const balance = row.total_ttc_cents - row.paid_cents - row.credited_cents;
  const due = parseIsoDate(row.due_date);
  const open = row.status === "open" || row.status === "partially_paid";
  return {
    id: row.id,
    number: row.number,
    client: row.client_name,
    client_id: row.client_id,
    kind: row.kind,
    issue_date: row.issue_date,
    due_date: row.due_date,
    total_cents: row.total_ttc_cents,
    total_ht_cents: row.total_ht_cents,
    total_vat_cents: row.total_vat_cents,
    paid_cents: row.paid_cents,
    credited_cents: row.credited_cents,
    balance_cents: balance,
    status: row.status,
    days_late: open && due.ok ? daysLate(due.value, today) : 0,
    disputed: row.disputed === 1,
    source: row.source,
    hold_kind: row.hold_kind,
  };
}

export function presentInvoiceDetail(
  row: InvoiceListItem,
  today: PlainDate,
  related: {
    lines: InvoiceLineRow[];
    payments: PaymentOfInvoice[];
    creditNotes: { id: string; number: string; issue_date: string | null; total_ttc_cents: number }[];
    disputeReason: string | null;
    creditedInvoice: { id: string; number: string } | null;
  },
): InvoiceDetailDto {
  const { client: _name, ...summary } = presentInvoice(row, today);
  return {
    ...summary,
    today: toIso(today),
    client: { id: row.client_id, name: row.client_name, kind: row.client_kind as ClientKind },
    delivery_date: row.delivery_date,
    penalty_clause: row.penalty_clause,
    indemnity_applies: row.indemnity_applies === 1,
    notes: row.notes,
    dispute_reason: row.disputed === 1 ? related.disputeReason : null,
    lines: related.lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity_milli: l.quantity_milli,
      unit_price_cents: l.unit_price_cents,
      vat_rate_bp: l.vat_rate_bp,
      discount_cents: l.discount_cents,
      total_ht_cents: l.net_cents,
    })),
    payments: related.payments.map((p) => ({
      payment_id: p.id,
      date: p.date,
      amount_cents: p.amount_cents,
      method: p.method,
      reference: p.reference,
    })),
    credit_notes: related.creditNotes.map((c) => ({
      id: c.id,
      number: c.number,
      issue_date: c.issue_date,
      total_cents: c.total_ttc_cents,
    })),
    credited_invoice: related.creditedInvoice,
    hold_until: row.hold_until,
    hold_reason: row.hold_reason,
    next_action_on: row.next_action_on,
  };
}
