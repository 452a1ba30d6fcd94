import { http, type Page } from "./client";
import type { ScoreSummary } from "./clients";

export type CallOutcome = "reached" | "voicemail" | "no_answer" | "wrong_number" | "call_back";
export const CALL_OUTCOMES: readonly CallOutcome[] = [
  "reached",
  "voicemail",
  "no_answer",
  "wrong_number",
  "call_back",
];
export type Tone = "friendly" | "firm" | "formal";
export type PromiseState = "open" | "kept" | "broken" | "cancelled";

export interface PaymentScore extends ScoreSummary {
  tone: Tone;
  average_days_late: number | null;
  invoices: number;
  late_invoices: number;
  longest_delay_days: number;
  trend: "improving" | "stable" | "worsening";
  broken_promises: number;
  first_delay: boolean;
}

export interface Call {
  id: string;
  client_id: string;
  client_name: string;
  user_name: string | null;
  occurred_at: string;
  occurred_on: string;
  contact_id: string | null;
  contact_name: string | null;
  phone: string | null;
  outcome: CallOutcome;
  call_back_on: string | null;
  notes: string | null;
  tone: string | null;
}

export interface PromiseToPay {
  id: string;
  client_id: string;
  client_name: string;
  call_id: string | null;
  amount_cents: number;
  promised_on: string;
  grace_days: number;
  hold_until: string;
  state: PromiseState;
  resolved_on: string | null;
  invoice_ids: string[];
  holds_client: boolean;
  created_at: string;
}

export interface CallSheet {
  as_of: string;
  locale: "fr" | "en";
  client: {
    id: string;
    name: string;
    kind: "business" | "consumer" | "public";
    siren: string | null;
    hold_kind: string | null;
    hold_until: string | null;
    hold_reason: string | null;
  };
  contacts: {
    id: string;
    name: string | null;
    role: string | null;
    phone: string | null;
    email: string | null;
    is_billing: boolean;
  }[];
  best_phone: { contact_id: string | null; name: string | null; phone: string } | null;
  invoices: {
    id: string;
    number: string;
    due_date: string;
    balance_cents: number;
    days_late: number;
    disputed: boolean;
    hold_kind: string | null;
    hold_until: string | null;
    penalty_cents: number | null;
    indemnity_cents: number | null;
    interest_cents: number | null;
    total_claim_cents: number | null;
  }[];
  totals: { balance_cents: number; overdue_cents: number; claim_cents: number; extras_cents: number };
  score: PaymentScore;
  script: {
    tone: Tone;
    opening: string;
    points: string[];
    proposals: {
      kind: "payment_date" | "plan" | "bill";
      date: string | null;
      text: string;
      link: string | null;
    }[];
  };
  history: {
    id: string;
    kind: string;
    occurred_on: string;
    summary: string;
    invoice_number: string | null;
    invoice_numbers?: string[];
  }[];
  calls: Call[];
  promises: PromiseToPay[];
  documents: { id: string; kind: string; filename: string; invoice_id: string | null; created_at: string }[];
}

export interface CallLogInput {
  outcome: CallOutcome;
  notes?: string | null;
  contact_id?: string | null;
  call_back_on?: string | null;
  promise?: { amount_cents: number; promised_on: string } | null;
  dispute?: { invoice_id: string; reason: string } | null;
  plan_requested?: boolean;
}

export interface LoggedCall {
  id: string;
  promise: PromiseToPay | null;
  task_ids: string[];
}

const client = (id: string) => `/clients/${encodeURIComponent(id)}`;

export const getCallSheet = (clientId: string) => http.get<CallSheet>(`${client(clientId)}/call-sheet`);
export const callSheetPdfUrl = (clientId: string) => `/api/v1${client(clientId)}/call-sheet.pdf`;
export const getClientScore = (clientId: string) => http.get<PaymentScore>(`${client(clientId)}/score`);
export const logCall = (clientId: string, body: CallLogInput) =>
  http.post<LoggedCall>(`${client(clientId)}/calls`, body);
export const listPromises = (query: { state?: PromiseState; client_id?: string }) =>
  http.get<Page<PromiseToPay>>("/promises", query);
export const cancelPromise = (id: string) =>
  http.post<PromiseToPay>(`/promises/${encodeURIComponent(id)}/cancel`);
