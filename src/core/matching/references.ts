import { isValidSiren, isValidSiret } from "../identifiers.js";

/**
 * Invoice numbers in bank labels. `numberKey` turns an invoice number into a key robust to the ways payers mangle
 * it: separators, case, the alphabetic prefix, leading zeros of each digit group, a letter O for a zero next to a
 * digit, a letter I or l for a one after a digit and before no letter (copied from a printed invoice: the
 * glyphs are the same in many fonts) — "F2025-0042", "fa 2025.42", "2025/0042", "F2O25-OO42" all give "2025-42". `referencesIn` gives
 * the keys of the invoice-number-like tokens of a text, leaving out what is known not to be one (IBANs, amounts
 * "1 440,00", dates "02/12/2026", SIREN/SIRET, bare numbers with no prefix and no year). The app stores
 * numberKey(number) and looseNumberKey(number) in indexed columns and looks up the keys found in the text
 * (docs/matching.md).
 */

/** Words that announce an invoice number: "FACT 42", "N° 2025-42". */
const KEYWORDS = new Set([
  "F",
  "FA",
  "FAC",
  "FACT",
  "FACTURE",
  "FACTURES",
  "FCT",
  "INV",
  "INVOICE",
  "NO",
  "NUM",
  "NUMERO",
]);

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const AMOUNT = /\b\d{1,3}(?:[ .\u00a0]\d{3})*,\d{2}\b|\b\d+[.,]\d{2} ?(?:EUR|€)/g;
const DATE =
  /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g;
const SIRET_LIKE = /\b\d{3} ?\d{3} ?\d{3}(?: ?\d{5})?\b/g;
const CHUNK = /^([A-Z]{0,8})[-./_]?(\d+(?:[-./_]\d+)*)$/;
const YEAR = /^(?:19|20)\d{2}$/;

/** Upper case, no accents, O→0 next to a digit, I/L→1 after a digit and before no letter. */
function canonical(text: string): string {
  let s = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toUpperCase()
    .replace(/N[°º]/g, " NO ");
  for (let before = ""; before !== s; ) {
    before = s;
    s = s
      .replace(/(\d)O/g, (_, d: string) => `${d}0`)
      .replace(/O(\d)/g, "0$1")
      .replace(/(\d)[IL](?![A-Z])/g, (_, d: string) => `${d}1`);
  }
  return s;
}

function stripZeros(group: string): string {
  return group.replace(/^0+(?=\d)/, "");
}

function keyOf(groups: string[]): string {
  return groups.map(stripZeros).join("-");
}

function looseOf(groups: string[]): string {
  return stripZeros(groups.join(""));
}

/** The exact-lookup key of an invoice number: its digit groups without leading zeros, joined by "-". */
export function numberKey(invoiceNumber: string): string {
  const groups = canonical(invoiceNumber).match(/\d+/g);
  return groups === null ? canonical(invoiceNumber).replace(/[^A-Z]/g, "") : keyOf(groups);
}

/** The looser key: all digits run together ("F2025-0042" and "F20250042" → "20250042"). */
export function looseNumberKey(invoiceNumber: string): string {
  const groups = canonical(invoiceNumber).match(/\d+/g);
  return groups === null ? numberKey(invoiceNumber) : looseOf(groups);
}

/** A token that may be an invoice number: its digit groups and whether a prefix or keyword announced it. */
export interface ReferenceToken {
  groups: string[];
  prefixed: boolean;
}

function isDateLike(digits: string): boolean {
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  return digits.length === 8 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function blankIdentifiers(s: string): string {
  return s
    .replace(IBAN, " ")
    .replace(AMOUNT, " ")
    .replace(DATE, " ")
    .replace(SIRET_LIKE, (m) =>
      isValidSiren(m.replace(/ /g, "")) || isValidSiret(m.replace(/ /g, "")) ? " " : m,
    );
}

/** Whether a token is kept: announced by a prefix, or year + number, or a long number starting with a year. */
function acceptable(t: ReferenceToken): boolean {
  if (t.prefixed) return true;
  const [first = "", second] = t.groups;
  if (second !== undefined) return YEAR.test(first);
  return first.length >= 7 && first.length <= 10 && YEAR.test(first.slice(0, 4)) && !isDateLike(first);
}

/** The invoice-number-like tokens of a text (exposed for the fuzzy comparison of match-line). */
export function referenceTokens(text: string): ReferenceToken[] {
  const chunks = blankIdentifiers(canonical(text))
    .split(/[\s,;:()[\]+#'"*=!?]+/)
    .map((c) => c.replace(/^[-./_]+|[-./_]+$/g, ""))
    .filter((c) => c !== "");
  const tokens: ReferenceToken[] = [];
  let keyword = false;
  let last: ReferenceToken | undefined;
  for (const chunk of chunks) {
    const m = CHUNK.exec(chunk);
    if (m === null) {
      keyword = KEYWORDS.has(chunk);
      last = undefined;
      continue;
    }
    const groups = (m[2] ?? "").split(/[-./_]/);
    const lastGroup = last?.groups[last.groups.length - 1] ?? "";
    if (last !== undefined && m[1] === "" && YEAR.test(lastGroup) && groups.length === 1) {
      // "2025 0042", "F2025 0042": the space only separates a year from its sequence number
      last.groups.push(...groups);
      last = undefined;
    } else {
      last = { groups, prefixed: keyword || m[1] !== "" };
      tokens.push(last);
    }
    keyword = false;
  }
  return tokens.filter(acceptable);
}

/** The numberKey of every invoice-number-like token of the text, without duplicates. */
export function referencesIn(text: string): string[] {
  return [...new Set(referenceTokens(text).map((t) => keyOf(t.groups)))];
}

/** The looseNumberKey of every invoice-number-like token of the text, without duplicates (secondary lookup). */
export function looseReferencesIn(text: string): string[] {
  return [...new Set(referenceTokens(text).map((t) => looseOf(t.groups)))];
}

/** The text of a line where references are looked for. */
export function referenceText(line: {
  label: string;
  remittance: string;
  creditor_reference: string | null;
  end_to_end_id: string | null;
}): string {
  const rf = line.creditor_reference?.replace(/^\s*RF\d{2}/i, "") ?? "";
  return [line.label, line.remittance, rf, line.end_to_end_id ?? ""].join(" ; ");
}
