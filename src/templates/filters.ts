/**
 * The filters Relance adds to Liquid, per locale. They are strict: an amount that is not integer cents or a date
 * that is not YYYY-MM-DD stops the render (better no message than "NaN €" in a client's inbox); a missing date
 * (null) prints nothing, since some dates of the context are optional (`deadline_date`).
 */
import { parseIsoDate } from "../core/calendar.js";
import { formatIban } from "../core/identifiers.js";
import type { Locale } from "../core/messages.js";
import { cents, formatEuros } from "../core/money.js";

const FR_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Integer cents → "1 234,56 €" (fr) / "€1,234.56" (en). */
export function money(value: unknown, locale: Locale): string {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new Error(`money: integer cents expected, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return formatEuros(cents(value), locale);
}

function date(value: unknown, filter: string) {
  if (value === null || value === undefined || value === "") return null;
  const d = typeof value === "string" ? parseIsoDate(value) : undefined;
  if (!d?.ok) throw new Error(`${filter}: a YYYY-MM-DD date expected, got ${JSON.stringify(value)}`);
  return d.value;
}

/** "2026-11-26" → "26 novembre 2026" ("1er" on the first) / "26 November 2026". */
export function day(value: unknown, locale: Locale): string {
  const d = date(value, "day");
  if (d === null) return "";
  if (locale === "en") return `${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`;
  return `${d.day === 1 ? "1er" : d.day} ${FR_MONTHS[d.month - 1]} ${d.year}`;
}

/** "2026-11-26" → "26/11/2026" (fr) / "2026-11-26" (en: unambiguous for every English reader). */
export function shortDay(value: unknown, locale: Locale): string {
  const d = date(value, "short_day");
  if (d === null) return "";
  return locale === "en" ? d.toString() : `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/** An IBAN grouped by four for reading: "FR76 3000 6000 …". */
export function iban(value: unknown): string {
  if (value === null || value === undefined) return "";
  return formatIban(String(value));
}

/** The filters of one locale, as Liquid registers them. */
export function filtersFor(locale: Locale): Record<string, (value: unknown) => string> {
  return {
    money: (v) => money(v, locale),
    day: (v) => day(v, locale),
    short_day: (v) => shortDay(v, locale),
    iban,
  };
}
