import { describe, expect, it } from "vitest";
import { nameSimilarity, nameTokens, normalizePayerName, payerNameOf, payerOf } from "./names.js";

describe("nameTokens", () => {
  it.each([
    ["SARL Martin", ["martin"]],
    ["Boulangerie Dupont S.A.R.L.", ["boulangerie", "dupont"]],
    ["M. OU MME DUPONT JEAN", ["dupont", "jean"]],
    ["Éléphant & Cie", ["elephant", "cie"]],
    ["STE L'ÉTOILE", ["etoile"]],
  ])("%s", (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens);
  });
  it("gives the key of learned aliases", () => {
    expect(normalizePayerName("SARL  MARTIN-CONSEIL")).toBe("martin conseil");
  });
});

describe("nameSimilarity", () => {
  it("is 1 for the same words in any order, legal forms aside", () => {
    expect(nameSimilarity("SARL MARTIN CONSEIL", "Martin Conseil SAS")).toBe(1);
    expect(nameSimilarity("M DUPONT JEAN", "Jean Dupont")).toBe(1);
  });
  it("forgives a truncated name and a typo", () => {
    expect(nameSimilarity("BOULANGERIE DUPO", "Boulangerie Dupont")).toBeGreaterThan(0.9);
    expect(nameSimilarity("MENUISREIE ROBIN", "Menuiserie Robin")).toBeGreaterThanOrEqual(0.9);
  });
  it("is partial for a shared word and 0 for nothing in common", () => {
    expect(nameSimilarity("MARTIN", "Martin Conseil")).toBeCloseTo(2 / 3);
    expect(nameSimilarity("DURAND", "Martin")).toBe(0);
    expect(nameSimilarity("", "Martin")).toBe(0);
  });
});

describe("payerOf", () => {
  const line = (label: string, counterparty_name: string | null = null) => ({ label, counterparty_name });
  it("prefers the statement's counterparty name", () => {
    expect(payerNameOf(line("VIR /DE X", "SARL MARTIN"))).toBe("SARL MARTIN");
  });
  it("reads /DE and /FRM markers", () => {
    expect(payerOf(line("VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2025-0042"))).toEqual({
      name: "SARL MARTIN",
      loose: false,
    });
    expect(payerNameOf(line("VIR SEPA /FRM DUPONT JEAN /REF 123"))).toBe("DUPONT JEAN");
  });
  it("falls back loosely on labels without markers, and to null", () => {
    expect(payerOf(line("VIR RECU MARTIN CONSEIL REGLEMENT"))).toEqual({
      name: "MARTIN CONSEIL REGLEMENT",
      loose: true,
    });
    expect(payerOf(line("REMISE CHEQUE N 1234567"))).toBeNull();
  });
});
