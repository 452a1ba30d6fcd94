/**
 * Bank statements as the files state them (issue 9): camt.053 (ISO 20022), CFONB 120 (French banks' fixed-width
 * records), OFX, and CSV exports. Amounts are integer cents; dates are calendar dates (YYYY-MM-DD) as the bank
 * booked them. The readers never touch the database nor the network.
 */

export type StatementFormat = "camt053" | "cfonb120" | "ofx" | "csv";

export interface StatementEntry {
  /** The entry's position in its statement, from 0. */
  index: number;
  /**
   * The bank's own reference of the entry: the account servicer's reference (camt.053 AcctSvcrRef, OFX FITID), else
   * the end-to-end id, else a stable id from the statement and the position — never from the content alone, so
   * identical lines of one statement are all kept and the same statement imported again is recognised.
   */
  bank_ref: string;
  /** Where bank_ref comes from. */
  ref_kind: "bank" | "end_to_end" | "position";
  booking_date: string;
  value_date: string | null;
  /** Positive; `direction` tells a credit (money in) from a debit. */
  amount_cents: number;
  direction: "credit" | "debit";
  currency: string;
  /** A reversal (camt.053 RvslInd): the bank cancelled an earlier entry. */
  reversal: boolean;
  /** The bank's label, and the remittance information (unstructured lines, structured creditor reference). */
  label: string;
  remittance: string;
  /** ISO 11649 / scheme reference given by the payer (camt.053 Strd/CdtrRefInf/Ref). */
  creditor_reference: string | null;
  end_to_end_id: string | null;
  /** The other party: the payer of a credit, the payee of a debit. */
  counterparty_name: string | null;
  counterparty_iban: string | null;
  /** Bank transaction code as written (camt.053 domain/family/sub-family, CFONB operation code, OFX TRNTYPE). */
  transaction_code: string | null;
  cheque_number: string | null;
}

export interface BankStatement {
  /** The statement's own id when the file gives one (camt.053 Stmt/Id), else built from the account and dates. */
  id: string;
  account_iban: string | null;
  /** The account as written when it is not an IBAN (CFONB bank + branch + account, OFX ACCTID). */
  account_id: string | null;
  currency: string;
  from_date: string | null;
  to_date: string | null;
  opening_balance_cents: number | null;
  closing_balance_cents: number | null;
  entries: StatementEntry[];
}

export interface StatementFile {
  format: StatementFormat;
  statements: BankStatement[];
}

export interface StatementProblem {
  code: string;
  params: Record<string, string | number>;
  /** 1-based line of the file when known, else 0. */
  line: number;
}

export type StatementResult = { ok: true; file: StatementFile } | { ok: false; problems: StatementProblem[] };

export function statementProblem(
  code: string,
  params: Record<string, string | number> = {},
  line = 0,
): StatementProblem {
  return { code, params, line };
}
