import type { Action } from "./actions";
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
  sent_at: string | null;
  accepted_at: string | null;
  invoices: QuoteInvoice[];
  /** `deposit_unpaid`: accepted, the deposit not fully paid — do not start the work. */
  warning: "deposit_unpaid" | null;
}

export const listQuotes = (clientId: string) =>
  http.get<Page<Quote>>("/quotes", { client_id: clientId, limit: "100" });

export const moveQuote = (id: string, action: QuoteAction) =>
  http.post<Quote>(`/quotes/${encodeURIComponent(id)}/${action}`, {});

/** Sends a quote: `email` also e-mails it (PDF attached) through the outbox, once; false only marks it sent. */
export const sendQuote = (id: string, email: boolean) =>
  http.post<Quote>(`/quotes/${encodeURIComponent(id)}/send`, { email });

/** Who accepted and how: `portal` (the name the client typed, its IP), `manual` or `signed` (recorded by a user). */
export interface QuoteAcceptance {
  by: string | null;
  how: string;
  ip: string | null;
  name: string | null;
}

export interface QuoteDetail extends Quote {
  acceptance: QuoteAcceptance | null;
}

export const getQuote = (id: string) => http.get<QuoteDetail>(`/quotes/${encodeURIComponent(id)}`);

/** The timeline entries about quotes (their `data.quote_id` names the quote). */
export const QUOTE_ACTION_KINDS = [
  "quote_sent",
  "quote_email",
  "quote_expiry_reminder",
  "quote_accepted",
  "quote_refused",
  "quote_expired",
  "portal_quote_accepted",
  "portal_quote_refused",
  "portal_download",
] as const;

export const listQuoteActions = (clientId: string) =>
  http.get<Page<Action>>("/actions", {
    client_id: clientId,
    kind: QUOTE_ACTION_KINDS.join(","),
    limit: "100",
  });

/** The quote an entry is about, if any. */
export function quoteIdOf(action: Action): string | null {
  const data = action.data as { quote_id?: unknown } | null;
  return data && typeof data.quote_id === "string" ? data.quote_id : null;
}

export const createFinalInvoice = (id: string) =>
  http.post<{ id: string; number: string }>(`/quotes/${encodeURIComponent(id)}/final-invoice`, {});

export const quotePdfUrl = (id: string) => `/api/v1/quotes/${encodeURIComponent(id)}/quote.pdf`;

/** A line as the quote and invoice forms send it (cents, thousandths, basis points). */
export interface SaleLineBody {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
}

export interface QuoteBody {
  client_id: string;
  number: string;
  issue_date: string;
  valid_until: string | null;
  deposit_percent: number;
  lines: SaleLineBody[];
}

export const createQuote = (body: QuoteBody) => http.post<QuoteDetail>("/quotes", body);

/** The organization's latest quotes (any client), to propose the next D-YYYY-NNN number. */
export const listRecentQuotes = () => http.get<Page<Quote>>("/quotes", { limit: "100" });
