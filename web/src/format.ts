/** Money and dates for display and input. Money stays integer cents: no floating point touches an amount. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(lang: string): Intl.NumberFormat {
  const locale = lang === "en" ? "en-GB" : "fr-FR";
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
    moneyFormats.set(locale, f);
  }
  return f;
}

/** "-1234.05" from -123405: the exact decimal string of an amount in cents. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an amount in cents: ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  const cc = String(abs % 100).padStart(2, "0");
  return `${sign}${euros}.${cc}`;
}

/** "1 234,56 €" (fr) or "€1,234.56" (en), from integer cents. */
export function formatMoney(cents: number | null | undefined, lang = "fr"): string {
  if (cents === null || cents === undefined || !Number.isSafeInteger(cents)) return "—";
  return moneyFormat(lang).format(centsToDecimal(cents) as Intl.StringNumericLiteral);
}

/** "1234,56" (fr) or "1234.56" (en): an amount as a user would type it, for pre-filled inputs. */
export function centsToInput(cents: number, lang = "fr"): string {
  const s = centsToDecimal(cents);
  return lang === "en" ? s : s.replace(".", ",");
}

export type AmountError =
  | "amount.invalid"
  | "amount.positive"
  | "amount.too_many_decimals"
  | "amount.too_large";

export type ParsedAmount = { ok: true; cents: number } | { ok: false; error: AmountError };

const MAX_CENTS = 99_999_999_999_99;

/**
 * Parses what a person types for an amount: "1 234,56", "1234.5", "1234", "1.234,56", "1,234.56", "12 €".
 * Returns integer cents, by string manipulation only. Signs are refused unless `allowNegative`.
 */
export function parseAmount(
  input: string,
  options: { allowNegative?: boolean; allowZero?: boolean } = {},
): ParsedAmount {
  let s = input
    .replace(/[\s\u00a0\u202f']/g, "")
    .replace(/(€|EUR)$/i, "")
    .replace(/^(€|EUR)/i, "");
  if (s === "") return { ok: false, error: "amount.invalid" };
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s.startsWith("-");
    s = s.slice(1);
  }
  let intPart: string;
  let fracPart = "";
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const decimalSep = lastComma > lastDot ? "," : ".";
    const groupSep = decimalSep === "," ? "." : ",";
    const at = s.lastIndexOf(decimalSep);
    const whole = s.slice(0, at);
    if (!/^\d{1,3}([.,]\d{3})*$/.test(whole) || whole.includes(decimalSep))
      return { ok: false, error: "amount.invalid" };
    intPart = whole.split(groupSep).join("");
    fracPart = s.slice(at + 1);
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    const parts = s.split(sep);
    if (parts.length === 2) {
      intPart = parts[0] ?? "";
      fracPart = parts[1] ?? "";
    } else {
      // "1.234.567": several separators can only group thousands.
      if (!parts.every((p, i) => (i === 0 ? /^\d{1,3}$/.test(p) : /^\d{3}$/.test(p)))) {
        return { ok: false, error: "amount.invalid" };
      }
      intPart = parts.join("");
    }
  } else {
    intPart = s;
  }
  if (intPart === "") intPart = "0";
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, error: "amount.invalid" };
  if (fracPart.length > 2) return { ok: false, error: "amount.too_many_decimals" };
  const digits = intPart.replace(/^0+(?=\d)/, "");
  if (digits.length > 12) return { ok: false, error: "amount.too_large" };
  const cents = Number(digits) * 100 + Number(fracPart.padEnd(2, "0"));
  if (cents > MAX_CENTS) return { ok: false, error: "amount.too_large" };
  if (negative && cents !== 0 && !options.allowNegative) return { ok: false, error: "amount.positive" };
  if (cents === 0 && !options.allowZero) return { ok: false, error: "amount.positive" };
  return { ok: true, cents: negative ? -cents : cents };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * A date as a person types it in France → "YYYY-MM-DD", or null: "30/06/2025", "30-06-2025", "30.06.2025",
 * "3/6/25" (years of two digits are 20xx) and "2025-06-30" itself. Impossible dates ("31/02/2025") are null.
 */
export function parseDate(input: string): string | null {
  const s = input.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const year = (m[3] ?? "").length === 2 ? `20${m[3]}` : (m[3] ?? "");
  const iso = `${year}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** "31/01/2025" from "2025-01-31" (the same in English: the app speaks to people in France). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** "31/01/2025 14:05" from an ISO-8601 timestamp, in the browser's zone (only for display). */
export function formatTimestamp(iso: string | null | undefined, lang = "fr"): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", {
    dateStyle: "short",
    timeStyle: "short",
  }).format(d);
}

/** Number of days → "12 j" / "12 d" are left to i18n; this only groups thousands. */
export function formatInteger(n: number, lang = "fr"): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR").format(n);
}

/** "1,5 Mo" for a file size in bytes. */
export function formatBytes(bytes: number | undefined, lang = "fr"): string {
  if (bytes === undefined) return "";
  const fr = lang !== "en";
  const units = fr ? ["o", "Ko", "Mo", "Go"] : ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const n = new Intl.NumberFormat(fr ? "fr-FR" : "en-GB", {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
  return `${n} ${units[unit]}`;
}
