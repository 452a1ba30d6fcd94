/**
 * CSV exports of French banks (issue 9): a table of operations with a header row — often after a few lines about the
 * account —, dates DD/MM/YYYY, amounts with a decimal comma, either one signed « Montant » column or « Débit » and
 * « Crédit » columns. The header is found among the first 30 records (the first row naming a date and an amount or a
 * credit column); the delimiter is the one (;, tab or ,) under which such a row exists. Unknown headers can be mapped
 * with `--map "Header=field"` as for the invoice import. An IBAN written above the table names the account.
 *
 * A CSV export has no bank reference: an entry's reference is its date, signed amount, label and its occurrence among
 * identical lines of the file — never the content alone — so identical lines are all kept, and the same operations
 * exported again (even in a longer period) are recognised.
 */
import { createHash } from "node:crypto";
import { parseDate, toIso } from "../../core/calendar.js";
import { parseAmount } from "../../core/money.js";
import { CsvTokenizer } from "../tracking-sheet/csv-tokenizer.js";
import { normalizeLabel } from "../tracking-sheet/headers.js";
import {
  type StatementEntry,
  type StatementProblem,
  type StatementResult,
  statementProblem,
} from "./types.js";

export type CsvField =
  | "booking_date"
  | "value_date"
  | "label"
  | "amount"
  | "debit"
  | "credit"
  | "reference"
  | "counterparty"
  | "currency"
  | "ignore";

export const CSV_FIELDS: readonly CsvField[] = [
  "booking_date",
  "value_date",
  "label",
  "amount",
  "debit",
  "credit",
  "reference",
  "counterparty",
  "currency",
  "ignore",
];

const ALIASES: Record<Exclude<CsvField, "ignore">, readonly string[]> = {
  booking_date: [
    "date",
    "date operation",
    "date d operation",
    "date de l operation",
    "date comptable",
    "date de comptabilisation",
    "date compta",
    "date operation date",
    "booking date",
  ],
  value_date: ["date de valeur", "date valeur", "valeur", "value date"],
  label: [
    "libelle",
    "libelle operation",
    "libelle de l operation",
    "libelle simplifie",
    "libelle complet",
    "description",
    "intitule",
    "detail",
    "details",
    "nature de l operation",
    "operation",
    "label",
  ],
  amount: ["montant", "montant eur", "montant euros", "montant en euros", "montant e", "amount"],
  debit: ["debit", "debit eur", "debit euros", "debits", "montant debit", "debit e"],
  credit: ["credit", "credit eur", "credit euros", "credits", "montant credit", "credit e"],
  reference: ["reference", "ref", "references", "informations complementaires", "info complementaire"],
  counterparty: ["tiers", "emetteur", "beneficiaire", "donneur d ordre", "contrepartie", "nom"],
  currency: ["devise", "monnaie", "currency"],
};

const BY_LABEL = new Map<string, CsvField>(
  Object.entries(ALIASES).flatMap(([field, labels]) => labels.map((l) => [l, field as CsvField])),
);

/** A `--map` field name: a CsvField or a header text Relance recognises (case and accents ignored). */
export function csvFieldFromName(name: string): CsvField | undefined {
  const n = normalizeLabel(name).replace(/ /g, "_");
  if ((CSV_FIELDS as readonly string[]).includes(n)) return n as CsvField;
  if (n === "ignorer") return "ignore";
  return BY_LABEL.get(normalizeLabel(name));
}

function records(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields, line) => out.push({ fields, line }));
  tokenizer.push(text);
  tokenizer.end();
  return out;
}

interface Table {
  rows: { fields: string[]; line: number }[];
  header: number;
  columns: (CsvField | undefined)[];
}

function findTable(text: string, map: Readonly<Record<string, CsvField>>): Table | undefined {
  const mapped = new Map(Object.entries(map).map(([h, f]) => [normalizeLabel(h), f]));
  for (const delimiter of [";", "\t", ","]) {
    const rows = records(text, delimiter);
    for (let i = 0; i < Math.min(rows.length, 30); i++) {
      const columns = (rows[i] as { fields: string[] }).fields.map((h) => {
        const label = normalizeLabel(h);
        return mapped.get(label) ?? BY_LABEL.get(label);
      });
      const has = (f: CsvField) => columns.includes(f);
      if (has("booking_date") && (has("amount") || has("credit"))) return { rows, header: i, columns };
    }
  }
  return undefined;
}

