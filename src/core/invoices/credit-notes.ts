import { type Cents, cents, mulDiv, subCents } from "../money.js";

/**
 * Numbers to try for a credit note on invoice `number`, in order: `AV-<number>`, then `AV-<number>-2`, `-3`…
 * (`count` of them from the `from`-th).
 */
export function creditNoteNumbers(number: string, from = 1, count = 20): string[] {
  const out: string[] = [];
  for (let k = from; k < from + count; k++) out.push(k === 1 ? `AV-${number}` : `AV-${number}-${k}`);
  return out;
}

/**
 * The HT / VAT split of a credit note of `amount` (TTC) on an invoice, in proportion to the invoice's own split
 * (VAT rounded half up, HT the rest, so HT + VAT = TTC exactly); both null when the invoice has no split.
 * Returned as negative amounts, the credit note's sign.
 */
export function creditNoteSplit(
  amount: number,
  invoice: { total_ttc_cents: number; total_vat_cents: number | null },
): { total_ht_cents: Cents | null; total_vat_cents: Cents | null } {
  if (invoice.total_vat_cents === null || invoice.total_ttc_cents <= 0) {
    return { total_ht_cents: null, total_vat_cents: null };
  }
  const vat = mulDiv(amount, invoice.total_vat_cents, invoice.total_ttc_cents);
  const ht = subCents(cents(amount), vat);
  return { total_ht_cents: cents(-ht), total_vat_cents: cents(-vat) };
}
