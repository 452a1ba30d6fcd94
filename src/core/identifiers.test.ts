import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBic,
  checkEmail,
  checkFrenchVat,
  checkIban,
  checkSiren,
  checkSiret,
  checkVatNumber,
  formatIban,
  frenchVatFromSiren,
  isValidBic,
  isValidEmail,
  isValidFrenchVat,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidVatNumber,
  normalizeIdentifier,
  sirenCheckDigit,
  sirenFromSiret,
  siretCheckDigit,
} from "./identifiers.js";

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));

describe("normalizeIdentifier", () => {
  it.each([
    [" 552 081.317-", "552081317"],
    ["fr 44 732\u00A0829\u202F320", "FR44732829320"],
    ["732-829-320-00074", "73282932000074"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeIdentifier(input)).toBe(expected);
  });
});

describe("SIREN and SIRET", () => {
  it.each([
    ["552081317", true],
    ["552 081 317", true],
    ["732829320", true],
    ["356000000", true],
    ["123456789", false],
    ["552081318", false],
    ["55208131", false],
    ["5520813170", false],
    ["55208131A", false],
    ["000000000", false],
    ["", false],
  ])("SIREN %j valid: %s", (s, expected) => {
    expect(isValidSiren(s)).toBe(expected);
  });

  it.each([
    ["73282932000074", true],
    ["732 829 320 00074", true],
    ["55208131766522", true],
    ["73282932000075", false],
    ["7328293200007", false],
    ["12345678900007", false], // Luhn-valid over 14 digits, but SIREN 123456789 is not
    ["35600000000048", true], // La Poste, Luhn-valid
    ["35600000049837", true], // La Poste: digit sum 45, not Luhn-valid
    ["35600000049838", false],
  ])("SIRET %j valid: %s", (s, expected) => {
    expect(isValidSiret(s)).toBe(expected);
  });

  it("extracts the SIREN of a SIRET", () => {
    expect(sirenFromSiret("732 829 320 00074")).toBe("732829320");
    expect(sirenFromSiret("732829320")).toBeUndefined();
  });

  it("computes check digits for demo data", () => {
    expect(sirenCheckDigit("55208131")).toBe("7");
    expect(sirenCheckDigit("73282932")).toBe("0");
    expect(siretCheckDigit("7328293200007")).toBe("4");
    expect(() => sirenCheckDigit("1234")).toThrow(RangeError);
    expect(() => siretCheckDigit("73282932000")).toThrow(RangeError);
  });

  it("generates SIRENs and SIRETs that validate", () => {
    fc.assert(
      fc.property(digits(8), digits(4), (first8, nic) => {
        fc.pre(first8 !== "00000000");
        const siren = first8 + sirenCheckDigit(first8);
        expect(isValidSiren(siren)).toBe(true);
        const siret = siren + nic + siretCheckDigit(siren + nic);
        expect(isValidSiret(siret)).toBe(true);
        expect(sirenFromSiret(siret)).toBe(siren);
        expect(isValidSiren(siren.slice(0, 8) + ((Number(siren[8]) + 1) % 10))).toBe(false);
      }),
    );
  });
});

describe("VAT numbers", () => {
  it("derives the French key from the SIREN", () => {
    expect(frenchVatFromSiren("732829320")).toBe("FR44732829320");
    expect(frenchVatFromSiren("552 081 317")).toBe("FR03552081317");
    expect(() => frenchVatFromSiren("FR123")).toThrow(RangeError);
  });
  it.each([
    ["FR44732829320", true],
    ["fr 44 732 829 320", true],
    ["FR03552081317", true],
    ["FR45732829320", false],
    ["FR44123456789", false],
    ["FRXX732829320", false],
    ["732829320", false],
    ["DE136695976", false],
  ])("French VAT %j valid: %s", (s, expected) => {
    expect(isValidFrenchVat(s)).toBe(expected);
  });
  it.each([
    ["FR44732829320", true],
    ["FR45732829320", false],
    ["DE136695976", true],
    ["BE0403170701", true],
    ["EL094259216", true],
    ["XX123456789", false],
    ["DE", false],
    ["DEABCDEFGH", false],
  ])("EU VAT %j plausible: %s", (s, expected) => {
    expect(isValidVatNumber(s)).toBe(expected);
  });
  it("accepts every French VAT number built from a valid SIREN", () => {
    fc.assert(
      fc.property(digits(8), (first8) => {
        fc.pre(first8 !== "00000000");
        expect(isValidFrenchVat(frenchVatFromSiren(first8 + sirenCheckDigit(first8)))).toBe(true);
      }),
    );
  });
});

