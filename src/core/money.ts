import type { Locale } from "./messages.js";
import { fail, ok, type Result } from "./result.js";

/** An amount in euro cents: always a safe integer. */
export type Cents = number & { readonly __brand: "Cents" };

export function cents(n: number): Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer amount of cents: ${n}`);
  return (n === 0 ? 0 : n) as Cents; // no -0
}

export const ZERO: Cents = cents(0);

export function addCents(a: Cents, b: Cents): Cents {
  return cents(a + b);
}

export function subCents(a: Cents, b: Cents): Cents {
  return cents(a - b);
}

export function sumCents(xs: Iterable<Cents>): Cents {
  let total = ZERO;
  for (const x of xs) total = addCents(total, x);
  return total;
}

function toBigInt(n: number | bigint, what: string): bigint {
  if (typeof n === "bigint") return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer: ${n}`);
  return BigInt(n);
}

/** amount × numerator / denominator, exact, rounded half away from zero. */
export function mulDiv(
  amount: Cents | number,
  numerator: number | bigint,
  denominator: number | bigint,
): Cents {
  const a = toBigInt(amount, "amount");
  const n = toBigInt(numerator, "numerator");
  const d = toBigInt(denominator, "denominator");
  if (d === 0n) throw new RangeError("mulDiv: denominator is zero");
  const p = a * n;
  let q = p / d;
  const r = p % d;
  const absR = r < 0n ? -r : r;
  const absD = d < 0n ? -d : d;
  const negative = p < 0n ? d > 0n : d < 0n;
  if (r !== 0n && 2n * absR >= absD) q += negative ? -1n : 1n;
  return cents(Number(q));
}

function digitsOf(c: Cents): { sign: string; units: string; decimals: string } {
  const s = String(Math.abs(c)).padStart(3, "0");
  return { sign: c < 0 ? "-" : "", units: s.slice(0, -2), decimals: s.slice(-2) };
}

function group(units: string, separator: string): string {
  return units.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** fr: "1 234,56 €" (U+202F groups, U+00A0 before €), en: "€1,234.56" — as Intl does. */
export function formatEuros(c: Cents, locale: Locale = "fr"): string {
  const { sign, units, decimals } = digitsOf(c);
  if (locale === "en") return `${sign}€${group(units, ",")}.${decimals}`;
  return `${sign}${group(units, "\u202F")},${decimals}\u00A0€`;
}

/** Machine format: "1234.56", "-0.05". */
export function formatDecimal(c: Cents): string {
  const { sign, units, decimals } = digitsOf(c);
  return `${sign}${units}.${decimals}`;
}

const GROUP_CHARS = /[ \u00A0\u202F\u2009'’]/g;

/**
 * Parses an amount as found in French spreadsheets: "1 234,56 €", "1.234,56", "1,234.56", "-12,00", "EUR 5".
 * When both '.' and ',' occur, the last one is the decimal separator. A lone separator followed by exactly
 * three digits groups thousands ("1.234" = 1 234 €) unless the integer part is 0 ("0,125" has 3 decimals).
 */
export function parseAmount(text: string): Result<Cents> {
  const value = text.trim();
  if (value === "") return fail("field.required");
  const invalid = () => fail("amount.invalid", { value });

  let s = value;
  let negative = false;
  let currency = false;
  const takeSign = () => {
    const m = /^[-+\u2212]/.exec(s);
    if (!m) return false;
    negative = m[0] !== "+";
    s = s.slice(1).trimStart();
    return true;
  };
  const takeCurrencyPrefix = () => {
    const m = /^(€|EUR)/i.exec(s);
    if (!m) return false;
    currency = true;
    s = s.slice(m[0].length).trimStart();
    return true;
  };
  if (takeSign()) takeCurrencyPrefix();
  else if (takeCurrencyPrefix()) takeSign();
  const suffix = /(€|EUR)$/i.exec(s);
  if (suffix) {
    if (currency) return invalid();
    s = s.slice(0, -suffix[0].length).trimEnd();
  }
  const body = s.replace(GROUP_CHARS, "_");
  if (!/^\d([\d_.,]*\d)?$/.test(body)) return invalid();

  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  const hasGroupChar = body.includes("_");
  let decimalAt = -1;
  if (dots > 0 && commas > 0) {
    decimalAt = Math.max(body.lastIndexOf("."), body.lastIndexOf(","));
  } else if (dots + commas === 1) {
    const at = Math.max(body.indexOf("."), body.indexOf(","));
    const after = body.slice(at + 1);
    const before = body.slice(0, at);
    const looksGrouped =
      !hasGroupChar && after.length === 3 && /^\d{1,3}$/.test(before) && !/^0+$/.test(before);
    if (!looksGrouped) decimalAt = at;
  }

  const intPart = decimalAt < 0 ? body : body.slice(0, decimalAt);
  const decPart = decimalAt < 0 ? "" : body.slice(decimalAt + 1);
  if (!/^\d*$/.test(decPart)) return invalid();
  if (decPart.length > 2) return fail("amount.too_many_decimals", { value });

  const separators = new Set(intPart.replace(/\d/g, ""));
  if (separators.size > 1) return invalid();
  const [sep] = separators;
  if (sep !== undefined && !intPart.split(sep).every((g, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(g))) {
    return invalid();
  }

  const total = BigInt(intPart.replace(/\D/g, "")) * 100n + BigInt(decPart.padEnd(2, "0"));
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return fail("amount.out_of_range", { value });
  return ok(cents(negative ? -Number(total) : Number(total)));
}

/** A spreadsheet cell holding a JS number of euros: 1234.56 → 123456. */
export function amountFromNumber(x: number): Result<Cents> {
  const value = String(x);
  if (!Number.isFinite(x)) return fail("amount.invalid", { value });
  const scaled = x * 100;
  const rounded = Math.round(scaled);
  if (!Number.isSafeInteger(rounded)) return fail("amount.out_of_range", { value });
  const tolerance = Math.max(1e-4, Math.abs(scaled) * Number.EPSILON * 4);
  if (Math.abs(scaled - rounded) > tolerance) return fail("amount.too_many_decimals", { value });
  return ok(cents(rounded));
}

/** For amounts that must be strictly positive (payments, invoice lines…). */
export function checkPositive(c: Cents): Result<Cents> {
  if (c < 0) return fail("amount.negative", { value: formatEuros(c) });
  if (c === 0) return fail("amount.zero");
  return ok(c);
}

/**
 * A machine decimal as e-invoices write it ("529.87", "275", "-12.5", "9.9000") → cents, without floats. More than
 * two decimals are accepted only when the extra ones are zeros ("473.0000"); anything else is refused.
 */
export function parseDecimalCents(text: string): Result<Cents> {
  const value = text.trim();
  if (value === "") return fail("field.required");
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return fail("amount.invalid", { value });
  const [, sign, units = "", decimals = ""] = m;
  if (decimals.length > 2 && !/^0*$/.test(decimals.slice(2)))
    return fail("amount.too_many_decimals", { value });
  const total = BigInt(units) * 100n + BigInt(decimals.slice(0, 2).padEnd(2, "0"));
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return fail("amount.out_of_range", { value });
  return ok(cents(sign === "-" ? -Number(total) : Number(total)));
}
