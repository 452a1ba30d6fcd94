import { describe, expect, it } from "vitest";
import { looseNumberKey, looseReferencesIn, numberKey, referencesIn } from "./references.js";

describe("numberKey", () => {
  it.each([
    ["F2025-0042", "2025-42"],
    ["f2025-0042", "2025-42"],
    ["F 2025 0042", "2025-42"],
    ["F2025.0042", "2025-42"],
    ["FA-2025-42", "2025-42"],
    ["2025/0042", "2025-42"],
    ["F2O25-OO42", "2025-42"],
    ["F2025-004l", "2025-41"],
    ["AC-2025-00012", "2025-12"],
    ["F-0000000", "0"],
  ])("%s → %s", (number, key) => {
    expect(numberKey(number)).toBe(key);
  });

  it("keeps the digit groups apart, and the loose key runs them together", () => {
    expect(numberKey("F20250042")).toBe("20250042");
    expect(looseNumberKey("F2025-0042")).toBe("20250042");
    expect(looseNumberKey("F20250042")).toBe("20250042");
  });

  it("does not read a letter O as a zero away from digits", () => {
    expect(numberKey("PRO-2025-7")).toBe("2025-7");
  });
});

describe("referencesIn", () => {
  it.each([
    ["VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2025-0042", ["2025-42"]],
    ["FACT 2025.0042", ["2025-42"]],
    ["REGLEMENT FA-2025-42", ["2025-42"]],
    ["2025/0042", ["2025-42"]],
    ["PAIEMENT 2025 0042", ["2025-42"]],
    ["FACTURE N° 42", ["42"]],
    ["fact f2o25-oo42", ["2025-42"]],
    ["F20250042", ["20250042"]],
    ["FACTURES F2025-0042 ET F2025-0043", ["2025-42", "2025-43"]],
  ])("%s", (text, keys) => {
    expect(referencesIn(text)).toEqual(keys);
  });

  it.each([
    ["a date", "PAIEMENT DU 02/12/2026"],
    ["an ISO date", "VALEUR 2026-12-02"],
    ["an amount", "MONTANT 1 440,00 EUR"],
    ["an amount without thousands", "MONTANT 1440,00"],
    ["an IBAN", "DE FR76 3000 6000 0112 3456 7890 189"],
    ["a compact IBAN", "FR7630006000011234567890189"],
    ["a SIRET", "SIRET 732 829 320 00074"],
    ["a SIREN", "SIREN 732829320"],
    ["a bare number (cheque)", "REMISE CHEQUE N 1234567"],
    ["a date as digits", "VIR 20261202"],
    ["a long bank reference", "/REF 8113784356724424"],
  ])("takes nothing from %s", (_, text) => {
    expect(referencesIn(text)).toEqual([]);
  });

  it("finds the number beside the traps", () => {
    const text = "VIR /DE MARTIN SIRET 732 829 320 00074 /MOTIF FACT F2025-0042 DU 02/12/2025 1 440,00 EUR";
    expect(referencesIn(text)).toEqual(["2025-42"]);
    expect(looseReferencesIn(text)).toEqual(["20250042"]);
  });

  it("gives the same key as the invoice number for the ways it is mangled", () => {
    for (const text of [
      "F2025-0042",
      "F 2025 0042",
      "2025.42",
      "fa-2025-042",
      "F2O25-OO42",
      "FACTURE N° 2025-0042",
    ]) {
      expect(referencesIn(text)).toContain(numberKey("F2025-0042"));
    }
  });
});
