import { describe, expect, it } from "vitest";
import { day, iban, money, shortDay } from "./filters.js";

describe("money", () => {
  it("formats integer cents in each locale", () => {
    expect(money(123_456, "fr")).toBe("1\u202F234,56\u00A0€");
    expect(money(123_456, "en")).toBe("€1,234.56");
    expect(money(5, "fr")).toBe("0,05\u00A0€");
    expect(money(0, "en")).toBe("€0.00");
    expect(money(-4_000, "fr")).toBe("-40,00\u00A0€");
  });

  it.each([12.5, "1234", null, undefined, Number.NaN, 2 ** 60])("refuses %s", (value) => {
    expect(() => money(value, "fr")).toThrow(/^money: integer cents expected/);
  });
});

describe("day and short_day", () => {
  it("writes the date in words or in figures", () => {
    expect(day("2026-11-26", "fr")).toBe("26 novembre 2026");
    expect(day("2026-11-26", "en")).toBe("26 November 2026");
    expect(day("2026-08-01", "fr")).toBe("1er août 2026");
    expect(day("2026-02-01", "en")).toBe("1 February 2026");
    expect(shortDay("2026-11-26", "fr")).toBe("26/11/2026");
    expect(shortDay("2026-01-05", "fr")).toBe("05/01/2026");
    expect(shortDay("2026-11-26", "en")).toBe("2026-11-26");
  });

  it("prints nothing for a missing date and refuses anything else", () => {
    expect(day(null, "fr")).toBe("");
    expect(shortDay(undefined, "en")).toBe("");
    expect(() => day("26/11/2026", "fr")).toThrow(/^day: a YYYY-MM-DD date expected/);
    expect(() => day("2026-02-30", "fr")).toThrow(/^day:/);
    expect(() => shortDay(20261126, "fr")).toThrow(/^short_day:/);
  });
});

describe("iban", () => {
  it("groups by four", () => {
    expect(iban("FR7630006000011234567890189")).toBe("FR76 3000 6000 0112 3456 7890 189");
    expect(iban(null)).toBe("");
  });
});