/** The absolute value of an amount cell, or null when blank; undefined when unreadable. */
function cents(cell: string | undefined): number | null | undefined {
  if (cell === undefined || cell.trim() === "") return null;
  const parsed = parseAmount(cell.replace(/\s*(EUR|€)\s*$/i, ""));
  return parsed.ok ? parsed.value : undefined;
}

export function readCsvStatement(
  text: string,
  options: { map?: Readonly<Record<string, CsvField>> } = {},
): StatementResult {
  const table = findTable(text.replace(/^\uFEFF/, ""), options.map ?? {});
  if (!table) return { ok: false, problems: [statementProblem("statement.csv_no_header")] };
  const preamble = table.rows
    .slice(0, table.header)
    .map((r) => r.fields.join(" "))
    .join(" ");
  const iban =
    /\b(FR\d{2}(?:\s?[0-9A-Z]{4}){5}\s?[0-9A-Z]{3})\b/
      .exec(preamble.toUpperCase())?.[1]
      ?.replace(/\s/g, "") ?? null;
  const problems: StatementProblem[] = [];
  const entries: StatementEntry[] = [];
  const seen = new Map<string, number>();
  const col = (f: CsvField) => table.columns.indexOf(f);
  for (const { fields, line } of table.rows.slice(table.header + 1)) {
    if (fields.every((f) => f.trim() === "")) continue;
    const cell = (f: CsvField) => (col(f) >= 0 ? fields[col(f)] : undefined);
    const date = parseDate(cell("booking_date") ?? "");
    if (!date.ok) {
      problems.push(
        statementProblem(
          "statement.invalid_date",
          { where: `ligne ${line}`, value: cell("booking_date") ?? "" },
          line,
        ),
      );
      continue;
    }
    let signed: number | null | undefined;
    if (col("amount") >= 0) signed = cents(cell("amount"));
    else {
      const credit = cents(cell("credit"));
      const debit = cents(cell("debit"));
      signed =
        credit === undefined || debit === undefined
          ? undefined
          : (credit ?? 0) !== 0
            ? Math.abs(credit ?? 0)
            : -Math.abs(debit ?? 0);
    }
    if (signed === undefined || signed === null) {
      const value = cell("amount") ?? `${cell("credit") ?? ""} / ${cell("debit") ?? ""}`;
      problems.push(statementProblem("statement.invalid_amount", { where: `ligne ${line}`, value }, line));
      continue;
    }
    const value = cell("value_date") ? parseDate(cell("value_date") as string) : undefined;
    const label = (cell("label") ?? "").replace(/\s+/g, " ").trim();
    const booking = toIso(date.value);
    const content = `${booking}|${signed}|${label}`;
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    const digest = createHash("sha256").update(label).digest("hex").slice(0, 12);
    entries.push({
      index: entries.length,
      bank_ref: `csv:${booking}:${signed}:${digest}:${n}`,
      ref_kind: "position",
      booking_date: booking,
      value_date: value?.ok ? toIso(value.value) : null,
      amount_cents: Math.abs(signed),
      direction: signed >= 0 ? "credit" : "debit",
      currency: (cell("currency") ?? "").trim() || "EUR",
      reversal: false,
      label,
      remittance: (cell("reference") ?? "").trim(),
      creditor_reference: null,
      end_to_end_id: null,
      counterparty_name: (cell("counterparty") ?? "").trim() || null,
      counterparty_iban: null,
      transaction_code: null,
      cheque_number: null,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (entries.length === 0)
    return { ok: false, problems: [statementProblem("statement.none", { format: "CSV" })] };
  const dates = entries.map((e) => e.booking_date).sort();
  const from = dates[0] as string;
  const to = dates[dates.length - 1] as string;
  return {
    ok: true,
    file: {
      format: "csv",
      statements: [
        {
          id: `csv:${iban ?? "compte"}:${from}:${to}`,
          account_iban: iban,
          account_id: iban ? null : "csv",
          currency: "EUR",
          from_date: from,
          to_date: to,
          opening_balance_cents: null,
          closing_balance_cents: null,
          entries,
        },
      ],
    },
  };
}
