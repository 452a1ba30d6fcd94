import { describe, expect, it } from "vitest";
import type { EInvoiceDocument } from "./einvoice.js";
import { vatBreakdown, vatCategory } from "./einvoice.js";
import { checkEInvoiceTotals } from "./einvoice-checks.js";

/** 2.5 × 333.33 less a 1.00 discount at 20 %, 1 × 100 at 5.5 %, a deduction of 50 at 20 %; 44.30 prepaid. */
function sample(): EInvoiceDocument {
  return {
    number: "F-2025-0001",
    typeCode: "380",
    issueDate: "2025-06-02",
    dueDate: "2025-07-02",
    currency: "EUR",
    seller: { name: "Atelier", streetLines: [], country: "FR" },
    buyer: { name: "Client", streetLines: [], country: "FR" },
    lines: [
      line("1", 2500, 33_333, 100, 83_233, 2000),
      line("2", 1000, 10_000, 0, 10_000, 550),
      line("3", -1000, 5_000, 0, -5_000, 2000),
    ],
    vat: [
      { category: "S", rateBp: 2000, baseCents: 78_233, vatCents: 15_647 },
      { category: "S", rateBp: 550, baseCents: 10_000, vatCents: 550 },
    ],
    lineTotalCents: 88_233,
    taxBasisCents: 88_233,
    taxTotalCents: 16_197,
    grandTotalCents: 104_430,
    prepaidCents: 4_430,
    duePayableCents: 100_000,
    notes: [],
  };
}

function line(id: string, q: number, price: number, allowance: number, net: number, rateBp: number) {
  return {
    id,
    name: `Ligne ${id}`,
    quantityMilli: q,
    unitCode: "C62",
    netPriceCents: price,
    allowanceCents: allowance,
    netCents: net,
    category: "S" as const,
    rateBp,
  };
}

describe("the totals check before an e-invoice is written (EN 16931 BR-CO-10…16)", () => {
  it("accepts a document whose totals add up (a deduction line has a negative quantity)", () => {
    expect(checkEInvoiceTotals(sample())).toEqual([]);
  });

  it("allows the VAT of a rate one cent off (a final invoice's VAT by subtraction), not two", () => {
    const doc = sample();
    doc.vat[0] = { ...doc.vat[0], vatCents: 15_646 } as EInvoiceDocument["vat"][0];
    doc.taxTotalCents -= 1;
    doc.grandTotalCents -= 1;
    doc.duePayableCents -= 1;
    expect(checkEInvoiceTotals(doc)).toEqual([]);
    const off = sample();
    off.vat[0] = { ...off.vat[0], vatCents: 15_645 } as EInvoiceDocument["vat"][0];
    expect(checkEInvoiceTotals(off).map((p) => p.code)).toEqual([
      "einvoice_out.vat_amount",
      "einvoice_out.tax_total",
    ]);
  });

  it("refuses a tampered document, naming every rule broken", () => {
    const doc = sample();
    doc.lines[0] = { ...line("1", 2500, 33_333, 100, 83_333, 2000) }; // net without its discount
    doc.grandTotalCents += 1;
    expect(checkEInvoiceTotals(doc).map((p) => p.code)).toEqual([
      "einvoice_out.line_net",
      "einvoice_out.line_total",
      "einvoice_out.vat_base",
      "einvoice_out.grand_total",
      "einvoice_out.due_payable",
    ]);
    const due = sample();
    due.duePayableCents = 104_430;
    expect(checkEInvoiceTotals(due)).toEqual([
      { code: "einvoice_out.due_payable", params: { stated: "1044.30", expected: "1000.00" } },
    ]);
  });

  it("refuses no lines, a negative price, a rate missing from the breakdown, amounts not in cents", () => {
    const doc = sample();
    doc.lines[1] = { ...line("2", 1000, 10_000, 0, 10_000, 1000) };
    doc.lines[2] = { ...line("3", 1000, -5_000, 0, -5_000, 2000) };
    const codes = checkEInvoiceTotals(doc).map((p) => p.code);
    expect(codes).toContain("einvoice_out.negative_price");
    expect(codes).toContain("einvoice_out.vat_missing");
    expect(checkEInvoiceTotals({ ...sample(), lines: [] }).map((p) => p.code)).toContain(
      "einvoice_out.no_lines",
    );
    expect(checkEInvoiceTotals({ ...sample(), prepaidCents: 0.5 })).toEqual([
      { code: "einvoice_out.not_cents", params: {} },
    ]);
  });
});

describe("the VAT category of a line", () => {
  it("is S above 0 %, E under the franchise, AE for a foreign VAT-registered buyer, Z otherwise", () => {
    expect(vatCategory(2000, { franchise: false, sellerVat: true })).toBe("S");
    expect(vatCategory(0, { franchise: true, sellerVat: false })).toBe("E");
    expect(vatCategory(0, { franchise: false, sellerVat: true, buyerVat: "DE 123456789" })).toBe("AE");
    expect(vatCategory(0, { franchise: false, sellerVat: true, buyerVat: "FR44732829320" })).toBe("Z");
    expect(vatCategory(0, { franchise: false, sellerVat: false, buyerVat: "DE123456789" })).toBe("Z");
  });
});

describe("the VAT breakdown written", () => {
  it("groups the lines by category and rate and carries a stored VAT a cent off, never more", () => {
    const lines = [line("1", 1000, 1_003, 0, 1_003, 2000), line("2", -1000, 301, 0, -301, 2000)];
    expect(vatBreakdown(lines, 141)).toEqual([
      { category: "S", rateBp: 2000, baseCents: 702, vatCents: 141 },
    ]);
    expect(vatBreakdown(lines, 140)[0]?.vatCents).toBe(140);
    expect(vatBreakdown(lines, 143)[0]?.vatCents).toBe(140); // left for the check to refuse
    const exempt = vatBreakdown([{ ...line("1", 1000, 500, 0, 500, 0), category: "E" }], 0);
    expect(exempt).toEqual([
      {
        category: "E",
        rateBp: 0,
        baseCents: 500,
        vatCents: 0,
        exemptionReason: "TVA non applicable, art. 293 B du CGI",
      },
    ]);
  });
});
