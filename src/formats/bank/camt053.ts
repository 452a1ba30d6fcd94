/**
 * camt.053 (ISO 20022 BankToCustomerStatement, versions 02 to 08; LAW.md §11): `BkToCstmrStmt/Stmt` with the account
 * (`Acct/Id/IBAN` or `Othr/Id`), balances (`Bal`: OPBD opening, CLBD closing), and entries (`Ntry`: `Amt@Ccy`,
 * `CdtDbtInd`, `RvslInd`, `BookgDt`, `ValDt` as `Dt` or `DtTm`, `AcctSvcrRef`, `BkTxCd`, `AddtlNtryInf`, and
 * `NtryDtls/TxDtls` with `Refs/EndToEndId`, the related parties — `Dbtr/Nm` up to 07, `Dbtr/Pty/Nm` from 08 —,
 * `DbtrAcct/Id/IBAN`, `RmtInf/Ustrd` and `RmtInf/Strd/CdtrRefInf/Ref`). Parsed with the e-invoice reader's safe XML
 * parser (no DOCTYPE, no entity, no network).
 */
import { parseDecimalCents } from "../../core/money.js";
import { attr, child, children, parseXml, text, type XmlNode } from "../einvoice/xml.js";
import {
  type BankStatement,
  type StatementEntry,
  type StatementProblem,
  type StatementResult,
  statementProblem,
} from "./types.js";

/** The date part of an ISO date or date-time (the bank's local date, as written). */
function dayOf(value: string | undefined): string | null {
  return (value && /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0]) || null;
}

/** `Dt`, or the date of `DtTm`. */
function dateOf(node: XmlNode | undefined): string | null {
  return dayOf(text(child(node, "Dt")) ?? text(child(node, "DtTm")));
}

function partyName(party: XmlNode | undefined): string | null {
  return text(child(party, "Pty", "Nm")) ?? text(child(party, "Nm")) ?? null;
}

function accountOf(account: XmlNode | undefined): string | null {
  return text(child(account, "Id", "IBAN")) ?? text(child(account, "Id", "Othr", "Id")) ?? null;
}

const isIban = (value: string | null) => value !== null && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(value);
const usable = (value: string | undefined) =>
  value !== undefined && value.toUpperCase() !== "NOTPROVIDED" && value.toUpperCase() !== "NONREF"
    ? value
    : null;

function transactionCode(entry: XmlNode): string | null {
  const code = child(entry, "BkTxCd");
  const domain = child(code, "Domn");
  if (domain) {
    return [
      text(child(domain, "Cd")),
      text(child(domain, "Fmly", "Cd")),
      text(child(domain, "Fmly", "SubFmlyCd")),
    ]
      .filter(Boolean)
      .join("/");
  }
  return text(child(code, "Prtry", "Cd")) ?? null;
}

