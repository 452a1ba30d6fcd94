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
  state: string;
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
