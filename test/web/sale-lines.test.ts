/**
 * The web app's live totals of a quote or an invoice being typed (web/src/sale-lines.ts) against the server's own
 * pricing (src/core/invoices/totals.ts, src/core/quotes/deposit.ts): the same cents, VAT rounded per rate.
 */
import { describe, expect, it } from "vitest";
import { computeTotals } from "../../src/core/invoices/totals.js";
import { depositAmount, vatBases } from "../../src/core/quotes/deposit.js";
import {
  addDaysIso,
  depositCents,
  formatRate,
  nextQuoteNumber,
  parseQuantity,
  saleTotals,
  VAT_RATES_BP,
} from "../../web/src/sale-lines.js";

describe("saleTotals", () => {
  it("rounds each net, then VAT once per rate (not per line)", () => {
    // three lines of 0,05 € at 20 %: VAT per line would be 3 × 0,01 €; on the base of 0,15 € it is 0,03 €
    const lines = [1, 2, 3].map(() => ({ quantity_milli: 1000, unit_price_cents: 5, vat_rate_bp: 2000 }));
    expect(saleTotals(lines)).toEqual({
      total_ht_cents: 15,
      total_vat_cents: 3,
      total_ttc_cents: 18,
      vat_breakdown: [{ rate_bp: 2000, base_cents: 15, vat_cents: 3 }],
    });
    // 2 × 0,025 € = 0,05 €; 1,5 × 33,33 € = 49,995 € → 50,00 €; 5,5 % of 50,00 € = 2,75 €
    const mixed = saleTotals([
      { quantity_milli: 1500, unit_price_cents: 3333, vat_rate_bp: 550 },
      { quantity_milli: 2000, unit_price_cents: 123_456, vat_rate_bp: 2000 },
    ]);
    expect(mixed.vat_breakdown).toEqual([
      { rate_bp: 2000, base_cents: 246_912, vat_cents: 49_382 },
      { rate_bp: 550, base_cents: 5000, vat_cents: 275 },
    ]);
    expect(mixed.total_ttc_cents).toBe(246_912 + 49_382 + 5000 + 275);
  });

  it("gives the server's cents on many random quotes, totals and deposit alike", () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: 1 + next(6) }, () => ({
        quantity_milli: 1 + next(50_000),
        unit_price_cents: next(2_000_000),
        vat_rate_bp: VAT_RATES_BP[next(VAT_RATES_BP.length)] ?? 0,
      }));
      expect(saleTotals(lines)).toEqual(computeTotals(lines));
      const percent = next(101);
      expect(depositCents(lines, percent)).toBe(depositAmount(vatBases(lines), percent));
    }
  });
});

describe("parseQuantity", () => {
  it("reads a French or English decimal to thousandths", () => {
    expect(parseQuantity("1,5")).toEqual({ ok: true, milli: 1500 });
    expect(parseQuantity("2.25")).toEqual({ ok: true, milli: 2250 });
    expect(parseQuantity(" 1 000 ")).toEqual({ ok: true, milli: 1_000_000 });
    expect(parseQuantity("0,001")).toEqual({ ok: true, milli: 1 });
    expect(parseQuantity(",5")).toEqual({ ok: true, milli: 500 });
  });

  it("refuses what is not a positive quantity of at most three decimals", () => {
    expect(parseQuantity("")).toEqual({ ok: false, error: "quantity.invalid" });
    expect(parseQuantity("1,2,3")).toEqual({ ok: false, error: "quantity.invalid" });
    expect(parseQuantity("-1")).toEqual({ ok: false, error: "quantity.invalid" });
    expect(parseQuantity("abc")).toEqual({ ok: false, error: "quantity.invalid" });
    expect(parseQuantity("0")).toEqual({ ok: false, error: "quantity.positive" });
    expect(parseQuantity("1,2345")).toEqual({ ok: false, error: "quantity.too_many_decimals" });
    expect(parseQuantity("10000000")).toEqual({ ok: false, error: "quantity.invalid" });
  });
});

describe("helpers of the forms", () => {
  it("writes rates the French way", () => {
    expect(formatRate(550)).toBe("5,5\u00a0%");
    expect(formatRate(2000)).toBe("20\u00a0%");
    expect(formatRate(210, "en")).toBe("2.1%");
    expect(formatRate(0)).toBe("0\u00a0%");
  });

  it("adds days across months and leap years", () => {
    expect(addDaysIso("2025-06-30", 30)).toBe("2025-07-30");
    expect(addDaysIso("2028-02-15", 30)).toBe("2028-03-16");
    expect(addDaysIso("2026-12-15", 30)).toBe("2027-01-14");
  });

  it("proposes the next D-YYYY-NNN number of the year", () => {
    expect(nextQuoteNumber([], "2026")).toBe("D-2026-001");
    expect(nextQuoteNumber(["D-2026-014", "D-2026-009", "D-2025-120", "Devis 7"], "2026")).toBe("D-2026-015");
    expect(nextQuoteNumber(["D-2026-0999"], "2026")).toBe("D-2026-1000");
  });
});
