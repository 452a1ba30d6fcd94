/**
 * The EPC payment QR code ("SEPA Credit Transfer" QR, EPC069-12, version 002): the text it carries.
 * One element per line, LF-separated; trailing empty elements are left out:
 *   BCD · 002 · 1 (UTF-8) · SCT · BIC (optional) · beneficiary name (≤ 70) · IBAN · EUR amount ·
 *   purpose (unused) · structured RF reference (≤ 35) · unstructured remittance (≤ 140)
 * The whole payload fits in 331 bytes (a version 13 QR code at error correction level M).
 */
import { checkBic, checkIban } from "../identifiers.js";
import { cents, formatDecimal, formatEuros } from "../money.js";
import { fail, ok, type Result } from "../result.js";

export interface EpcQrInput {
  /** The beneficiary (the organization being paid). */
  name: string;
  iban: string;
  bic?: string | null;
  amount_cents: number;
  /** A structured creditor reference (ISO 11649, "RF…"). */
  reference?: string | null;
  /** Free text for the transfer (e.g. the invoice numbers); never together with `reference`. */
  text?: string | null;
}

export const EPC_QR_MAX_BYTES = 331;
export const EPC_QR_MAX_NAME = 70;
export const EPC_QR_MAX_TEXT = 140;
const MIN_CENTS = 1;
const MAX_CENTS = 99_999_999_999;

/** Runs of whitespace (line breaks included, which would shift the elements) become one space. */
const clean = (s: string | null | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();

/** ISO 11649: "RF" + 2 check digits + 1–21 alphanumerics; moved to the end, letters as numbers, mod 97 = 1. */
export function isValidCreditorReference(s: string): boolean {
  const v = s.replace(/\s+/g, "").toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(v)) return false;
  let remainder = 0;
  for (const ch of v.slice(4) + v.slice(0, 4)) {
    const n = Number.parseInt(ch, 36);
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder === 1;
}

export function epcQrPayload(input: EpcQrInput): Result<string> {
  const name = clean(input.name);
  if (name === "") return fail("payment_qr.name_required");
  if ([...name].length > EPC_QR_MAX_NAME) {
    return fail("payment_qr.name_too_long", { max: EPC_QR_MAX_NAME, length: [...name].length });
  }

  if (clean(input.iban) === "") return fail("payment_qr.iban_required");
  const iban = checkIban(input.iban);
  if (!iban.ok) return iban;

  let bic = "";
  if (clean(input.bic) !== "") {
    const checked = checkBic(clean(input.bic));
    if (!checked.ok) return checked;
    bic = checked.value;
  }

  const amount = input.amount_cents;
  if (!Number.isSafeInteger(amount) || amount < MIN_CENTS || amount > MAX_CENTS) {
    const value = Number.isSafeInteger(amount) ? formatEuros(cents(amount)) : String(amount);
    return fail("payment_qr.amount_out_of_range", { value });
  }

  const reference = clean(input.reference).replace(/ /g, "").toUpperCase();
  const text = clean(input.text);
  if (reference !== "" && text !== "") return fail("payment_qr.reference_and_text");
  if (reference !== "" && !isValidCreditorReference(reference)) {
    return fail("payment_qr.reference_invalid", { value: clean(input.reference) });
  }
  if ([...text].length > EPC_QR_MAX_TEXT) {
    return fail("payment_qr.text_too_long", { max: EPC_QR_MAX_TEXT, length: [...text].length });
  }

  const elements = ["BCD", "002", "1", "SCT", bic, name, iban.value, `EUR${formatDecimal(cents(amount))}`];
  elements.push("", reference, text);
  while (elements.at(-1) === "") elements.pop();
  const payload = elements.join("\n");

  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > EPC_QR_MAX_BYTES) return fail("payment_qr.too_long", { max: EPC_QR_MAX_BYTES, bytes });
  return ok(payload);
}
