import { http, request } from "./client";

/** The client portal: the staff's link (under /api/v1) and the portal's own API (/api/portal/:token). */

export interface PortalLink {
  id: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  created_by: string | null;
}

export const getPortalLink = (clientId: string) =>
  http.get<{ link: PortalLink | null }>(`/clients/${clientId}/portal-link`);
export const createPortalLink = (clientId: string) =>
  http.post<PortalLink & { url: string }>(`/clients/${clientId}/portal-link`);
export const revokePortalLink = (clientId: string) => http.delete(`/clients/${clientId}/portal-link`);

export type PortalInvoiceStatus = "open" | "partially_paid" | "paid" | "cancelled" | "written_off";

export interface PortalInvoice {
  id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  paid_cents: number;
  credited_cents: number;
  balance_cents: number;
  status: PortalInvoiceStatus;
  overdue: boolean;
  disputed: boolean;
  declared_cents: number;
}

/** A quote awaiting the client's answer (sent, within its validity). */
export interface PortalQuote {
  id: string;
  number: string;
  issue_date: string;
  valid_until: string | null;
  total_ht_cents: number;
  total_ttc_cents: number;
  deposit_cents: number;
}

export interface PortalView {
  organization: {
    name: string;
    email: string | null;
    phone: string | null;
    address: string | null;
    postal_code: string | null;
    city: string | null;
    iban: string | null;
    bic: string | null;
  };
  client: { name: string; language: "fr" | "en" };
  today: string;
  expires_at: string;
  owed_cents: number;
  qr_available: boolean;
  invoices: PortalInvoice[];
  quotes: PortalQuote[];
  declared_payments: {
    id: string;
    date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
    invoice_number: string | null;
  }[];
}

export const DECLARABLE_METHODS = ["transfer", "cheque", "card", "cash", "other"] as const;
export type DeclarableMethod = (typeof DECLARABLE_METHODS)[number];

const PORTAL = "/api/portal";
const base = (token: string) => `/${encodeURIComponent(token)}`;

export const getPortalView = (token: string) => request<PortalView>("GET", base(token), { base: PORTAL });

/** The EPC QR code image: everything owed, or one invoice. */
export const portalQrUrl = (token: string, invoiceId?: string) =>
  `${PORTAL}${base(token)}/qr.png${invoiceId ? `?invoice_id=${encodeURIComponent(invoiceId)}` : ""}`;

export const portalPdfUrl = (token: string, invoiceId: string) =>
  `${PORTAL}${base(token)}/invoices/${encodeURIComponent(invoiceId)}/pdf`;

/** « J'ai payé »: `idempotencyKey` is made when the form opens, so a retried or doubled submit declares once. */
export const declarePortalPayment = (
  token: string,
  invoiceId: string,
  body: { date: string; amount_cents: number; method: DeclarableMethod; reference?: string | null },
  idempotencyKey: string,
) =>
  request<{ payment_id: string; hold_until: string | null }>(
    "POST",
    `${base(token)}/invoices/${encodeURIComponent(invoiceId)}/declared-payments`,
    { base: PORTAL, body, headers: { "Idempotency-Key": idempotencyKey } },
  );

/** « Contester »: JSON, or multipart with the optional attachment (PDF, PNG, JPEG up to 10 MiB). */
export function disputePortalInvoice(token: string, invoiceId: string, reason: string, file?: File | null) {
  const path = `${base(token)}/invoices/${encodeURIComponent(invoiceId)}/dispute`;
  if (!file) return request<void>("POST", path, { base: PORTAL, body: { reason } });
  const form = new FormData();
  form.append("reason", reason);
  form.append("file", file);
  return request<void>("POST", path, { base: PORTAL, form });
}

export const portalQuotePdfUrl = (token: string, quoteId: string) =>
  `${PORTAL}${base(token)}/quotes/${encodeURIComponent(quoteId)}/pdf`;

/** « Accepter » / « Refuser » a quote under the name the client types. */
export const answerPortalQuote = (
  token: string,
  quoteId: string,
  answer: "accept" | "refuse",
  body: { name: string; reason?: string | null },
) =>
  request<{ status: string; deposit_invoice_id: string | null }>(
    "POST",
    `${base(token)}/quotes/${encodeURIComponent(quoteId)}/${answer}`,
    { base: PORTAL, body },
  );

/** « Demander un échéancier »: a request for the staff (no plan is created). */
export const requestPortalPlan = (token: string, body: { installments: number; message?: string | null }) =>
  request<{ task_id: string }>("POST", `${base(token)}/plan-request`, { base: PORTAL, body });
