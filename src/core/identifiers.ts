import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import type { MessageCode } from "./messages.js";
import { fail, ok, type Result } from "./result.js";

/** Strips spaces (any kind), dots and dashes; uppercases. */
export function normalizeIdentifier(s: string): string {
  return s.replace(/[\s.\-‐‑–]/g, "").toUpperCase();
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const digitSum = (s: string) => [...s].reduce((acc, c) => acc + Number(c), 0);

/** 9 digits, Luhn key, not all zeros. */
export function isValidSiren(s: string): boolean {
  const v = normalizeIdentifier(s);
  return /^\d{9}$/.test(v) && v !== "000000000" && luhn(v);
}

/** La Poste's establishments share SIREN 356000000; their SIRETs only need a digit sum multiple of 5. */
const LA_POSTE_SIREN = "356000000";

/** 14 digits whose SIREN is valid, Luhn key over the 14 (La Poste exception). */
export function isValidSiret(s: string): boolean {
  const v = normalizeIdentifier(s);
  if (!/^\d{14}$/.test(v) || !isValidSiren(v.slice(0, 9))) return false;
  return luhn(v) || (v.startsWith(LA_POSTE_SIREN) && digitSum(v) % 5 === 0);
}

/** The SIREN part of a SIRET, or undefined when `s` is not 14 digits. */
export function sirenFromSiret(s: string): string | undefined {
  const v = normalizeIdentifier(s);
  return /^\d{14}$/.test(v) ? v.slice(0, 9) : undefined;
}

function luhnCheckDigit(body: string, length: number): string {
  if (!new RegExp(`^\\d{${length}}$`).test(body)) throw new RangeError(`expected ${length} digits: ${body}`);
  for (let c = 0; c <= 9; c++) if (luhn(body + c)) return String(c);
  throw new Error("unreachable: one Luhn digit always fits");
}

/** The digit that makes `first8 + digit` a valid SIREN (for demo data). */
export function sirenCheckDigit(first8: string): string {
  return luhnCheckDigit(first8, 8);
}

/** The digit that makes `first13 + digit` a Luhn-valid SIRET (for demo data). */
export function siretCheckDigit(first13: string): string {
  return luhnCheckDigit(first13, 13);
}

/** "FR" + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. Throws RangeError unless 9 digits. */
export function frenchVatFromSiren(siren: string): string {
  const v = normalizeIdentifier(siren);
  if (!/^\d{9}$/.test(v)) throw new RangeError(`not a SIREN: ${siren}`);
  const key = (12 + 3 * (Number(v) % 97)) % 97;
  return `FR${String(key).padStart(2, "0")}${v}`;
}

/** FR + 2-digit key + valid SIREN, key matching the SIREN. */
export function isValidFrenchVat(s: string): boolean {
  const v = normalizeIdentifier(s);
  const m = /^FR\d{2}(\d{9})$/.exec(v);
  return m?.[1] !== undefined && isValidSiren(m[1]) && frenchVatFromSiren(m[1]) === v;
}

/** EU VAT prefixes (EL for Greece, XI for Northern Ireland). */
const EU_VAT_PREFIXES = new Set(
  "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split(" "),
);

/** French numbers fully checked; other EU numbers checked for shape only (VIES is the authority). */
export function isValidVatNumber(s: string): boolean {
  const v = normalizeIdentifier(s);
  if (v.startsWith("FR")) return isValidFrenchVat(v);
  return EU_VAT_PREFIXES.has(v.slice(0, 2)) && /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(v) && /\d/.test(v.slice(2));
}

export function isValidIban(s: string): boolean {
  const v = electronicFormatIBAN(s);
  return v !== null && isValidIBAN(v);
}

/** Groups of 4: "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(s: string): string {
  return friendlyFormatIBAN(electronicFormatIBAN(s) ?? s) ?? s;
}

export function isValidBic(s: string): boolean {
  return isValidBIC(normalizeIdentifier(s));
}

/** Pragmatic: one @, no spaces, a dot inside the domain. */
export function isValidEmail(s: string): boolean {
  const m = /^([^\s@]+)@([^\s@]+)$/.exec(s.trim());
  const domain = m?.[2];
  return domain !== undefined && /^[^.]+(\.[^.]+)+$/.test(domain) && !m?.[1]?.startsWith(".");
}

function check(
  s: string,
  code: MessageCode,
  isValid: (s: string) => boolean,
  normalize: (s: string) => string,
): Result<string> {
  const value = s.trim();
  if (value === "") return fail("field.required");
  return isValid(value) ? ok(normalize(value)) : fail(code, { value });
}

export const checkSiren = (s: string) => check(s, "siren.invalid", isValidSiren, normalizeIdentifier);
export const checkSiret = (s: string) => check(s, "siret.invalid", isValidSiret, normalizeIdentifier);
export const checkFrenchVat = (s: string) => check(s, "vat.invalid", isValidFrenchVat, normalizeIdentifier);
export const checkVatNumber = (s: string) => check(s, "vat.invalid", isValidVatNumber, normalizeIdentifier);
export const checkIban = (s: string) =>
  check(s, "iban.invalid", isValidIban, (v) => electronicFormatIBAN(v) ?? v);
export const checkBic = (s: string) => check(s, "bic.invalid", isValidBic, normalizeIdentifier);
/** Keeps the local part as typed, lowercases the domain. */
export const checkEmail = (s: string) =>
  check(s, "email.invalid", isValidEmail, (v) => {
    const at = v.lastIndexOf("@");
    return v.slice(0, at + 1) + v.slice(at + 1).toLowerCase();
  });
