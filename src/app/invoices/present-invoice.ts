import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { daysLate } from "../../core/invoices/balance.js";
import type { InvoiceListItem } from "../../db/repositories/invoices.js";

/** What the API and `--json` show of an invoice: never a raw row. */
export interface InvoiceDto {
  id: string;
  number: string;
  client: string;
  client_id: string;
  kind: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  total_ht_cents: number | null;
  total_vat_cents: number | null;
  paid_cents: number;
  /** Σ credit notes (avoirs) applied. */
  credited_cents: number;
  balance_cents: number;
  status: string;
  days_late: number;
  disputed: boolean;
  source: string;
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
  };
}
