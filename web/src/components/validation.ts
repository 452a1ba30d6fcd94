import type { TFunction } from "i18next";
import { isIsoDate, parseAmount } from "../format";

export const MIN_PASSWORD = 10;

/** Client-side checks with the same messages in every form; the server checks again. */

export function validateRequired(value: string, t: TFunction): string | undefined {
  return value.trim() === "" ? t("validation.required") : undefined;
}

export function validateEmail(value: string, t: TFunction, required = false): string | undefined {
  const v = value.trim();
  if (v === "") return required ? t("validation.required") : undefined;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : t("validation.email");
}

export function validateDate(value: string, t: TFunction, required = true): string | undefined {
  if (value === "") return required ? t("validation.date_required") : undefined;
  return isIsoDate(value) ? undefined : t("validation.date");
}

/** 9 digits (spaces allowed) with a valid Luhn key, or empty. */
export function validateSiren(value: string, t: TFunction): string | undefined {
  const v = value.replace(/\s/g, "");
  if (v === "") return undefined;
  if (!/^\d{9}$/.test(v)) return t("validation.siren");
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(v[8 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0 ? undefined : t("validation.siren");
}

/** Cents, or the message to show under the field. */
export function validateAmount(
  value: string,
  t: TFunction,
  options: { allowZero?: boolean } = {},
): { cents: number; error?: undefined } | { cents?: undefined; error: string } {
  const parsed = parseAmount(value, options);
  if (parsed.ok) return { cents: parsed.cents };
  return { error: t(`validation.${parsed.error}`) };
}
