/**
 * OFX bank statements (Open Financial Exchange 1.x in SGML, whose leaf elements are not closed, and 2.x in XML):
 * each `STMTRS` (or `CCSTMTRS`) is a statement — the account (`BANKACCTFROM`: BANKID, BRANCHID, ACCTID), the
 * currency (`CURDEF`), `BANKTRANLIST` with DTSTART / DTEND and its `STMTTRN` transactions (TRNTYPE, DTPOSTED, DTUSER,
 * TRNAMT signed, FITID the bank's unique id, CHECKNUM, REFNUM, NAME, MEMO), `LEDGERBAL`. Read with a small
 * tokenizer: no DTD, no entity, no network.
 */
import { parseIsoDate } from "../../core/calendar.js";
import { parseDecimalCents } from "../../core/money.js";
import {
  type BankStatement,
  type StatementEntry,
  type StatementProblem,
  type StatementResult,
  statementProblem,
} from "./types.js";

interface Element {
  name: string;
  line: number;
  /** Leaf values by tag (the last one wins), and child aggregates in order. */
  values: Map<string, string>;
  children: Element[];
}

/** The aggregates an OFX statement is made of; any other tag with a value on its line is a leaf. */
const AGGREGATES = new Set([
  "OFX",
  "SIGNONMSGSRSV1",
  "SONRS",
  "STATUS",
  "FI",
  "BANKMSGSRSV1",
  "CREDITCARDMSGSRSV1",
  "STMTTRNRS",
  "CCSTMTTRNRS",
  "STMTRS",
  "CCSTMTRS",
  "BANKACCTFROM",
  "CCACCTFROM",
  "BANKTRANLIST",
  "STMTTRN",
  "LEDGERBAL",
  "AVAILBAL",
  "PAYEE",
  "BANKACCTTO",
  "CCACCTTO",
]);

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .trim();

function tokenize(text: string, problems: StatementProblem[]): Element {
  const root: Element = { name: "#root", line: 1, values: new Map(), children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)([A-Za-z0-9.]+)>([^<]*)/g;
  const start = text.search(/<OFX>/i);
  if (start < 0) return root;
  const body = text.slice(start);
  let line = text.slice(0, start).split("\n").length;
  let at = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    for (let i = body.indexOf("\n", at); i >= 0 && i < m.index; i = body.indexOf("\n", i + 1)) line++;
    at = m.index;
    const [, closing, rawName, rest = ""] = m as unknown as [string, string, string, string];
    const name = rawName.toUpperCase();
    const top = stack[stack.length - 1] as Element;
    if (closing) {
      if (!AGGREGATES.has(name)) continue; // a closed leaf (OFX 2 / XML)
      const i = stack.map((e) => e.name).lastIndexOf(name);
      if (i <= 0) {
        problems.push(statementProblem("statement.ofx_unexpected_close", { tag: name }, line));
        continue;
      }
      stack.length = i;
      continue;
    }
    if (AGGREGATES.has(name)) {
      const element: Element = { name, line, values: new Map(), children: [] };
      top.children.push(element);
      stack.push(element);
      continue;
    }
    top.values.set(name, decode(rest));
  }
  return root;
}

function* find(element: Element, names: Set<string>): Generator<Element> {
  for (const c of element.children) {
    if (names.has(c.name)) yield c;
    else yield* find(c, names);
  }
}

const first = (element: Element, name: string) => element.children.find((c) => c.name === name);

/** OFX dates: YYYYMMDD[HHMMSS[.XXX]][[±H:TZ]] → the calendar date as written. */
function dateOf(value: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value ?? "");
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return parseIsoDate(iso).ok ? iso : null;
}

/** A signed decimal amount; some French banks write a decimal comma. */
function amountOf(value: string | undefined): number | null {
  const parsed = parseDecimalCents((value ?? "").replace(",", ".").replace(/^\+/, ""));
  return parsed.ok ? parsed.value : null;
}

function readTransaction(
  trn: Element,
  index: number,
  statementId: string,
  currency: string,
  problems: StatementProblem[],
): StatementEntry | undefined {
  const v = (k: string) => trn.values.get(k) || undefined;
  const amount = amountOf(v("TRNAMT"));
  const booking = dateOf(v("DTPOSTED")) ?? dateOf(v("DTUSER"));
  if (amount === null) {
    problems.push(
      statementProblem(
        "statement.invalid_amount",
        { where: "STMTTRN/TRNAMT", value: v("TRNAMT") ?? "" },
        trn.line,
      ),
    );
    return undefined;
  }
  if (!booking) {
    problems.push(
      statementProblem(
        "statement.invalid_date",
        { where: "STMTTRN/DTPOSTED", value: v("DTPOSTED") ?? "" },
        trn.line,
      ),
    );
    return undefined;
  }
  const fitid = v("FITID");
  const payee = first(trn, "PAYEE");
  const name = v("NAME") ?? payee?.values.get("NAME");
  return {
    index,
    bank_ref: fitid ?? `${statementId}#${index + 1}`,
    ref_kind: fitid ? "bank" : "position",
    booking_date: booking,
    value_date: dateOf(v("DTAVAIL")),
    amount_cents: Math.abs(amount),
    direction: amount >= 0 ? "credit" : "debit",
    currency: first(trn, "CURRENCY")?.values.get("CURSYM") ?? currency,
    reversal: false,
    label: [name, v("MEMO")].filter(Boolean).join(" "),
    remittance: [v("MEMO"), v("REFNUM")].filter(Boolean).join(" "),
    creditor_reference: null,
    end_to_end_id: null,
    counterparty_name: name ?? null,
    counterparty_iban: null,
    transaction_code: v("TRNTYPE") ?? null,
    cheque_number: v("CHECKNUM") ?? null,
  };
}

export function readOfx(text: string): StatementResult {
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    return { ok: false, problems: [statementProblem("statement.doctype_forbidden")] };
  }
  const problems: StatementProblem[] = [];
  const root = tokenize(text, problems);
  const found = [...find(root, new Set(["STMTRS", "CCSTMTRS"]))];
  if (found.length === 0) {
    return { ok: false, problems: [...problems, statementProblem("statement.none", { format: "OFX" })] };
  }
  const statements: BankStatement[] = found.map((rs) => {
    const account = first(rs, "BANKACCTFROM") ?? first(rs, "CCACCTFROM");
    const accountId = ["BANKID", "BRANCHID", "ACCTID"]
      .map((k) => account?.values.get(k) ?? "")
      .join("")
      .replace(/\s/g, "");
    const currency = rs.values.get("CURDEF") || "EUR";
    const list = first(rs, "BANKTRANLIST");
    const from = dateOf(list?.values.get("DTSTART"));
    const to = dateOf(list?.values.get("DTEND"));
    const id = `${accountId || "compte"}:${from ?? ""}:${to ?? ""}`;
    const ledger = first(rs, "LEDGERBAL");
    const entries = (list?.children ?? [])
      .filter((c) => c.name === "STMTTRN")
      .map((trn, index) => readTransaction(trn, index, id, currency, problems))
      .filter((e): e is StatementEntry => e !== undefined);
    const iban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(accountId) ? accountId : null;
    return {
      id,
      account_iban: iban,
      account_id: iban ? null : accountId || null,
      currency,
      from_date: from,
      to_date: to,
      opening_balance_cents: null,
      closing_balance_cents: ledger ? amountOf(ledger.values.get("BALAMT")) : null,
      entries,
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { format: "ofx", statements } };
}
