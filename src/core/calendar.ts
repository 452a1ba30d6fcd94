import { Temporal } from "temporal-polyfill";
import type { Locale } from "./messages.js";
import { fail, ok, type Result } from "./result.js";

export type PlainDate = Temporal.PlainDate;
export { Temporal };

export const DEFAULT_TIME_ZONE = "Europe/Paris";
/** Years accepted by the parsers: anything else in an invoice file is a typo. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Builds a date from parsed parts, with the problem a user understands when they do not fit. */
export function dateFromParts(year: number, month: number, day: number, value: string): Result<PlainDate> {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail("date.out_of_range", { value, min: MIN_YEAR, max: MAX_YEAR });
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail("date.impossible", { value, day: pad2(day), month: pad2(month), year });
  }
  return ok(new Temporal.PlainDate(year, month, day));
}

/** Strict `YYYY-MM-DD`, the format of every edge (API, JSON, database). */
export function parseIsoDate(s: string): Result<PlainDate> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return fail("date.invalid", { value: s });
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]), s);
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([/-])(\d{1,2})\2(\d{1,2})${TIME}$`);

/**
 * Dates as people type them: DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY, DD/MM/YY (20YY), YYYY-MM-DD,
 * YYYY/MM/DD. A time of day without zone after the date ("31/01/2025 00:00") is ignored.
 */
export function parseDate(s: string): Result<PlainDate> {
  const value = s.trim();
  const d = DAY_FIRST.exec(value);
  if (d) {
    const year = d[4]?.length === 2 ? 2000 + Number(d[4]) : Number(d[4]);
    return dateFromParts(year, Number(d[3]), Number(d[1]), value);
  }
  const y = YEAR_FIRST.exec(value);
  if (y) return dateFromParts(Number(y[1]), Number(y[3]), Number(y[4]), value);
  return fail("date.invalid", { value });
}

const EXCEL_EPOCH = new Temporal.PlainDate(1899, 12, 30);
/** 2199-12-31, the last date of MAX_YEAR. */
const LAST_SERIAL = 109_574;

/** Excel's 1900 date system (25569 = 1970-01-01); the time of day is dropped. Serial 60 is Excel's 29/02/1900. */
export function dateFromSpreadsheetSerial(n: number): Result<PlainDate> {
  const value = String(n);
  if (!Number.isFinite(n) || n < 1) return fail("date.invalid", { value });
  const days = Math.floor(n);
  if (days === 60) return fail("date.impossible", { value, day: "29", month: "02", year: 1900 });
  if (days > LAST_SERIAL) return fail("date.out_of_range", { value, min: MIN_YEAR, max: MAX_YEAR });
  return ok(addDays(EXCEL_EPOCH, days < 60 ? days + 1 : days));
}

/** The calendar date at that instant in that zone (throws RangeError for an unknown zone). */
export function todayIn(timeZone: string, epochMs: number): PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** ISO strings of dates already formatted (the polyfill's getters are slow; dates are immutable). */
const isoStrings = new WeakMap<PlainDate, string>();

export function toIso(d: PlainDate): string {
  let found = isoStrings.get(d);
  if (found === undefined) {
    found = formatIso(d);
    isoStrings.set(d, found);
  }
  return found;
}

function formatIso(d: PlainDate): string {
  const y = d.year;
  // the polyfill's toString is slow; years outside 0–9999 keep its extended form
  if (y < 0 || y > 9999) return d.toString();
  const m = d.month;
  const day = d.day;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${day < 10 ? "0" : ""}${day}`;
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** fr: "31/01/2025"; en: "31 Jan 2025". */
export function formatDate(d: PlainDate, locale: Locale = "fr"): string {
  if (locale === "en") return `${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`;
  return `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/** A stored `YYYY-MM-DD` as formatDate shows it; text that is not a date is shown as it is. */
export function formatIsoDate(iso: string, locale: Locale = "fr"): string {
  const d = parseIsoDate(iso);
  return d.ok ? formatDate(d.value, locale) : iso;
}

export function addDays(d: PlainDate, n: number): PlainDate {
  if (n === 0) return d;
  const [year, month, day] = civilFromDays(daysFromCivil(d.year, d.month, d.day) + n);
  return new Temporal.PlainDate(year, month, day);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`): plain integer
 * arithmetic, several times faster than the Temporal polyfill's `add`, which the dunning run calls per step.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Keeps the day when it exists, else the last day of the month (31/01 + 1 month = 28/02). */
export function addMonths(d: PlainDate, n: number): PlainDate {
  return d.add({ months: n }, { overflow: "constrain" });
}

/** `to - from` in days, signed. */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return from.until(to, { largestUnit: "days" }).days;
}

export function endOfMonth(d: PlainDate): PlainDate {
  return d.with({ day: d.daysInMonth });
}

export function compareDates(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  const c = Temporal.PlainDate.compare(a, b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

export function minDate(first: PlainDate, ...rest: PlainDate[]): PlainDate {
  return rest.reduce((m, d) => (compareDates(d, m) < 0 ? d : m), first);
}

export function maxDate(first: PlainDate, ...rest: PlainDate[]): PlainDate {
  return rest.reduce((m, d) => (compareDates(d, m) > 0 ? d : m), first);
}

export interface Semester {
  year: number;
  half: 1 | 2;
  label: string;
}

/** "2025-S1" for January–June, "2025-S2" for July–December. */
export function semesterOf(d: PlainDate): Semester {
  const half = d.month <= 6 ? 1 : 2;
  return { year: d.year, half, label: `${d.year}-S${half}` };
}

/** 1 January or 1 July of the date's semester. */
export function semesterStart(d: PlainDate): PlainDate {
  return new Temporal.PlainDate(d.year, d.month <= 6 ? 1 : 7, 1);
}

/** Saturday or Sunday. */
export function isWeekend(d: PlainDate): boolean {
  return d.dayOfWeek >= 6;
}
