import { computeTotals, type LineInput, lineNet, type Totals } from "../invoices/totals.js";
import { type Cents, cents, mulDiv } from "../money.js";

/** The net amount (HT) of a quote at one VAT rate. */
export interface VatBase {
  vat_rate_bp: number;
  ht_cents: number;
}

/** A deposit line (acompte): one per VAT rate of the quote, quantity 1, the rate's HT × percent. */
export interface DepositLine {
  vat_rate_bp: number;
  ht_cents: Cents;
}

/** The HT of each VAT rate of the quote's lines, highest rate first. */
export function vatBases(lines: readonly LineInput[]): VatBase[] {
  const bases = new Map<number, number>();
  for (const l of lines) bases.set(l.vat_rate_bp, (bases.get(l.vat_rate_bp) ?? 0) + lineNet(l));
  return [...bases].sort(([a], [b]) => b - a).map(([vat_rate_bp, ht_cents]) => ({ vat_rate_bp, ht_cents }));
}

/**
 * The deposit (acompte) asked on a quote: for each VAT rate, the quote's HT at that rate × percent / 100 rounded
 * half up to the cent, then VAT once per rate like any invoice (EN 16931). So the deposit invoice carries the same
 * VAT rates as the work, and its TTC is exactly what the quote and its PDF announce. It may differ by a cent from
 * TTC × percent (documented in docs/quotes.md); the final invoice deducts these very lines and amounts.
 */
export function depositLines(bases: readonly VatBase[], percent: number): DepositLine[] {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`percent: ${percent}`);
  if (percent === 0) return [];
  return bases
    .map((b) => ({ vat_rate_bp: b.vat_rate_bp, ht_cents: mulDiv(b.ht_cents, percent, 100) }))
    .filter((l) => l.ht_cents !== 0);
}

/** The totals of the deposit invoice. */
export function depositTotals(lines: readonly DepositLine[]): Totals {
  return computeTotals(lines.map(asLineInput));
}

/** The deposit's TTC on a quote of these bases (0 when percent is 0). */
export function depositAmount(bases: readonly VatBase[], percent: number): Cents {
  return depositTotals(depositLines(bases, percent)).total_ttc_cents;
}

/** A deposit line as a priced invoice line (quantity 1). */
export function asLineInput(line: DepositLine): LineInput {
  return { quantity_milli: 1000, unit_price_cents: line.ht_cents, vat_rate_bp: line.vat_rate_bp };
}

/**
 * The totals of the final invoice (facture de solde): the work's totals minus what the deposit invoices already
 * charged, rate by rate, by subtraction — not VAT recomputed on the remaining base, which could be a cent off —
 * so deposits + final = the quote to the cent, HT, VAT and TTC.
 */
export function finalTotals(work: Totals, deposits: readonly Totals[]): Totals {
  const byRate = new Map<number, { base: number; vat: number }>();
  for (const v of work.vat_breakdown) byRate.set(v.rate_bp, { base: v.base_cents, vat: v.vat_cents });
  for (const d of deposits) {
    for (const v of d.vat_breakdown) {
      const r = byRate.get(v.rate_bp) ?? { base: 0, vat: 0 };
      byRate.set(v.rate_bp, { base: r.base - v.base_cents, vat: r.vat - v.vat_cents });
    }
  }
  const vat_breakdown = [...byRate]
    .sort(([a], [b]) => b - a)
    .map(([rate_bp, r]) => ({ rate_bp, base_cents: cents(r.base), vat_cents: cents(r.vat) }));
  const ht = vat_breakdown.reduce((s, v) => s + v.base_cents, 0);
  const vat = vat_breakdown.reduce((s, v) => s + v.vat_cents, 0);
  return {
    total_ht_cents: cents(ht),
    total_vat_cents: cents(vat),
    total_ttc_cents: cents(ht + vat),
    vat_breakdown,
  };
}
