import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EInvoiceDocument } from "../../core/invoices/einvoice.js";
import { readEInvoiceXml } from "./read-einvoice.js";
import { writeCii } from "./write-cii.js";
import { writeUbl } from "./write-ubl.js";
import { child, children, parseXml, text } from "./xml.js";
import { decimalOfCents, decimalOfScaled, escapeXml } from "./xml-writer.js";

const NASTY = `Dupont & Fils <"SARL"> l'atelier\u0001`;

function doc(overrides: Partial<EInvoiceDocument> = {}): EInvoiceDocument {
  return {
    number: "F-2025-0007",
    typeCode: "380",
    issueDate: "2025-06-02",
    dueDate: "2025-07-02",
    deliveryDate: "2025-05-30",
    currency: "EUR",
    seller: {
      name: "Atelier Martin",
      siren: "552100554",
      vatNumber: "FR96552100554",
      email: "contact@atelier.fr",
      streetLines: ["12 rue de la République", "Bâtiment B", "3e étage"],
      postalCode: "69002",
      city: "Lyon",
      country: "FR",
    },
    buyer: {
      name: NASTY,
      siren: "732829320",
      streetLines: ["4 place Bellecour"],
      postalCode: "69002",
      city: "Lyon",
      country: "FR",
    },
    lines: [
      {
        id: "1",
        name: "Pose <chauffe-eau> & raccord",
        quantityMilli: 1500,
        unitCode: "C62",
        netPriceCents: 4_000,
        allowanceCents: 500,
        netCents: 5_500,
        category: "S",
        rateBp: 550,
      },
    ],
    vat: [{ category: "S", rateBp: 550, baseCents: 5_500, vatCents: 303 }],
    lineTotalCents: 5_500,
    taxBasisCents: 5_500,
    taxTotalCents: 303,
    grandTotalCents: 5_803,
    prepaidCents: 1_000,
    duePayableCents: 4_803,
    paymentTerms: "Paiement à l'échéance du 2 juillet 2025.",
    notes: [
      { subject: "AAB", text: "Pas d'escompte pour paiement anticipé." },
      { subject: "PMT", text: "Indemnité forfaitaire de 40 € & pénalités" },
    ],
    payment: { iban: "FR7630006000011234567890189", bic: "AGRIFRPP", reference: "F-2025-0007" },
    ...overrides,
  };
}

describe("writing amounts and text", () => {
  it("writes cents as decimal strings, never through floats", () => {
    expect(decimalOfCents(123_456)).toBe("1234.56");
    expect(decimalOfCents(-5)).toBe("-0.05");
    expect(decimalOfCents(0)).toBe("0.00");
    expect(decimalOfCents(900_719_925_474_099)).toBe("9007199254740.99");
    expect(() => decimalOfCents(1.5)).toThrow(RangeError);
    expect(decimalOfScaled(1500, 3)).toBe("1.5");
    expect(decimalOfScaled(-1000, 3)).toBe("-1");
    expect(decimalOfScaled(550, 2)).toBe("5.5");
    expect(decimalOfScaled(2000, 2)).toBe("20");
  });

  it("escapes & < > quotes and drops the characters XML 1.0 forbids", () => {
    expect(escapeXml(NASTY)).toBe("Dupont &amp; Fils &lt;&quot;SARL&quot;&gt; l&apos;atelier");
    expect(escapeXml("a\uD800b\uFFFE\u{1F600}\tc")).toBe("ab\u{1F600}\tc");
  });
});

