import { describe, expect, it } from "vitest";
import {
  centsToDecimal,
  centsToInput,
  formatDate,
  formatMoney,
  isIsoDate,
  parseAmount,
  parseDate,
} from "./format";

const NBSP = /[\u00a0\u202f]/g;

describe("formatMoney", () => {
  it("formats integer cents in French without floating point", () => {
    expect(formatMoney(123456).replace(NBSP, " ")).toBe("1 234,56 €");
    expect(formatMoney(5).replace(NBSP, " ")).toBe("0,05 €");
    expect(formatMoney(-100).replace(NBSP, " ")).toBe("-1,00 €");
    expect(formatMoney(0).replace(NBSP, " ")).toBe("0,00 €");
    expect(formatMoney(9_007_199_254_740_991).replace(NBSP, " ")).toBe("90 071 992 547 409,91 €");
  });

  it("formats in English and shows a dash for nothing", () => {
    expect(formatMoney(123456, "en")).toBe("€1,234.56");
    expect(formatMoney(null)).toBe("—");
  });

  it("builds exact decimal strings", () => {
    expect(centsToDecimal(1)).toBe("0.01");
    expect(centsToDecimal(-1999)).toBe("-19.99");
    expect(centsToInput(123456)).toBe("1234,56");
    expect(centsToInput(123456, "en")).toBe("1234.56");
  });
});

describe("parseAmount", () => {
  const cents = (s: string) => {
    const r = parseAmount(s);
    return r.ok ? r.cents : r.error;
  };

  it("reads what people type", () => {
    expect(cents("1 234,56")).toBe(123456);
    expect(cents("1234.5")).toBe(123450);
    expect(cents("1234")).toBe(123400);
    expect(cents("1\u202f234,56 €")).toBe(123456);
    expect(cents("1.234,56")).toBe(123456);
    expect(cents("1,234.56")).toBe(123456);
    expect(cents("1.234.567")).toBe(123456700);
    expect(cents(",5")).toBe(50);
    expect(cents("0,1")).toBe(10);
    expect(cents("19,99")).toBe(1999);
  });

  it("refuses bad input", () => {
    expect(cents("")).toBe("amount.invalid");
    expect(cents("abc")).toBe("amount.invalid");
    expect(cents("12,345")).toBe("amount.too_many_decimals");
    expect(cents("1,2,3")).toBe("amount.invalid");
    expect(cents("0")).toBe("amount.positive");
    expect(cents("-5")).toBe("amount.positive");
    expect(cents("1e5")).toBe("amount.invalid");
    expect(cents("99999999999999")).toBe("amount.too_large");
  });

  it("accepts zero when asked", () => {
    expect(parseAmount("0", { allowZero: true })).toEqual({ ok: true, cents: 0 });
  });
});

describe("dates", () => {
  it("shows dd/mm/yyyy", () => {
    expect(formatDate("2025-01-31")).toBe("31/01/2025");
    expect(formatDate(null)).toBe("—");
  });

  it("checks calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("31/01/2025")).toBe(false);
  });
});

describe("parseDate", () => {
  it("reads dates typed the French way", () => {
    expect(parseDate("30/06/2025")).toBe("2025-06-30");
    expect(parseDate(" 3/6/25 ")).toBe("2025-06-03");
    expect(parseDate("30.06.2025")).toBe("2025-06-30");
    expect(parseDate("30-06-2025")).toBe("2025-06-30");
    expect(parseDate("2025-06-30")).toBe("2025-06-30");
    expect(parseDate("29/02/2024")).toBe("2024-02-29");
  });

  it("refuses impossible or partial dates", () => {
    for (const s of [
      "",
      "31/02/2025",
      "29/02/2025",
      "13/13/2025",
      "06/30/2025",
      "30/06",
      "30/06/202",
      "abc",
    ]) {
      expect(parseDate(s)).toBeNull();
    }
  });
});
