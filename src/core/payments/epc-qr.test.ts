import { describe, expect, it } from "vitest";
import { formatMessage } from "../messages.js";
import { EPC_QR_MAX_BYTES, epcQrPayload, isValidCreditorReference } from "./epc-qr.js";

const base = {
  name: "Claire Martin Design",
  iban: "FR76 3000 6000 0112 3456 7890 189",
  bic: "agri frpp",
  amount_cents: 123_456,
};

describe("epcQrPayload", () => {
  it("writes the EPC069-12 elements, one per line", () => {
    // By hand: BCD / 002 / 1 (UTF-8) / SCT / BIC normalised / name / IBAN without spaces /
    // "EUR" + 1234.56 / purpose empty / structured reference empty / the free text; nothing after it.
    const expected =
      "BCD\n002\n1\nSCT\nAGRIFRPP\nClaire Martin Design\nFR7630006000011234567890189\nEUR1234.56\n\n\nFacture F-2026-0112";
    expect(epcQrPayload({ ...base, text: "Facture F-2026-0112" })).toEqual({ ok: true, value: expected });
  });

  it("puts a structured RF reference in its own element and drops the trailing empty ones", () => {
    // RF18 5390 0754 7034 is the example of ISO 11649 itself.
    const r = epcQrPayload({ ...base, bic: null, amount_cents: 1, reference: "RF18 5390 0754 7034" });
    expect(r).toEqual({
      ok: true,
      value:
        "BCD\n002\n1\nSCT\n\nClaire Martin Design\nFR7630006000011234567890189\nEUR0.01\n\nRF18539007547034",
    });
  });

  it("ends at the amount when there is no remittance information", () => {
    const r = epcQrPayload({ ...base, amount_cents: 99_999_999_999 });
    expect(r.ok && r.value.endsWith("\nFR7630006000011234567890189\nEUR999999999.99")).toBe(true);
  });

  it("collapses line breaks in the name and text so the elements cannot shift", () => {
    const r = epcQrPayload({ ...base, name: "Claire\nMartin", text: "a\r\nb" });
    expect(r.ok && r.value.split("\n")).toEqual([
      "BCD",
      "002",
      "1",
      "SCT",
      "AGRIFRPP",
      "Claire Martin",
      "FR7630006000011234567890189",
      "EUR1234.56",
      "",
      "",
      "a b",
    ]);
  });

  it.each([
    [{ name: "  " }, "payment_qr.name_required"],
    [{ name: "x".repeat(71) }, "payment_qr.name_too_long"],
    [{ iban: "" }, "payment_qr.iban_required"],
    [{ iban: "FR7630006000011234567890188" }, "iban.invalid"],
    [{ bic: "NOPE" }, "bic.invalid"],
    [{ amount_cents: 0 }, "payment_qr.amount_out_of_range"],
    [{ amount_cents: -5 }, "payment_qr.amount_out_of_range"],
    [{ amount_cents: 100_000_000_000 }, "payment_qr.amount_out_of_range"],
    [{ amount_cents: 12.5 }, "payment_qr.amount_out_of_range"],
    [{ reference: "RF18539007547035" }, "payment_qr.reference_invalid"],
    [{ reference: "F-2026-0112" }, "payment_qr.reference_invalid"],
    [{ reference: "RF18539007547034", text: "x" }, "payment_qr.reference_and_text"],
    [{ text: "é".repeat(141) }, "payment_qr.text_too_long"],
  ])("refuses %j with %s", (change, code) => {
    const r = epcQrPayload({ ...base, ...change });
    expect(r.ok ? "ok" : r.problem.code).toBe(code);
  });

  it("accepts 140 characters of text and 70 of name, then refuses the payload over 331 bytes", () => {
    const fits = epcQrPayload({ ...base, name: "N".repeat(70), text: "T".repeat(140) });
    expect(fits.ok && new TextEncoder().encode(fits.value).length).toBe(275);
    // Accented letters take two bytes in UTF-8: 70 + 140 of them pass the character limits, not the byte limit.
    const r = epcQrPayload({ ...base, name: "É".repeat(70), text: "é".repeat(140) });
    expect(r).toEqual({
      ok: false,
      problem: { code: "payment_qr.too_long", params: { max: 331, bytes: 485 } },
    });
    expect(EPC_QR_MAX_BYTES).toBe(331);
  });

  it("has messages in both languages", () => {
    const r = epcQrPayload({ ...base, amount_cents: 0 });
    if (r.ok) throw new Error("expected a failure");
    expect(formatMessage("fr", r.problem.code, r.problem.params)).toContain("0,00");
    expect(formatMessage("en", r.problem.code, r.problem.params)).toMatch(
      /^Amount not possible in a payment QR code: 0,00/,
    );
  });
});

describe("isValidCreditorReference", () => {
  it("checks the ISO 11649 mod-97 key", () => {
    expect(isValidCreditorReference("RF18539007547034")).toBe(true);
    expect(isValidCreditorReference("rf18 5390 0754 7034")).toBe(true);
    expect(isValidCreditorReference("RF712348231")).toBe(true);
    expect(isValidCreditorReference("RF19539007547034")).toBe(false);
    expect(isValidCreditorReference("RF18")).toBe(false);
  });
});
