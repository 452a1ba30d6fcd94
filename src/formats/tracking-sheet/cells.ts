import { dateFromSpreadsheetSerial, type PlainDate, parseDate, toIso } from "../../core/calendar.js";
import { amountFromNumber, type Cents, parseAmount } from "../../core/money.js";
import { fail, type Result } from "../../core/result.js";
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

/** Amount of a non-blank cell: text through parseAmount, numbers through amountFromNumber. */
export function cellAmount(v: CellValue): Result<Cents> {
  if (typeof v === "string") return parseAmount(v);
  if (typeof v === "number") return amountFromNumber(v);
  return fail("amount.invalid", { value: cellText(v) });
}

export type ParsedDate = { ok: true; iso: string; date: PlainDate } | { ok: false; result: Result<never> };

const DATE_CACHE_LIMIT = 10_000;

/**
 * Date of a non-blank cell: text through parseDate, numbers as spreadsheet serials, JS Dates by their UTC
 * fields. Results are cached per text: a sheet holds few distinct dates, and building a Temporal date is the
 * costliest step of reading a row.
 */
export class DateReader {
  private readonly cache = new Map<string, ParsedDate>();

  read(v: CellValue): ParsedDate {
    if (typeof v === "number") return toParsed(dateFromSpreadsheetSerial(v));
    const text = typeof v === "string" ? v : cellText(v);
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const parsed = toParsed(parseDate(text));
    if (this.cache.size >= DATE_CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, parsed);
    return parsed;
  }
}

function toParsed(r: Result<PlainDate>): ParsedDate {
  return r.ok ? { ok: true, iso: toIso(r.value), date: r.value } : { ok: false, result: r };
}
