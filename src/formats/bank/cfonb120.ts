/**
 * CFONB 120 (relevé de compte, the fixed-width export of French banks; LAW.md §11): records of 120 characters —
 * 01 old balance, 04 movement, 05 complement of the movement before it, 07 new balance. A statement runs from a 01
 * to its 07. Amounts are 14 characters whose last one carries the last digit and the sign ({, A–I positive; }, J–R
 * negative), in units of 10^-decimals (position 20). Dates are DDMMYY. Lines may be separated by CR/LF or not at all.
 *
 * Positions (1-based): 1–2 record code, 3–7 bank, 8–11 operation code, 12–16 branch, 17–19 currency, 20 decimals,
 * 22–32 account, 33–34 interbank operation code, 35–40 date (booking for 04), 43–48 value date, 49–79 label,
 * 82–88 entry number, 91–104 amount, 105–120 reference; in a 05: 46–48 qualifier (LIB label, NPY payer name,
 * RCN/REF references…), 49–118 the information.
 */
import { parseIsoDate } from "../../core/calendar.js";
import {
  type BankStatement,
  type StatementEntry,
  type StatementProblem,
  type StatementResult,
  statementProblem,
} from "./types.js";

const RECORD = 120;
const SIGNS = "{ABCDEFGHI}JKLMNOPQR";

/** The record's lines: split on line breaks, or every 120 characters when the file has none. */
function records(text: string): string[] {
  const body = text.replace(/^\uFEFF/, "");
  if (!/[\r\n]/.test(body.trim()) && body.length > RECORD) {
    const out: string[] = [];
    for (let i = 0; i < body.length; i += RECORD) out.push(body.slice(i, i + RECORD));
    return out;
  }
  return body.split(/\r\n|\r|\n/);
}

/** An amount field, in cents (null when malformed). */
function amountOf(field: string, decimalsChar: string): number | null {
  const decimals = Number(decimalsChar);
  const last = SIGNS.indexOf(field.slice(-1));
  const digits = field.slice(0, -1);
  if (!/^\d{13}$/.test(digits) || last < 0 || !/^[0-9]$/.test(decimalsChar)) return null;
  const negative = last >= 10;
  const units = BigInt(`${digits}${last % 10}`);
  const cents = decimals >= 2 ? units / 10n ** BigInt(decimals - 2) : units * 10n ** BigInt(2 - decimals);
  if (decimals > 2 && units % 10n ** BigInt(decimals - 2) !== 0n) return null;
  const value = Number(cents);
  return negative ? -value : value;
}

/** DDMMYY → YYYY-MM-DD (years 00–69 are 20xx, 70–99 are 19xx); null when not a date. */
function dateOf(field: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(field);
  if (!m) return null;
  const [, dd, mm, yy] = m as unknown as [string, string, string, string];
  const year = Number(yy) < 70 ? 2000 + Number(yy) : 1900 + Number(yy);
  const iso = `${year}-${mm}-${dd}`;
  return parseIsoDate(iso).ok ? iso : null;
}

const field = (line: string, from: number, to: number) => line.slice(from - 1, to);
const clean = (s: string) => s.replace(/\s+/g, " ").trim();

interface Open {
  statement: BankStatement;
  line: number;
}

export function readCfonb120(text: string): StatementResult {
  const problems: StatementProblem[] = [];
  const statements: BankStatement[] = [];
  let open: Open | null = null;
  let last: StatementEntry | null = null;
  const lines = records(text);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const record = raw.padEnd(RECORD, " ");
    if (raw.length > RECORD || !/^0[1457]$/.test(record.slice(0, 2))) {
      problems.push(statementProblem("statement.cfonb_record", { code: record.slice(0, 2) }, line));
      return;
    }
    const code = record.slice(0, 2);
    const account = `${field(record, 3, 7)}${field(record, 12, 16)}${field(record, 22, 32)}`.replace(
      /\s/g,
      "",
    );
    const currency = field(record, 17, 19).trim() || "EUR";
    const amount = amountOf(field(record, 91, 104), field(record, 20, 20));
    const date = dateOf(field(record, 35, 40));
    if (code === "05") {
      if (!last || !open) {
        problems.push(statementProblem("statement.cfonb_orphan_complement", {}, line));
        return;
      }
      const qualifier = field(record, 46, 48).trim();
      const info = clean(field(record, 49, 118));
      if (qualifier === "NPY" || qualifier === "NBE") last.counterparty_name ??= info || null;
      else if (qualifier === "LIB" || qualifier === "LCC") last.label = clean(`${last.label} ${info}`);
      else last.remittance = clean(`${last.remittance} ${info}`);
      return;
    }
    if (amount === null) {
      problems.push(
        statementProblem(
          "statement.invalid_amount",
          { where: `ligne ${line}`, value: field(record, 91, 104) },
          line,
        ),
      );
      return;
    }
    if (!date) {
      problems.push(
        statementProblem(
          "statement.invalid_date",
          { where: `ligne ${line}`, value: field(record, 35, 40) },
          line,
        ),
      );
      return;
    }
    if (code === "01") {
      if (open) problems.push(statementProblem("statement.cfonb_unclosed", { line: open.line }, line));
      open = {
        line,
        statement: {
          id: `${account}:${date}`,
          account_iban: null,
          account_id: account,
          currency,
          from_date: date,
          to_date: null,
          opening_balance_cents: amount,
          closing_balance_cents: null,
          entries: [],
        },
      };
      last = null;
      return;
    }
    if (!open) {
      problems.push(statementProblem("statement.cfonb_outside", { code }, line));
      return;
    }
    const current: Open = open;
    if (code === "07") {
      current.statement.to_date = date;
      current.statement.closing_balance_cents = amount;
      current.statement.id = `${account}:${current.statement.from_date}:${date}`;
      statements.push(current.statement);
      open = null;
      last = null;
      return;
    }
    const index = current.statement.entries.length;
    const entryNumber = field(record, 82, 88).trim();
    const reference = field(record, 105, 120).trim();
    last = {
      index,
      bank_ref: "", // set when the statement is closed: it names the statement
      ref_kind: "position",
      booking_date: date,
      value_date: dateOf(field(record, 43, 48)),
      amount_cents: Math.abs(amount),
      direction: amount >= 0 ? "credit" : "debit",
      currency,
      reversal: false,
      label: clean(field(record, 49, 79)),
      remittance: reference,
      creditor_reference: null,
      end_to_end_id: null,
      counterparty_name: null,
      counterparty_iban: null,
      transaction_code: field(record, 33, 34).trim() || null,
      cheque_number: null,
    };
    if (entryNumber !== "" && !/^0+$/.test(entryNumber)) {
      last.bank_ref = `${account}:${date}:${entryNumber}`;
      last.ref_kind = "bank";
    }
    current.statement.entries.push(last);
  });
  if (open)
    problems.push(statementProblem("statement.cfonb_unclosed", { line: (open as Open).line }, lines.length));
  if (problems.length > 0) return { ok: false, problems };
  if (statements.length === 0)
    return { ok: false, problems: [statementProblem("statement.none", { format: "CFONB 120" })] };
  for (const statement of statements) {
    for (const entry of statement.entries) {
      if (entry.bank_ref === "") entry.bank_ref = `${statement.id}#${entry.index + 1}`;
    }
  }
  return { ok: true, file: { format: "cfonb120", statements } };
}
