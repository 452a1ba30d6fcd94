import { addCents, type Cents, cents, mulDiv, subCents, sumCents, ZERO } from "../money.js";

export interface LineInput {
  /** Quantity in thousandths: 1.5 units = 1500. */
  quantity_milli: number;
  unit_price_cents: number;
  /** VAT rate in basis points: 20 % = 2000. */
  vat_rate_bp: number;
  discount_cents?: number;
}

export interface VatBreakdown {
  rate_bp: number;
  base_cents: Cents;
  vat_cents: Cents;
}

export interface Totals {
  total_ht_cents: Cents;
  total_vat_cents: Cents;
  total_ttc_cents: Cents;
  /** One entry per rate used, highest rate first. */
  vat_breakdown: VatBreakdown[];
}

/** quantity × unit price rounded half up to the cent, minus the line discount. */
export function lineNet(line: LineInput): Cents {
  const gross = mulDiv(line.unit_price_cents, line.quantity_milli, 1000);
  return subCents(gross, cents(line.discount_cents ?? 0));
}

/** VAT on a base, rounded half up (half away from zero for credit notes). */
export function vatAmount(base: Cents, rate_bp: number): Cents {
  return mulDiv(base, rate_bp, 10_000);
}

/** EN 16931: nets rounded per line, VAT rounded once per rate on the sum of the nets at that rate. */
export function computeTotals(lines: readonly LineInput[]): Totals {
  const bases = new Map<number, Cents>();
  for (const line of lines) {
    const rate = line.vat_rate_bp;
    if (!Number.isSafeInteger(rate) || rate < 0) throw new RangeError(`invalid VAT rate: ${rate} bp`);
    bases.set(rate, addCents(bases.get(rate) ?? ZERO, lineNet(line)));
  }
  const vat_breakdown = [...bases]
    .sort(([a], [b]) => b - a)
    .map(([rate_bp, base_cents]) => ({ rate_bp, base_cents, vat_cents: vatAmount(base_cents, rate_bp) }));
  const total_ht_cents = sumCents(vat_breakdown.map((b) => b.base_cents));
  const total_vat_cents = sumCents(vat_breakdown.map((b) => b.vat_cents));
  return {
    total_ht_cents,
    total_vat_cents,
    total_ttc_cents: addCents(total_ht_cents, total_vat_cents),
    vat_breakdown,
  };
}
