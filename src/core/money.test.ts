import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCents,
  amountFromNumber,
  type Cents,
  cents,
  checkPositive,
  formatDecimal,
  formatEuros,
  mulDiv,
  parseAmount,
  subCents,
  sumCents,
  ZERO,
} from "./money.js";

const c = (n: number) => cents(n);
const anyCents = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map(c);

describe("cents", () => {
  it("accepts safe integers and normalises -0", () => {
    expect(cents(42)).toBe(42);
    expect(Object.is(cents(-0), 0)).toBe(true);
    expect(ZERO).toBe(0);
  });
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects %s", (n) => {
    expect(() => cents(n)).toThrow(RangeError);
  });
  it("adds, subtracts and sums, refusing to overflow", () => {
    expect(addCents(c(150), c(-50))).toBe(100);
    expect(subCents(c(150), c(200))).toBe(-50);
    expect(sumCents([c(1), c(2), c(3)])).toBe(6);
    expect(sumCents([])).toBe(0);
    expect(() => addCents(c(Number.MAX_SAFE_INTEGER), c(1))).toThrow(RangeError);
  });
});

describe("mulDiv", () => {
  it.each([
    [100, 1, 3, 33],
    [200, 1, 3, 67],
    [5, 1, 2, 3],
    [-5, 1, 2, -3],
    [15, 1, 10, 2],
    [-15, 1, 10, -2],
    [14, 1, 10, 1],
    [-14, 1, 10, -1],
    [1, 1, -2, -1],
    [-1, -1, 2, 1],
    [123456, 2000, 10000, 24691],
    [0, 7, 3, 0],
  ])("%i × %i / %i = %i", (a, n, d, expected) => {
    expect(mulDiv(a, n, d)).toBe(expected);
  });
  it("is exact beyond float precision", () => {
    expect(mulDiv(Number.MAX_SAFE_INTEGER, 3n, 3n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(mulDiv(9_007_199_254_740_991, 2000, 10_000)).toBe(1_801_439_850_948_198);
  });
  it("rejects a zero denominator, fractions and overflow", () => {
    expect(() => mulDiv(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDiv(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDiv(1, 0.5, 1)).toThrow(RangeError);
    expect(() => mulDiv(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
  });
  it("rounds to the nearest cent, halves away from zero, symmetrically", () => {
    const amount = fc.integer({ min: -1e9, max: 1e9 });
    const factor = fc.integer({ min: -1e6, max: 1e6 });
    const den = fc.integer({ min: 1, max: 1e6 });
    fc.assert(
      fc.property(amount, factor, den, (a, n, d) => {
        const q = BigInt(mulDiv(a, n, d));
        const twiceError = 2n * (q * BigInt(d) - BigInt(a) * BigInt(n));
        expect(twiceError <= BigInt(d) && twiceError >= -BigInt(d)).toBe(true);
        expect(mulDiv(-a, n, d)).toBe(-mulDiv(a, n, d) || 0);
      }),
    );
  });
});

describe("formatEuros / formatDecimal", () => {
  it.each([
    [123456, "1\u202F234,56\u00A0€", "€1,234.56", "1234.56"],
    [-123456, "-1\u202F234,56\u00A0€", "-€1,234.56", "-1234.56"],
    [0, "0,00\u00A0€", "€0.00", "0.00"],
    [-5, "-0,05\u00A0€", "-€0.05", "-0.05"],
    [100, "1,00\u00A0€", "€1.00", "1.00"],
    [99999, "999,99\u00A0€", "€999.99", "999.99"],
    [123456780, "1\u202F234\u202F567,80\u00A0€", "€1,234,567.80", "1234567.80"],
  ])("%i → %s | %s | %s", (n, fr, en, decimal) => {
    expect(formatEuros(c(n))).toBe(fr);
    expect(formatEuros(c(n), "en")).toBe(en);
    expect(formatDecimal(c(n))).toBe(decimal);
  });
  it("matches Intl exactly over the whole safe range", () => {
    const intlFr = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
    const intlEn = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" });
    fc.assert(
      fc.property(anyCents, (x) => {
        const exact = formatDecimal(x) as `${number}`;
        expect(formatEuros(x, "fr")).toBe(intlFr.format(exact));
        expect(formatEuros(x, "en")).toBe(intlEn.format(exact));
      }),
    );
  });
});

describe("parseAmount", () => {
  it.each([
    ["1 234,56", 123456],
    ["1\u00A0234,56", 123456],
    ["1\u202F234,56\u00A0€", 123456],
    ["1'234.56", 123456],
    ["1.234,56", 123456],
    ["1,234.56", 123456],
    ["1234.5", 123450],
    ["1234,5", 123450],
    ["1234", 123400],
    ["1 234,56 €", 123456],
    ["1234,56€", 123456],
    ["€ 1234.56", 123456],
    ["EUR 12", 1200],
    ["12 eur", 1200],
    ["-12,00", -1200],
    ["- 12,00 €", -1200],
    ["-€12.00", -1200],
    ["€-12.00", -1200],
    ["+12", 1200],
    ["\u221212,50", -1250],
    ["1.234", 123400],
    ["1,234", 123400],
    ["1.234.567", 123456700],
    ["1,234,567.8", 123456780],
    ["1 234 567", 123456700],
    ["0,5", 50],
    ["0.05", 5],
    ["007", 700],
    ["  12,30  ", 1230],
    ["-0", 0],
    ["90071992547409.91", Number.MAX_SAFE_INTEGER],
  ])("%j → %i", (text, expected) => {
    expect(parseAmount(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["1234.567"],
    ["1 234,567"],
    ["0,125"],
    ["0.001"],
    ["12,3456"],
    ["1.234,567"],
  ])("%j has too many decimals", (text) => {
    expect(parseAmount(text)).toEqual({
      ok: false,
      problem: { code: "amount.too_many_decimals", params: { value: text.trim() } },
    });
  });

  it.each([
    ["abc"],
    ["(12,00)"],
    ["12,"],
    [",50"],
    ["1.2.3"],
    ["12 34"],
    ["1 2345"],
    ["1.234.56"],
    ["1.234 567"],
    ["1 234.567,89"],
    ["1,234,56.7"],
    ["12,50,30"],
    ["€12 €"],
    ["12-"],
    ["--12"],
    ["12 € 50"],
    ["1e5"],
    ["0x10"],
    ["12.5.2025"],
  ])("%j is invalid", (text) => {
    expect(parseAmount(text)).toEqual({
      ok: false,
      problem: { code: "amount.invalid", params: { value: text } },
    });
  });

  it("reports blank input as missing, and huge values as out of range", () => {
    expect(parseAmount("  ")).toEqual({ ok: false, problem: { code: "field.required" } });
    expect(parseAmount("90071992547409.92").ok).toBe(false);
    expect(parseAmount("99999999999999999999")).toMatchObject({ problem: { code: "amount.out_of_range" } });
  });

  it("reads back everything formatEuros and formatDecimal write", () => {
    fc.assert(
      fc.property(anyCents, (x) => {
        expect(parseAmount(formatEuros(x, "fr"))).toEqual({ ok: true, value: x });
        expect(parseAmount(formatEuros(x, "en"))).toEqual({ ok: true, value: x });
        expect(parseAmount(formatDecimal(x))).toEqual({ ok: true, value: x });
      }),
    );
  });

  it("reads French spreadsheet styles whatever the thousands separator", () => {
    const groupSep = fc.constantFrom(" ", "\u00A0", "\u202F", ".", "'");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), groupSep, (n, sep) => {
        const [units = "", decimals = ""] = formatDecimal(c(n)).split(".");
        const text = `${units.replace(/\B(?=(\d{3})+(?!\d))/g, sep)},${decimals}`;
        expect(parseAmount(text)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe("amountFromNumber", () => {
  it.each([
    [1234.56, 123456],
    [0.1 + 0.2, 30],
    [-12.5, -1250],
    [19.99, 1999],
    [1e-7, 0],
    [0, 0],
  ])("%d → %i", (x, expected) => {
    expect(amountFromNumber(x)).toEqual({ ok: true, value: expected });
  });
  it("rejects non-finite numbers, sub-cent values and huge values", () => {
    expect(amountFromNumber(Number.NaN)).toMatchObject({ problem: { code: "amount.invalid" } });
    expect(amountFromNumber(Number.POSITIVE_INFINITY)).toMatchObject({ problem: { code: "amount.invalid" } });
    expect(amountFromNumber(1.005)).toMatchObject({ problem: { code: "amount.too_many_decimals" } });
    expect(amountFromNumber(12.345)).toMatchObject({ problem: { code: "amount.too_many_decimals" } });
    expect(amountFromNumber(1e300)).toMatchObject({ problem: { code: "amount.out_of_range" } });
  });
  it("recovers any cent amount from its float value in euros", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(amountFromNumber(n / 100)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe("checkPositive", () => {
  it("refuses zero and negative amounts", () => {
    expect(checkPositive(c(1))).toEqual({ ok: true, value: 1 });
    expect(checkPositive(ZERO)).toEqual({ ok: false, problem: { code: "amount.zero" } });
    expect(checkPositive(c(-150) as Cents)).toEqual({
      ok: false,
      problem: { code: "amount.negative", params: { value: "-1,50\u00A0€" } },
    });
  });
});
