import { dateFromSpreadsheetSerial, type PlainDate, parseDate, toIso } from "../../core/calendar.js";
import { amountFromNumber, type Cents, parseAmount } from "../../core/money.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { CellValue } from "./types.js";

/** `YYYY-MM-DD` of a JS Date by its UTC fields (exceljs gives date cells at UTC midnight). */
export function isoFromUtcDate(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${day < 10 ? "0" : ""}${day}`;
}

/** The text of a cell, untrimmed. */
export function cellText(v: CellValue): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return Number.isNaN(v.getTime()) ? "" : isoFromUtcDate(v);
}

export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  if (v.length === 0) return true;
  const c = v.charCodeAt(0);
  // fast path: a visible first character
  if (c > 0x20 && c !== 0xa0 && c !== 0xfeff && c < 0x1680) return false;
  return v.trim().length === 0;
}

/**
 * Fast path for the common shapes of an amount, "1234", "1234,5", "1 234,56", "1234.56" (groups of three
 * digits separated by a space, NBSP or NNBSP; one or two decimals after "," or "."), at most 13 integer
 * digits: cents, or -1 for anything else. It accepts a strict subset of what parseAmount accepts, with the
 * same value (a property test checks it); parseAmount allocates a few strings, a Set and BigInts per call,
 * which made it most of the cost of reading a row.
 */
export function simpleCents(s: string): number {
  const n = s.length;
  let i = 0;
  let value = 0;
  let digits = 0; // in the current group
  let total = 0;
  let groups = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      total++;
    } else if (c === 0x20 || c === 0xa0 || c === 0x202f) {
      if (groups === 0 ? digits < 1 || digits > 3 : digits !== 3) return -1;
      groups++;
      digits = 0;
    } else break;
  }
  if (total === 0 || total > 13 || (groups > 0 && digits !== 3)) return -1;
  if (i === n) return value * 100;
  const sep = s.charCodeAt(i);
  if (sep !== 0x2c && sep !== 0x2e) return -1;
  const decimals = n - i - 1;
  if (decimals < 1 || decimals > 2) return -1;
  let d = 0;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    d = d * 10 + (c - 0x30);
  }
  return value * 100 + (decimals === 1 ? d * 10 : d);
}

/** Amount of a non-blank cell: text through parseAmount, numbers through amountFromNumber. */
export function cellAmount(v: CellValue): Result<Cents> {
  if (typeof v === "string") {
    const fast = simpleCents(v);
    return fast >= 0 ? ok(fast as Cents) : parseAmount(v);
  }
  if (typeof v === "number") return amountFromNumber(v);
  return fail("amount.invalid", { value: cellText(v) });
}

export type ParsedDate = { ok: true; iso: string; date: PlainDate } | { ok: false; result: Result<never> };

/**
 * Memoises a pure function of a cell's text. A sheet holds few distinct dates and client identifiers, and
 * parsing them (Temporal dates, Luhn checks) is a large part of the cost of a row. Cleared when full, so
 * memory stays bounded.
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly compute: (text: string) => V,
    private readonly limit = 10_000,
  ) {}

  get(text: string): V {
    let v = this.map.get(text);
    if (v === undefined) {
      v = this.compute(text);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(text, v);
    }
    return v;
  }
}

/** Date of a non-blank cell: text through parseDate, numbers as spreadsheet serials, JS Dates by their UTC fields. */
export class DateReader {
  private readonly memo = new TextMemo((text) => toParsed(parseDate(text)));

  read(v: CellValue): ParsedDate {
    if (typeof v === "number") return toParsed(dateFromSpreadsheetSerial(v));
    return this.memo.get(typeof v === "string" ? v : cellText(v));
  }
}

function toParsed(r: Result<PlainDate>): ParsedDate {
  return r.ok ? { ok: true, iso: toIso(r.value), date: r.value } : { ok: false, result: r };
}