function readEntry(
  entry: XmlNode,
  index: number,
  statementId: string,
  statementCurrency: string,
  problems: StatementProblem[],
): StatementEntry | undefined {
  const where = `Stmt ${statementId}, Ntry ${index + 1}`;
  const amountNode = child(entry, "Amt");
  const amount = parseDecimalCents(text(amountNode) ?? "");
  const indicator = text(child(entry, "CdtDbtInd"));
  const booking = dateOf(child(entry, "BookgDt")) ?? dateOf(child(entry, "ValDt"));
  if (!amount.ok || amount.value < 0) {
    problems.push(statementProblem("statement.invalid_amount", { where, value: text(amountNode) ?? "" }));
    return undefined;
  }
  if (indicator !== "CRDT" && indicator !== "DBIT") {
    problems.push(statementProblem("statement.missing_field", { where, field: "CdtDbtInd" }));
    return undefined;
  }
  if (!booking) {
    problems.push(statementProblem("statement.missing_field", { where, field: "BookgDt" }));
    return undefined;
  }
  // one entry may carry several transactions (a batch): their details are read together
  const details = children(child(entry, "NtryDtls"), "TxDtls");
  const first = details[0];
  const credit = indicator === "CRDT";
  const parties = child(first, "RltdPties");
  const other = credit ? child(parties, "Dbtr") : child(parties, "Cdtr");
  const otherAccount = credit ? child(parties, "DbtrAcct") : child(parties, "CdtrAcct");
  const ultimate = credit ? child(parties, "UltmtDbtr") : child(parties, "UltmtCdtr");
  const remittance = details.flatMap((d) => children(child(d, "RmtInf"), "Ustrd").map((u) => text(u) ?? ""));
  const references = details.flatMap((d) =>
    children(child(d, "RmtInf"), "Strd").map((s) => text(child(s, "CdtrRefInf", "Ref")) ?? ""),
  );
  const additional = text(child(entry, "AddtlNtryInf")) ?? "";
  const additionalTx = details.map((d) => text(child(d, "AddtlTxInf")) ?? "");
  const servicerRef = usable(text(child(entry, "AcctSvcrRef")));
  const endToEnd = usable(text(child(first, "Refs", "EndToEndId")));
  const account = accountOf(otherAccount);
  return {
    index,
    bank_ref: servicerRef ?? endToEnd ?? `${statementId}#${index + 1}`,
    ref_kind: servicerRef ? "bank" : endToEnd ? "end_to_end" : "position",
    booking_date: booking,
    value_date: dateOf(child(entry, "ValDt")),
    amount_cents: amount.value,
    direction: credit ? "credit" : "debit",
    currency: attr(amountNode, "Ccy") ?? statementCurrency,
    reversal: text(child(entry, "RvslInd")) === "true",
    label: [additional, ...additionalTx].filter(Boolean).join(" ").trim(),
    remittance: [...remittance, ...references].filter(Boolean).join(" ").trim(),
    creditor_reference: references.find(Boolean) ?? null,
    end_to_end_id: endToEnd,
    counterparty_name: partyName(other) ?? partyName(ultimate),
    counterparty_iban: isIban(account) ? account : null,
    transaction_code: transactionCode(entry),
    cheque_number: text(child(first, "Refs", "ChqNb")) ?? null,
  };
}

function balance(statement: XmlNode, codes: string[]): number | null {
  for (const b of children(statement, "Bal")) {
    const code = text(child(b, "Tp", "CdOrPrtry", "Cd"));
    if (!code || !codes.includes(code)) continue;
    const amount = parseDecimalCents(text(child(b, "Amt")) ?? "");
    if (!amount.ok) return null;
    return text(child(b, "CdtDbtInd")) === "DBIT" ? -amount.value : amount.value;
  }
  return null;
}

export function readCamt053(xml: string): StatementResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const { code, params, line } = parsed.problem;
    return { ok: false, problems: [statementProblem(code.replace("einvoice.", "statement."), params, line)] };
  }
  const document = child(parsed.root, "Document");
  const message = child(document, "BkToCstmrStmt");
  const found = children(message, "Stmt");
  if (!message || found.length === 0) {
    return { ok: false, problems: [statementProblem("statement.none", { format: "camt.053" })] };
  }
  const problems: StatementProblem[] = [];
  const statements: BankStatement[] = found.map((stmt, s) => {
    const account = accountOf(child(stmt, "Acct"));
    const currency = text(child(stmt, "Acct", "Ccy")) ?? attr(child(stmt, "Bal", "Amt"), "Ccy") ?? "EUR";
    const id = text(child(stmt, "Id")) ?? `${account ?? "compte"}:${s + 1}`;
    const entries = children(stmt, "Ntry")
      .map((entry, index) => readEntry(entry, index, id, currency, problems))
      .filter((e): e is StatementEntry => e !== undefined);
    return {
      id,
      account_iban: isIban(account) ? account : null,
      account_id: isIban(account) ? null : account,
      currency,
      from_date: dayOf(text(child(stmt, "FrToDt", "FrDtTm"))),
      to_date: dayOf(text(child(stmt, "FrToDt", "ToDtTm"))),
      opening_balance_cents: balance(stmt, ["OPBD", "PRCD"]),
      closing_balance_cents: balance(stmt, ["CLBD"]),
      entries,
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { format: "camt053", statements } };
}
