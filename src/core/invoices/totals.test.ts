import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cents } from "../money.js";
import { computeTotals, type LineInput, lineNet, vatAmount } from "./totals.js";

const line = (
  quantity_milli: number,
  unit_price_cents: number,
  vat_rate_bp = 2000,
  discount_cents?: number,
) =>
  discount_cents === undefined
    ? { quantity_milli, unit_price_cents, vat_rate_bp }
    : { quantity_milli, unit_price_cents, vat_rate_bp, discount_cents };

describe("lineNet", () => {
  it.each([
    [line(1000, 12_345), 12_345],
    [line(1500, 1000), 1500],
    [line(1, 1), 0],
    [line(500, 1), 1],
    [line(499, 1), 0],
    [line(333, 100), 33],
    [line(2500, 3333), 8333],
    [line(3000, 1000, 2000, 500), 2500],
    [line(-1500, 1000), -1500],
    [line(-500, 1), -1],
    [line(0, 99_999), 0],
  ])("%j → %i", (input, expected) => {
    expect(lineNet(input)).toBe(expected);
  });
  it("rejects non-integer inputs", () => {
    expect(() => lineNet(line(1.5, 100))).toThrow(RangeError);
    expect(() => lineNet(line(1000, 10.5))).toThrow(RangeError);
    expect(() => lineNet(line(1000, 100, 2000, 0.5))).toThrow(RangeError);
  });
});

describe("computeTotals", () => {
  it("breaks VAT down by rate, highest first", () => {
    const totals = computeTotals([
      line(1000, 10_000, 550),
      line(2000, 5000, 2000),
      line(1000, 1000, 1000),
      line(1000, 500, 2000),
      line(1000, 700, 0),
    ]);
    expect(totals).toEqual({
      total_ht_cents: 22_200,
      total_vat_cents: 550 + 2100 + 100,
      total_ttc_cents: 22_200 + 2750,
      vat_breakdown: [
        { rate_bp: 2000, base_cents: 10_500, vat_cents: 2100 },
        { rate_bp: 1000, base_cents: 1000, vat_cents: 100 },
        { rate_bp: 550, base_cents: 10_000, vat_cents: 550 },
        { rate_bp: 0, base_cents: 700, vat_cents: 0 },
      ],
    });
  });
  it("rounds VAT once per rate, not per line (EN 16931)", () => {
    // three lines of 0.12 € at 5.5 %: 0.0066 € each; per line 0.01 × 3 = 0.03, on the sum 0.0198 → 0.02
    const totals = computeTotals([line(1000, 12, 550), line(1000, 12, 550), line(1000, 12, 550)]);
    expect(totals.total_vat_cents).toBe(2);
    expect(totals.total_ttc_cents).toBe(38);
  });
  it("rounds halves up", () => {
    expect(computeTotals([line(1000, 25, 2000)]).total_vat_cents).toBe(5);
    expect(computeTotals([line(1000, 2, 2500)]).total_vat_cents).toBe(1);
    expect(vatAmount(cents(-2), 2500)).toBe(-1);
  });
  it("handles an empty invoice and credit notes", () => {
    expect(computeTotals([])).toEqual({
      total_ht_cents: 0,
      total_vat_cents: 0,
      total_ttc_cents: 0,
      vat_breakdown: [],
    });
    const credit = computeTotals([line(-1000, 12_345, 2000)]);
    expect(credit.total_vat_cents).toBe(-2469);
    expect(credit.total_ttc_cents).toBe(-14_814);
  });
  it("refuses invalid VAT rates", () => {
    expect(() => computeTotals([line(1000, 100, -1)])).toThrow(RangeError);
    expect(() => computeTotals([line(1000, 100, 5.5)])).toThrow(RangeError);
  });

  const anyLine: fc.Arbitrary<LineInput> = fc.record({
    quantity_milli: fc.integer({ min: -100_000, max: 1_000_000 }),
    unit_price_cents: fc.integer({ min: 0, max: 10_000_000 }),
    vat_rate_bp: fc.constantFrom(0, 210, 550, 850, 1000, 2000),
    discount_cents: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
  });

  it("keeps HT + VAT = TTC, HT = Σ line nets, and VAT within half a cent per rate", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 30 }), (lines) => {
        const t = computeTotals(lines);
        expect(t.total_ttc_cents).toBe(t.total_ht_cents + t.total_vat_cents);
        expect(t.total_ht_cents).toBe(lines.reduce((s, l) => s + lineNet(l), 0));
        const rates = t.vat_breakdown.map((b) => b.rate_bp);
        expect(rates).toEqual([...new Set(lines.map((l) => l.vat_rate_bp))].sort((a, b) => b - a));
        for (const b of t.vat_breakdown) {
          const twiceError = 2n * (BigInt(b.vat_cents) * 10_000n - BigInt(b.base_cents) * BigInt(b.rate_bp));
          expect(twiceError <= 10_000n && twiceError >= -10_000n).toBe(true);
        }
      }),
    );
  });
  it("does not depend on line order", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 20 }), (lines) => {
        expect(computeTotals([...lines].reverse())).toEqual(computeTotals(lines));
      }),
    );
  });
});
