import { formatIsoDate } from "../../core/calendar.js";
import { reasonMessage } from "../../core/matching/reason-message.js";
import type { Candidate, MatchReason } from "../../core/matching/types.js";
import { formatMessage, isMessageCode, type Locale } from "../../core/messages.js";
import type { BankLineInvoiceRow } from "../../db/repositories/bank-lines.js";
import type { AllocationRow } from "../../db/repositories/payments.js";
import type { BankMatchState, BankTransaction } from "../../db/schema.js";

/** A reason with its words in the request's language (the code itself while no message names it). */
export interface ReasonDto {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

/** An invoice of a proposal or of a match, with its client and what is still owed. */
export interface BankLineInvoiceDto {
  id: string;
  number: string;
  client_id: string | null;
  client: string | null;
  /** The part of the line allocated to this invoice. */
  amount_cents: number;
  balance_cents: number | null;
  status: string | null;
}

export interface CandidateDto {
  score: number;
  invoices: BankLineInvoiceDto[];
  reasons: ReasonDto[];
}

/** A bank statement credit as the reconciliation screen shows it. */
export interface BankLineDto {
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
  state: BankMatchState;
  score: number | null;
  /** The best candidate (the proposal, or the match applied), the others, and the reasons about the line. */
  best: CandidateDto | null;
  alternatives: CandidateDto[];
  reasons: ReasonDto[];
  /** A matched line: the payment it recorded and the invoices it settles. */
  payment_id: string | null;
  invoices: BankLineInvoiceDto[];
}

/**
 * The words of a match reason: its message (core/matching/reason-message.ts → core/i18n/matching.ts, amounts
 * formatted) with dates written for the locale; the code itself while no message has it.
 */
export function reasonText(locale: Locale, reason: MatchReason): string {
  const { code, params } = reasonMessage(reason, locale);
  if (typeof params.issue_date === "string") params.issue_date = formatIsoDate(params.issue_date, locale);
  return isMessageCode(code) ? formatMessage(locale, code, params) : reason.code;
}

interface Stored {
  best?: Candidate | null;
  alternatives?: Candidate[];
  reasons?: MatchReason[];
}

function parseStored(json: string | null): Stored {
  if (!json) return {};
  try {
    return JSON.parse(json) as Stored;
  } catch {
    return {};
  }
}

/** The invoice ids a line's stored proposal names (to fetch them for a page at once). */
export function invoiceIdsOf(line: BankTransaction): string[] {
  const s = parseStored(line.match_reasons);
  return [s.best, ...(s.alternatives ?? [])].flatMap((c) => (c ? c.invoices.map((i) => i.id) : []));
}

export function presentBankLine(
  line: BankTransaction,
  invoices: ReadonlyMap<string, BankLineInvoiceRow>,
  allocations: readonly AllocationRow[],
  locale: Locale,
): BankLineDto {
  const stored = parseStored(line.match_reasons);
  const reasons = (list: readonly MatchReason[] | undefined): ReasonDto[] =>
    (list ?? []).map((r) => ({ code: r.code, params: r.params ?? {}, message: reasonText(locale, r) }));
  const invoice = (id: string, number: string, amount: number): BankLineInvoiceDto => {
    const row = invoices.get(id);
    return {
      id,
      number: row?.number ?? number,
      client_id: row?.client_id ?? null,
      client: row?.client_name ?? null,
      amount_cents: amount,
      balance_cents: row ? row.balance_cents : null,
      status: row?.status ?? null,
    };
  };
  const candidate = (c: Candidate): CandidateDto => ({
    score: c.score,
    invoices: c.invoices.map((i) => invoice(i.id, i.number, i.amount_cents)),
    reasons: reasons(c.reasons),
  });
  return {
    id: line.id,
    booking_date: line.booking_date,
    value_date: line.value_date,
    amount_cents: Number(line.amount_cents),
    currency: line.currency,
    label: line.label,
    remittance: line.remittance,
    counterparty: line.counterparty_name,
    counterparty_iban: line.counterparty_iban,
    bank_ref: line.bank_ref,
    state: line.match_state,
    score: line.match_score === null ? null : Number(line.match_score),
    best: stored.best ? candidate(stored.best) : null,
    alternatives: (stored.alternatives ?? []).map(candidate),
    reasons: reasons(stored.reasons),
    payment_id: line.payment_id,
    invoices: allocations
      .filter((a) => line.payment_id !== null && a.payment_id === line.payment_id)
      .map((a) => invoice(a.invoice_id, a.number, Number(a.amount_cents))),
  };
}
