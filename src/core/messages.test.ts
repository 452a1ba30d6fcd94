import { describe, expect, it } from "vitest";
import { formatMessage, isLocale, isMessageCode, LOCALES, MESSAGES, type MessageCode } from "./messages.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("formatMessage", () => {
  it("fills placeholders, French first", () => {
    expect(formatMessage("fr", "amount.invalid", { value: "12,3,4" })).toBe("Montant invalide : « 12,3,4 »");
    expect(formatMessage("en", "amount.invalid", { value: "12,3,4" })).toBe('Invalid amount: "12,3,4"');
    expect(
      formatMessage("fr", "date.impossible", { value: "31/02/2025", day: "31", month: "02", year: 2025 }),
    ).toBe("Date impossible : 31/02/2025 (le 31/02 n'existe pas en 2025)");
    expect(formatMessage("fr", "field.required")).toBe("Valeur obligatoire manquante");
  });
  it("leaves unknown or missing placeholders as written", () => {
    expect(formatMessage("en", "amount.invalid")).toBe('Invalid amount: "{value}"');
    expect(formatMessage("en", "amount.invalid", { other: 1 })).toBe('Invalid amount: "{value}"');
  });
  it("does not read inherited properties as parameters", () => {
    expect(formatMessage("en", "amount.invalid", {})).toBe('Invalid amount: "{value}"');
  });
});

describe("dictionaries", () => {
  const codes = Object.keys(MESSAGES.fr) as MessageCode[];
  it.each(codes)("%s is translated with the same placeholders", (code) => {
    const [fr, ...others] = LOCALES.map((l) => MESSAGES[l][code]);
    expect(fr).toBeTruthy();
    for (const other of others) {
      expect(other).toBeTruthy();
      expect(placeholders(other ?? "")).toEqual(placeholders(fr ?? ""));
    }
  });
  it("recognises codes and locales", () => {
    expect(isMessageCode("siren.invalid")).toBe(true);
    expect(isMessageCode("toString")).toBe(false);
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("de")).toBe(false);
  });
});