describe("IBAN and BIC", () => {
  it.each([
    ["FR7630006000011234567890189", true],
    ["FR76 3000 6000 0112 3456 7890 189", true],
    ["fr7630006000011234567890189", true],
    ["DE89370400440532013000", true],
    ["FR7630006000011234567890188", false],
    ["FR76300060000112345678901", false],
    ["", false],
  ])("IBAN %j valid: %s", (s, expected) => {
    expect(isValidIban(s)).toBe(expected);
  });
  it("formats in groups of four", () => {
    expect(formatIban("FR7630006000011234567890189")).toBe("FR76 3000 6000 0112 3456 7890 189");
    expect(formatIban("fr76 3000-6000 0112 3456 7890 189")).toBe("FR76 3000 6000 0112 3456 7890 189");
  });
  it.each([
    ["BNPAFRPP", true],
    ["BNPAFRPPXXX", true],
    ["bnpa fr pp", true],
    ["BNPA", false],
    ["BNPAXXPP", false],
  ])("BIC %j valid: %s", (s, expected) => {
    expect(isValidBic(s)).toBe(expected);
  });
});

describe("isValidEmail", () => {
  it.each([
    ["a@b.fr", true],
    ["jean.dupont+factures@exemple.fr", true],
    [" compta@société.fr ", true],
    ["a@b", false],
    ["a b@c.fr", false],
    ["a@@b.fr", false],
    ["a@b@c.fr", false],
    ["a@b..fr", false],
    ["a@.b.fr", false],
    ["a@b.fr.", false],
    ["@b.fr", false],
    ["", false],
  ])("%j valid: %s", (s, expected) => {
    expect(isValidEmail(s)).toBe(expected);
  });
});

describe("checkX", () => {
  it("returns the normalised value", () => {
    expect(checkSiren(" 552 081 317 ")).toEqual({ ok: true, value: "552081317" });
    expect(checkSiret("732 829 320 00074")).toEqual({ ok: true, value: "73282932000074" });
    expect(checkFrenchVat("fr44 732 829 320")).toEqual({ ok: true, value: "FR44732829320" });
    expect(checkVatNumber("de 136 695 976")).toEqual({ ok: true, value: "DE136695976" });
    expect(checkIban("fr76 3000 6000 0112 3456 7890 189")).toEqual({
      ok: true,
      value: "FR7630006000011234567890189",
    });
    expect(checkBic("bnpafrpp")).toEqual({ ok: true, value: "BNPAFRPP" });
    expect(checkEmail(" Jean.Dupont@Exemple.FR ")).toEqual({ ok: true, value: "Jean.Dupont@exemple.fr" });
  });
  it.each([
    [checkSiren, "123456789", "siren.invalid"],
    [checkSiret, "73282932000075", "siret.invalid"],
    [checkFrenchVat, "FR45732829320", "vat.invalid"],
    [checkVatNumber, "XX1", "vat.invalid"],
    [checkIban, "FR7630006000011234567890188", "iban.invalid"],
    [checkBic, "BNPA", "bic.invalid"],
    [checkEmail, "jean@", "email.invalid"],
  ])("reports %#: %s → %s", (check, value, code) => {
    expect(check(` ${value} `)).toEqual({ ok: false, problem: { code, params: { value } } });
  });
  it("reports blank input as missing", () => {
    for (const check of [checkSiren, checkSiret, checkFrenchVat, checkIban, checkBic, checkEmail]) {
      expect(check("  ")).toEqual({ ok: false, problem: { code: "field.required" } });
    }
  });
});