describe.each([
  ["cii", writeCii],
  ["ubl", writeUbl],
] as const)("the %s writer", (syntax, write) => {
  it("writes XML that parses and reads back to the same invoice, the text intact", () => {
    const xml = write(doc());
    expect(xml.toString("utf8")).not.toContain(NASTY);
    expect(xml.toString("utf8")).toContain("Dupont &amp; Fils &lt;&quot;SARL&quot;&gt;");
    const read = readEInvoiceXml(xml);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.invoice).toMatchObject({
      syntax,
      profile: "urn:cen.eu:en16931:2017",
      number: "F-2025-0007",
      typeCode: "380",
      kind: "invoice",
      issueDate: "2025-06-02",
      dueDate: "2025-07-02",
      deliveryDate: "2025-05-30",
      currency: "EUR",
      totalHtCents: 5_500,
      totalVatCents: 303,
      totalTtcCents: 5_803,
      prepaidCents: 1_000,
      duePayableCents: 4_803,
      paymentTerms: "Paiement à l'échéance du 2 juillet 2025.",
      seller: { name: "Atelier Martin", siren: "552100554", vatNumber: "FR96552100554" },
      buyer: { name: 'Dupont & Fils <"SARL"> l\'atelier', siren: "732829320" },
    });
    expect(read.invoice.seller.email).toBe("contact@atelier.fr");
    expect(write(doc()).equals(xml)).toBe(true);
  });

  it("writes a credit note (381) with the invoice it corrects, and a deposit invoice (386)", () => {
    const credit = readEInvoiceXml(
      write(doc({ typeCode: "381", preceding: { number: "F-2025-0001", issueDate: "2025-05-01" } })),
    );
    expect(credit.ok && credit.invoice).toMatchObject({
      kind: "credit_note",
      typeCode: "381",
      precedingInvoice: "F-2025-0001",
      totalTtcCents: 5_803,
    });
    const deposit = readEInvoiceXml(write(doc({ typeCode: "386" })));
    expect(deposit.ok && deposit.invoice.kind).toBe("deposit");
  });

  it("passes xmllint's well-formedness check when xmllint is installed (no XSD is available)", (t) => {
    let found = true;
    try {
      execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    } catch {
      found = false;
    }
    if (!found) return t.skip();
    const dir = mkdtempSync(join(tmpdir(), "relance-einvoice-"));
    try {
      const file = join(dir, `invoice-${syntax}.xml`);
      writeFileSync(file, write(doc()));
      execFileSync("xmllint", ["--noout", file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the CII document", () => {
  it("carries the EN 16931 fields: legal ids 0002, VAT breakdown, payment means 58, notes with subject codes", () => {
    const parsed = parseXml(writeCii(doc()).toString("utf8"));
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const root = child(parsed.root, "CrossIndustryInvoice");
    const tx = child(root, "SupplyChainTradeTransaction");
    const line = child(tx, "IncludedSupplyChainTradeLineItem");
    expect(text(child(line, "SpecifiedLineTradeDelivery", "BilledQuantity"))).toBe("1.5");
    expect(
      text(child(line, "SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge", "ActualAmount")),
    ).toBe("5.00");
    const settlement = child(tx, "ApplicableHeaderTradeSettlement");
    expect(text(child(settlement, "SpecifiedTradeSettlementPaymentMeans", "TypeCode"))).toBe("58");
    expect(
      text(
        child(
          settlement,
          "SpecifiedTradeSettlementPaymentMeans",
          "PayeePartyCreditorFinancialAccount",
          "IBANID",
        ),
      ),
    ).toBe("FR7630006000011234567890189");
    const tax = child(settlement, "ApplicableTradeTax");
    expect([
      text(child(tax, "CalculatedAmount")),
      text(child(tax, "BasisAmount")),
      text(child(tax, "CategoryCode")),
      text(child(tax, "RateApplicablePercent")),
    ]).toEqual(["3.03", "55.00", "S", "5.5"]);
    const notes = children(child(root, "ExchangedDocument"), "IncludedNote").map((n) =>
      text(child(n, "SubjectCode")),
    );
    expect(notes).toEqual(["AAB", "PMT"]);
    const seller = child(tx, "ApplicableHeaderTradeAgreement", "SellerTradeParty");
    expect(text(child(seller, "PostalTradeAddress", "LineThree"))).toBe("3e étage");
  });
});
