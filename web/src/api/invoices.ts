import { http, type Page } from "./client";
import type { ClientKind } from "./clients";

export type InvoiceStatus = "open" | "partially_paid" | "paid" | "cancelled" | "written_off";

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  "open",
  "partially_paid",
  "paid",
  "cancelled",
  "written_off",
];

export interface Invoice {
  id: string;
  number: string;
  client: string;
  client_id: string;
  kind: string;
  issue_date: string;
  due_date: string;
  total_cents: number;
  total_ht_cents: number | null;
  total_vat_cents: number | null;
  paid_cents: number;
  credited_cents: number;
  balance_cents: number;
  status: InvoiceStatus;
  days_late: number;
  disputed: boolean;
  source: string;
  /** What holds its reminders (a promise, a payment plan, a bill of exchange…); null when nothing does. */
  hold_kind?: string | null;
}

export interface InvoiceLine {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_ht_cents?: number;
}

export interface InvoiceDetail extends Omit<Invoice, "client"> {
  client: { id: string; name: string; kind: ClientKind };
  /** The organization's today (default date of the payment and credit-note forms). */
  today: string;
  lines: InvoiceLine[];
  payments: {
    payment_id: string;
    date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
  }[];
  credit_notes: { id: string; number: string; issue_date: string; total_cents: number }[];
  penalty_clause: string | null;
  notes: string | null;
  dispute_reason?: string | null;
  delivery_date?: string | null;
  /** This invoice's own hold on reminders (a promise to pay, a pause). */
  hold_kind?: "promise" | "manual" | "plan" | "bill" | "recovery" | null;
  hold_until?: string | null;
  hold_reason?: string | null;
  /** The day the daily run looks at the invoice again; null: nothing planned. */
  next_action_on?: string | null;
}

export interface InvoiceListQuery {
  status?: readonly string[];
  overdue?: boolean;
  disputed?: boolean;
  client_id?: string;
  q?: string;
  due_from?: string;
  due_to?: string;
  min_cents?: number;
  max_cents?: number;
  kind?: string;
}

export const listInvoices = (
  query: InvoiceListQuery & { cursor?: string; limit?: number },
  signal?: AbortSignal,
) =>
  http.get<Page<Invoice>>(
    "/invoices",
    {
      ...query,
      overdue: query.overdue ? "true" : undefined,
      disputed: query.disputed === undefined ? undefined : String(query.disputed),
    },
    signal,
  );

export const getInvoice = (id: string) => http.get<InvoiceDetail>(`/invoices/${encodeURIComponent(id)}`);

export const updateInvoice = (
  id: string,
  body: { disputed?: boolean; dispute_reason?: string | null; notes?: string | null },
) => http.patch<InvoiceDetail>(`/invoices/${encodeURIComponent(id)}`, body);

export const createCreditNote = (
  id: string,
  body: { number?: string; issue_date: string; amount_cents: number; reason: string },
) => http.post<unknown>(`/invoices/${encodeURIComponent(id)}/credit-notes`, body);

export interface InvoiceBody {
  client_id: string;
  issue_date: string;
  /** Absent: from the issue date and the client's payment term (else the organization's). */
  due_date?: string;
  delivery_date?: string | null;
  lines: { description: string; quantity_milli: number; unit_price_cents: number; vat_rate_bp: number }[];
}

/** Issues an invoice; without `number` it gets the next of the issue year's series (F-2026-0001). */
export const createInvoice = (body: InvoiceBody) => http.post<InvoiceDetail>("/invoices", body);

/** The number an invoice issued on that day would get now (nothing reserved). */
export const nextInvoiceNumber = (issueDate: string) =>
  http.get<{ prefix: string; number: string }>("/invoices/next-number", { issue_date: issueDate });
