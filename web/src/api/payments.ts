import { http, type Page } from "./client";

export type PaymentMethod =
  | "transfer"
  | "cheque"
  | "card"
  | "direct_debit"
  | "bill_of_exchange"
  | "cash"
  | "other";

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  "transfer",
  "cheque",
  "card",
  "direct_debit",
  "bill_of_exchange",
  "cash",
  "other",
];

export interface Payment {
  id: string;
  date: string;
  amount_cents: number;
  method: PaymentMethod;
  reference: string | null;
  payer: string | null;
  client_id: string | null;
  client: string | null;
  /** `confirmed`, or `declared`: on the portal (source `portal`) or a cheque received, to deposit (source `staff`). */
  state: string;
  source: string;
  /** The invoice a declared payment is for (no allocation until it is confirmed). */
  declared_invoice_id: string | null;
  allocations: { invoice_id: string; number: string; amount_cents: number }[];
}

export interface PaymentInput {
  date: string;
  amount_cents: number;
  method: PaymentMethod;
  reference?: string;
  payer?: string;
  client_id?: string;
  allocations: { invoice_id: string; amount_cents: number }[];
}

export const listPayments = (query: {
  client_id?: string;
  invoice_id?: string;
  from?: string;
  to?: string;
}) => http.get<Page<Payment>>("/payments", query);

export const recordPayment = (body: PaymentInput) => http.post<Payment>("/payments", body);

/** A payment declared on the portal: confirmed (it becomes a payment allocated to its invoice) or rejected. */
export const confirmDeclaredPayment = (id: string) =>
  http.post<Payment>(`/payments/${encodeURIComponent(id)}/confirm`, {});
export const rejectDeclaredPayment = (id: string, reason?: string | null) =>
  http.post<void>(`/payments/${encodeURIComponent(id)}/reject`, { reason: reason ?? null });

/** « Chèque reçu »: a cheque received for the invoice, awaiting deposit (a declared payment; reminders paused). */
export interface ReceivedChequeInput {
  amount_cents: number;
  received_on: string;
  cheque_number?: string;
  drawer?: string;
  bank?: string;
}

export const recordReceivedCheque = (invoiceId: string, body: ReceivedChequeInput) =>
  http.post<Payment>(`/invoices/${encodeURIComponent(invoiceId)}/received-cheques`, body);

/** A cheque recorded by the staff and not deposited yet (« À encaisser »). */
export const isChequeToDeposit = (p: Payment) =>
  p.state === "declared" && p.method === "cheque" && p.source === "staff";
