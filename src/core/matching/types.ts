/**
 * The values of bank-line matching (rapprochement bancaire): a credit of a bank statement, the open invoices fetched
 * as its candidates, what is known of the clients, and the decision with its reasons (docs/matching.md).
 */

/** A credit line of a bank statement, as the statement import stores it (bank_transaction). */
export interface BankLine {
  id: string;
  /** Booking date (date de comptabilisation), YYYY-MM-DD. */
  booking_date: string;
  /** The credited amount in cents, positive. */
  amount_cents: number;
  /** The bank's label (libellé), e.g. "VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2025-0042". */
  label: string;
  /** Unstructured remittance information (motif, RmtInf/Ustrd), "" when none. */
  remittance: string;
  /** Structured creditor reference (RF… / RmtInf/Strd), null when none. */
  creditor_reference: string | null;
  end_to_end_id: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  cheque_number: string | null;
}

/** An open invoice fetched as a candidate (by reference key, by amount, by client). */
export interface OpenInvoice {
  id: string;
  number: string;
  client_id: string;
  issue_date: string;
  due_date: string;
  total_cents: number;
  /** What is still owed, > 0. */
  balance_cents: number;
  kind: "invoice" | "deposit";
  /** numberKey(number) and looseNumberKey(number) as stored in their indexed columns (computed when absent). */
  number_key?: string;
  loose_key?: string;
}

/**
 * A payment announced before its money arrives, awaiting the bank line: a cheque the staff recorded on receipt, or
 * a payment the client declared on the portal (payment rows in the state `declared`).
 */
export interface DeclaredPayment {
  payment_id: string;
  invoice_id: string;
  amount_cents: number;
  /** transfer, cheque, card… */
  method: string;
  /** The cheque's number or the transfer's reference, as declared. */
  reference: string | null;
  /** The day it was declared paid (a cheque: received), YYYY-MM-DD. */
  date: string;
}

/** What is known of a client to recognise it as a payer. */
export interface ClientHint {
  client_id: string;
  name: string;
  /** Payer names learned when the user confirmed a match (as the bank wrote them). */
  aliases: string[];
  /** Accounts the client already paid from. */
  ibans: string[];
  /** A parent company and its subsidiaries share a group id, when known. */
  group_id?: string | null;
}

export type MatchReasonCode =
  | "number_in_text"
  | "number_fuzzy"
  | "amount_equals_balance"
  | "amount_equals_total"
  | "amount_sum_of_invoices"
  | "amount_fees"
  | "partial_with_reference"
  | "partial_payment"
  | "overpayment"
  | "amount_unique"
  | "payer_name"
  | "payer_alias"
  | "iban_known"
  | "payer_group"
  | "declared_payment"
  | "payer_other_client"
  | "before_issue"
  | "ambiguous"
  | "non_invoice_credit"
  | "own_transfer"
  | "no_candidate"
  | "below_threshold";

/** Why a candidate scored what it did; params are raw values (cents, numbers, names) the UI formats. */
export interface MatchReason {
  code: MatchReasonCode;
  params: Record<string, string | number>;
}

/** One invoice of a candidate and the part of the line allocated to it (≤ its balance). */
export interface Allocation {
  id: string;
  number: string;
  amount_cents: number;
}

/** One way to read the line: the invoices it pays (Σ allocations ≤ line amount), a score 0–100 and why. */
export interface Candidate {
  invoices: Allocation[];
  score: number;
  reasons: MatchReason[];
}

/**
 * auto: apply without asking; proposed: show `best` (and the alternatives) for confirmation; unmatched: nothing
 * good enough (the reasons say why; the alternatives, if any, are weak leads).
 */
export interface Decision {
  kind: "auto" | "proposed" | "unmatched";
  best?: Candidate;
  alternatives: Candidate[];
  /** Reasons about the line as a whole (non-invoice credit, ambiguity, nothing found). */
  reasons: MatchReason[];
}

/** What the app layer fetched for the line. */
export interface MatchContext {
  invoices: OpenInvoice[];
  /** Hints for the candidates' clients and for the clients the payer was recognised as. */
  clients: ClientHint[];
  /** The organization's own accounts: a credit from one of them is a transfer between own accounts. */
  ownIbans?: string[];
  /** Payments declared and not yet arrived whose amount is the line's (their invoices are among `invoices`). */
  declared?: DeclaredPayment[];
}
