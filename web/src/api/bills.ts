import { http } from "./client";

/** The life of a bill of exchange (lettre de change, docs/bills.md). */
export type BillState = "issued" | "accepted" | "presented" | "paid" | "unpaid" | "cancelled";
export type BillAction = "accept" | "present" | "pay" | "unpaid" | "cancel";

export interface Bill {
  id: string;
  client_id: string;
  amount_cents: number;
  issue_on: string;
  issue_place: string;
  due_on: string;
  drawee_name: string;
  domiciliation_bank: string | null;
  domiciliation_iban: string | null;
  payee_name: string;
  lcr: boolean;
  state: BillState;
  accepted_on: string | null;
  presented_on: string | null;
  paid_on: string | null;
  unpaid_on: string | null;
  cancelled_on: string | null;
  hold_until: string;
  document_id: string | null;
  invoices: { invoice_id: string; number: string; amount_cents: number; balance_cents: number }[];
  /** What can be done to it now. */
  actions: BillAction[];
}

export interface IssueBillInput {
  client_id: string;
  due_on: string;
  invoice_ids?: string[];
  amount_cents?: number;
  issue_place?: string;
  domiciliation_bank?: string;
  domiciliation_iban?: string;
  lcr?: boolean;
}

export const listBills = (clientId: string) => http.get<{ data: Bill[] }>("/bills", { client_id: clientId });

export const issueBill = (input: IssueBillInput) => http.post<Bill>("/bills", input);

export const moveBill = (id: string, action: BillAction, date?: string) =>
  http.post<Bill>(`/bills/${encodeURIComponent(id)}/${action}`, date ? { date } : {});

export const billPdfUrl = (id: string) => `/api/v1/bills/${encodeURIComponent(id)}/pdf`;
