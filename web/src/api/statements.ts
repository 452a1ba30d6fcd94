import { http, type Page } from "./client";

export type BankLineState = "proposed" | "unmatched" | "matched" | "ignored";

export const BANK_LINE_STATES: readonly BankLineState[] = ["proposed", "unmatched", "matched", "ignored"];

/** A reason of a proposal or of no match, worded by the server in the request's language. */
export interface MatchReason {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export interface BankLineInvoice {
  id: string;
  number: string;
  client_id: string | null;
  client: string | null;
  /** The part of the line allocated to this invoice. */
  amount_cents: number;
  balance_cents: number | null;
  status: string | null;
}

export interface MatchCandidate {
  score: number;
  invoices: BankLineInvoice[];
  reasons: MatchReason[];
}

export interface BankLine {
  id: string;
  booking_date: string;
  value_date: string | null;
  amount_cents: number;
  currency: string;
  label: string;
  remittance: string;
  counterparty: string | null;
  counterparty_iban: string | null;
  bank_ref: string;
  state: BankLineState;
  score: number | null;
  best: MatchCandidate | null;
  alternatives: MatchCandidate[];
  reasons: MatchReason[];
  payment_id: string | null;
  invoices: BankLineInvoice[];
}

interface MatchedLine {
  id: string;
  amount_cents: number;
  invoices: string[];
  score: number;
}

export interface StatementReport {
  format: string;
  statements: number;
  transactions: number;
  credits: number;
  new_credits: number;
  auto_matched: MatchedLine[];
  proposed: MatchedLine[];
  unmatched: { id: string; amount_cents: number; label: string }[];
}

export const BANK_LINES_KEY = ["bank-lines"] as const;

/** Uploads a bank statement (camt.053, CFONB 120, OFX, CSV): imported and matched at once. */
export function importStatement(file: File): Promise<StatementReport> {
  const form = new FormData();
  form.append("file", file, file.name);
  return http.upload<StatementReport>("/statements", form);
}

export interface MatchAgainReport {
  lines: number;
  auto_matched: MatchedLine[];
  proposed: MatchedLine[];
  unmatched: { id: string; amount_cents: number; label: string }[];
}

/** « Rapprocher à nouveau »: the lines unmatched or proposed that the user has not answered, matched again. */
export const matchBankLinesAgain = () => http.post<MatchAgainReport>("/bank-lines/match");

export const listBankLines = (
  query: { state: BankLineState; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => http.get<Page<BankLine>>("/bank-lines", query, signal);

const line = (id: string, action: string) => `/bank-lines/${encodeURIComponent(id)}/${action}`;

/** The stored proposal, or the invoices and amounts chosen by hand (a split). */
export const confirmBankLine = (id: string, allocations?: { invoice_id: string; amount_cents: number }[]) =>
  http.post<{ payment_id: string }>(line(id, "confirm"), allocations ? { allocations } : {});

export const rejectBankLine = (id: string) => http.post<void>(line(id, "reject"));
export const ignoreBankLine = (id: string) => http.post<void>(line(id, "ignore"));
export const restoreBankLine = (id: string) => http.post<void>(line(id, "restore"));
export const undoBankLine = (id: string) => http.post<void>(line(id, "undo"));
