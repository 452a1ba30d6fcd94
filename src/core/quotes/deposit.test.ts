import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTotals } from "../invoices/totals.js";
import { asLineInput, depositAmount, depositLines, depositTotals, finalTotals, vatBases } from "./deposit.js";

const WORK = [
  { quantity_milli: 3000, unit_price_cents: 3333, vat_rate_bp: 2000 },
  { quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 550 },
];

describe("deposit (acompte)", () => {
  it("takes the percent of each VAT rate's HT, rounded half up, VAT once per rate", () => {
    const bases = vatBases(WORK);
    expect(bases).toEqual([
      { vat_rate_bp: 2000, ht_cents: 9999 },
      { vat_rate_bp: 550, ht_cents: 10000 },
    ]);
    // 9999 × 30 % = 2999,7 → 3000 (VAT 600); 10000 × 30 % = 3000 (VAT 165)
    expect(depositLines(bases, 30)).toEqual([
      { vat_rate_bp: 2000, ht_cents: 3000 },
      { vat_rate_bp: 550, ht_cents: 3000 },
    ]);
    expect(depositAmount(bases, 30)).toBe(6765);
    expect(depositAmount(bases, 0)).toBe(0);
    expect(depositAmount(bases, 100)).toBe(computeTotals(WORK).total_ttc_cents);
    // half a cent rounds up
    expect(depositAmount([{ vat_rate_bp: 0, ht_cents: 5 }], 10)).toBe(1);
    expect(() => depositLines(bases, 101)).toThrow(RangeError);
    expect(() => depositLines(bases, 12.5)).toThrow(RangeError);
  });

  it("the final invoice is the rest: deposit + final = the quote, HT, VAT and TTC, rate by rate", () => {
    const work = computeTotals(WORK);
    const deposit = depositTotals(depositLines(vatBases(WORK), 30));
    const rest = finalTotals(work, [deposit]);
    expect(rest.total_ttc_cents).toBe(22549 - 6765);
    expect(rest.total_ht_cents).toBe(19999 - 6000);
    expect(rest.vat_breakdown).toEqual([
      { rate_bp: 2000, base_cents: 6999, vat_cents: 2000 - 600 },
      { rate_bp: 550, base_cents: 7000, vat_cents: 550 - 165 },
    ]);
  });

  it("sums exactly for any lines and percent (property)", () => {
    const line = fc.record({
      quantity_milli: fc.integer({ min: 1, max: 100_000 }),
      unit_price_cents: fc.integer({ min: 0, max: 10_000_000 }),
      vat_rate_bp: fc.constantFrom(0, 210, 550, 1000, 2000),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (lines, p) => {
          const work = computeTotals(lines);
          const dep = depositLines(vatBases(lines), p);
          const deposit = computeTotals(dep.map(asLineInput));
          const rest = finalTotals(work, [deposit]);
          expect(deposit.total_ttc_cents + rest.total_ttc_cents).toBe(work.total_ttc_cents);
          expect(deposit.total_vat_cents + rest.total_vat_cents).toBe(work.total_vat_cents);
          expect(rest.total_ttc_cents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
