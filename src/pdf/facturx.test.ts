import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../test/support/pdf-text.js";
import { FACTURX_FILENAME, facturXFonts } from "./facturx.js";
import { type InvoicePdfInput, renderInvoice } from "./invoice.js";
import { woffToSfnt } from "./woff.js";

const INPUT: InvoicePdfInput = {
  locale: "fr",
  date: "2026-11-26",
  seller: {
    name: `Atelier <Martin> & "Fils"`,
    siren: "552100554",
    address_lines: ["12 rue de la République"],
  },
  buyer: { kind: "business", name: "Boulangerie Dupont", address_lines: [] },
  invoice: {
    number: "F-2026-0042",
    kind: "invoice",
    issue_date: "2026-08-14",
    delivery_date: null,
    due_date: "2026-09-13",
    lines: [
      {
        description: "Pose",
        quantity_milli: 1000,
        unit_price_cents: 10_000,
        vat_rate_bp: 2000,
        total_ht_cents: 10_000,
      },
    ],
    total_ht_cents: 10_000,
    total_vat_cents: 2_000,
    total_ttc_cents: 12_000,
    vat_breakdown: [{ rate_bp: 2000, base_cents: 10_000, vat_cents: 2_000 }],
    vat_franchise: false,
    penalty_rate_label: "taux de refinancement de la BCE majoré de 10 points",
    indemnity_applies: true,
  },
  balance_cents: 12_000,
  payment_reference: "F-2026-0042",
};
const XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice/>\n');

describe("the Factur-X variant of the invoice PDF", () => {
  it("is PDF/A-3b with well-formed XMP (the seller's name escaped), dated by the issue date, same bytes each time", async () => {
    const pdf = await renderInvoice(INPUT, { xml: XML, conformanceLevel: "EN 16931" });
    const again = await renderInvoice(
      { ...INPUT, date: "2026-12-01" },
      { xml: XML, conformanceLevel: "EN 16931" },
    );
    expect(again.equals(pdf)).toBe(true); // the day of making does not change it
    const raw = pdf.toString("latin1");
    const xmp = Buffer.from(
      raw.slice(raw.indexOf("<x:xmpmeta"), raw.indexOf("</x:xmpmeta>") + "</x:xmpmeta>".length),
      "latin1",
    ).toString("utf8");
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).toContain("Atelier &lt;Martin&gt; &amp; &quot;Fils&quot;");
    expect(xmp).toContain("<xmp:CreateDate>2026-08-14T00:00:00Z</xmp:CreateDate>");
    expect(xmp).toContain("<xmp:ModifyDate>2026-08-14T00:00:00Z</xmp:ModifyDate>");
    expect(raw).toContain(`/F (${FACTURX_FILENAME})`);
    expect(raw).toContain("/ModDate (D:20260814000000Z)");
    expect(await pdfText(pdf)).toContain("Facture n° F-2026-0042");
  });

  it("embeds DejaVu Sans from node_modules, its WOFF unpacked to the TrueType file it wraps", () => {
    const { regular, bold } = facturXFonts();
    for (const font of [regular, bold]) {
      expect(font.readUInt32BE(0)).toBe(0x00010000); // TrueType
      const count = font.readUInt16BE(4);
      expect(count).toBeGreaterThan(10);
      for (let i = 0; i < count; i++) {
        const at = 12 + i * 16;
        expect(font.readUInt32BE(at + 8) % 4).toBe(0);
        expect(font.readUInt32BE(at + 8) + font.readUInt32BE(at + 12)).toBeLessThanOrEqual(font.length);
      }
    }
    expect(() => woffToSfnt(Buffer.alloc(44))).toThrow(RangeError);
  });
});
