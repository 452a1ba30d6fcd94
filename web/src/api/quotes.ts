import { http, type Page } from "./client";

/** A quote's state (devis, docs/quotes.md); a sent quote past its validity reads `expired`. */
export type QuoteStatus = "draft" | "sent" | "accepted" | "refused" | "expired";
export type QuoteAction = "send" | "accept" | "refuse";

export interface QuoteInvoice {
  id: string;
  kind: "deposit" | "invoice";
  number: string;
  total_cents: number;
  paid_cents: number;
  balance_cents: number;
}

export interface Quote {
  id: string;
  number: string;
  issue_date: string;
  valid_until: string | null;
  total_ttc_cents: number;
  deposit_percent: number;
  deposit_cents: number;
  status: QuoteStatus;
  invoices: QuoteInvoice[];
  /** `deposit_unpaid`: accepted, the deposit not fully paid — do not start the work. */
  warning: "deposit_unpaid" | null;
}

export const listQuotes = (clientId: string) =>
  http.get<Page<Quote>>("/quotes", { client_id: clientId, limit: "100" });

export const moveQuote = (id: string, action: QuoteAction) =>
  http.post<Quote>(`/quotes/${encodeURIComponent(id)}/${action}`, {});

export const createFinalInvoice = (id: string) =>
  http.post<{ id: string; number: string }>(`/quotes/${encodeURIComponent(id)}/final-invoice`, {});

export const quotePdfUrl = (id: string) => `/api/v1/quotes/${encodeURIComponent(id)}/quote.pdf`;
