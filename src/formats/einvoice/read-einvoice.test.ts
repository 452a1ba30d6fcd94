import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectContainer } from "./detect.js";
import { extractEmbeddedInvoice } from "./facturx-pdf.js";
import { readEInvoice } from "./read-einvoice.js";
import { EINVOICE_SAMPLES, samplePath } from "./test-samples.js";
import type { EInvoice } from "./types.js";

const sample = (name: string) => readFileSync(samplePath(name));
const withSamples = it.skipIf(!EINVOICE_SAMPLES);

function read(bytes: Buffer): EInvoice {
  const r = readEInvoice(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.invoice;
}

/** A minimal PDF with one attachment `name` holding `data`, compressed or not, and an xref-less body. */
function pdfWith(name: string, data: string, flate: boolean): Buffer {
  const body = flate ? deflateSync(Buffer.from(data)) : Buffer.from(data);
  const filter = flate ? "/Filter /FlateDecode " : "";
  return Buffer.concat([
    Buffer.from(
      "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(x) 2 0 R] >> >> >>\nendobj\n",
      "latin1",
    ),
    Buffer.from(
      `2 0 obj\n<< /Type /Filespec /F (${name}) /UF (${name}) /EF << /F 3 0 R >> >>\nendobj\n`,
      "latin1",
    ),
    Buffer.from(`3 0 obj\n<< /Type /EmbeddedFile ${filter}/Length 4 0 R >>\nstream\n`, "latin1"),
    body,
    Buffer.from(
      `\nendstream\nendobj\n4 0 obj\n${body.length}\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      "latin1",
    ),
  ]);
}

describe("Factur-X PDFs", () => {
  withSamples("reads the BASIC WL sample: number, dates, totals in cents, parties and their ids", () => {
    const i = read(sample("Facture_FR_BASICWL.pdf"));
    expect(i).toMatchObject({
      syntax: "cii",
      profile: "urn:factur-x.eu:1p0:basicwl",
      number: "FA-2017-0010",
      typeCode: "380",
      kind: "invoice",
      issueDate: "2017-11-13",
      dueDate: "2017-12-13",
      currency: "EUR",
      totalHtCents: 62490,
      totalVatCents: 4625,
      totalTtcCents: 67115,
      prepaidCents: 20100,
      duePayableCents: 47015,
    });
    expect(i.seller).toMatchObject({
      name: "Au bon moulin",
      legalId: { value: "99999999800010", scheme: "0002" },
      siren: "999999998",
      vatNumber: "FR11999999998",
    });
    expect(i.buyer).toEqual({
      name: "Ma jolie boutique",
      legalId: { value: "78787878400035", scheme: "0002" },
      siren: "787878784",
      vatNumber: "FR19787878784",
      address: { line: "35 rue de la République", postalCode: "69001", city: "Lyon", country: "FR" },
    });
  });

  withSamples("reads the MINIMUM sample: no lines, no due date, a foreign buyer without SIREN", () => {
    const i = read(sample("Facture_UE_MINIMUM.pdf"));
    expect(i).toMatchObject({
      profile: "urn:factur-x.eu:1p0:minimum",
      number: "FA-2017-0008",
      kind: "invoice",
      issueDate: "2017-11-03",
      currency: "EUR",
      totalHtCents: 207676,
      totalVatCents: 0,
      totalTtcCents: 207676,
      duePayableCents: 145376,
    });
    expect(i.dueDate).toBeUndefined();
    expect(i.seller.name).toBe("Au bon moulin");
    expect(i.buyer).toEqual({ name: "Me gusta olive", vatNumber: "ESA12345674", address: { country: "ES" } });
  });

  withSamples("extracts an attachment compressed with FlateDecode, its length given by reference", () => {
    const xml = sample("XRECHNUNG_Einfach.cii.xml").toString("utf8");
    const pdf = pdfWith("factur-x.xml", xml, true);
    const e = extractEmbeddedInvoice(pdf);
    expect(e.ok && e.xml.toString("utf8")).toBe(xml);
    expect(read(pdfWith("zugferd-invoice.xml", xml, false)).number).toBe("471102");
  });

  withSamples(
    "reads the invoice attached by another PDF writer (pdfkit: names tree, compressed streams)",
    async () => {
      const { default: PDFDocument } = await import("pdfkit");
      const doc = new PDFDocument({ compress: true });
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
      doc.text("Facture 471102");
      doc.file(sample("XRECHNUNG_Einfach.cii.xml"), { name: "factur-x.xml", type: "text/xml" });
      doc.end();
      await done;
      expect(read(Buffer.concat(chunks))).toMatchObject({ number: "471102", totalTtcCents: 52987 });
    },
  );

  it("refuses a PDF without an embedded invoice, naming what it expected and found", () => {
    const r = readEInvoice(pdfWith("photo.jpg", "not an invoice", false));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: "einvoice.pdf_no_invoice",
        where: "PDF",
        params: expect.objectContaining({ found: "photo.jpg" }),
      }),
    ]);
    const plain = readEInvoice(Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"));
    expect(!plain.ok && plain.problems[0]?.code).toBe("einvoice.pdf_no_invoice");
  });

  it("refuses an encrypted PDF", () => {
    const pdf = Buffer.concat([
      pdfWith("factur-x.xml", "<x/>", false),
      Buffer.from("trailer << /Encrypt 9 0 R >>"),
    ]);
    const r = readEInvoice(pdf);
    expect(!r.ok && r.problems[0]?.code).toBe("einvoice.pdf_encrypted");
  });
});

describe("CII and UBL XML", () => {
  const expected = {
    number: "471102",
    typeCode: "380",
    kind: "invoice",
    issueDate: "2024-11-15",
    deliveryDate: "2024-11-14",
    currency: "EUR",
    totalHtCents: 47300,
    totalVatCents: 5687,
    totalTtcCents: 52987,
    prepaidCents: 0,
    duePayableCents: 52987,
    profile: "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
  };

  withSamples("reads the XRechnung CII sample", () => {
    const i = read(sample("XRECHNUNG_Einfach.cii.xml"));
    expect(i).toMatchObject({ syntax: "cii", ...expected });
    expect(i.dueDate).toBeUndefined();
    expect(i.paymentTerms).toContain("Zahlbar innerhalb 30 Tagen");
    expect(i.seller).toMatchObject({ name: "Lieferant GmbH", vatNumber: "DE123456789" });
    expect(i.buyer).toEqual({
      name: "Kunden AG Mitte",
      email: "info@kunde.de",
      address: { line: "Kundenstraße 15", postalCode: "69876", city: "Frankfurt", country: "DE" },
    });
  });

  withSamples("reads the XRechnung UBL sample to the same invoice", () => {
    const i = read(sample("XRECHNUNG_Einfach.ubl.xml"));
    expect(i).toMatchObject({ syntax: "ubl", ...expected });
    expect(i.seller).toMatchObject({ name: "Lieferant GmbH", vatNumber: "DE123456789" });
    expect(i.buyer).toEqual(read(sample("XRECHNUNG_Einfach.cii.xml")).buyer);
  });

  withSamples("reads a credit note (381) and a UBL CreditNote, with the invoice they correct", () => {
    const cii = sample("XRECHNUNG_Einfach.cii.xml")
      .toString("utf8")
      .replace("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>")
      .replace(
        "<ram:InvoiceCurrencyCode>",
        "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>471101</ram:IssuerAssignedID></ram:InvoiceReferencedDocument><ram:InvoiceCurrencyCode>",
      );
    expect(read(Buffer.from(cii))).toMatchObject({
      kind: "credit_note",
      typeCode: "381",
      precedingInvoice: "471101",
    });
    const ubl = sample("XRECHNUNG_Einfach.ubl.xml")
      .toString("utf8")
      .replace(
        /<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/,
        '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"',
      )
      .replace("</Invoice>", "</CreditNote>")
      .replace(/InvoiceTypeCode>380<\/cbc:InvoiceTypeCode/, "CreditNoteTypeCode>381</cbc:CreditNoteTypeCode")
      .replace(/InvoiceLine>/g, "CreditNoteLine>")
      .replace(/InvoicedQuantity/g, "CreditedQuantity")
      .replace(
        "<cbc:DocumentCurrencyCode>",
        "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>471101</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference><cbc:DocumentCurrencyCode>",
      );
    expect(read(Buffer.from(ubl))).toMatchObject({
      syntax: "ubl",
      kind: "credit_note",
      totalTtcCents: 52987,
      precedingInvoice: "471101",
    });
  });

  withSamples("reads amounts as decimal strings, never through floats", () => {
    const cii = sample("XRECHNUNG_Einfach.cii.xml")
      .toString("utf8")
      .replace(
        "<ram:GrandTotalAmount>529.87</ram:GrandTotalAmount>",
        "<ram:GrandTotalAmount>90071992547409.91</ram:GrandTotalAmount>",
      );
    expect(read(Buffer.from(cii)).totalTtcCents).toBe(9007199254740991);
  });

  it("refuses a DOCTYPE (XXE, entity expansion) before parsing anything", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><x>&e;</x></rsm:CrossIndustryInvoice>`;
    const r = readEInvoice(Buffer.from(xxe));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([expect.objectContaining({ code: "einvoice.doctype_forbidden", line: 2 })]);
  });

  withSamples(
    "reports malformed XML with its line, and every missing or invalid field with its element",
    () => {
      const broken = sample("XRECHNUNG_Einfach.ubl.xml")
        .toString("utf8")
        .replace("</cbc:IssueDate>", "</cbc:IssueDat>");
      const r = readEInvoice(Buffer.from(broken));
      expect(!r.ok && r.problems[0]).toMatchObject({ code: "einvoice.malformed_xml", line: 6 });
      const bad = sample("XRECHNUNG_Einfach.ubl.xml")
        .toString("utf8")
        .replace("<cbc:ID>471102</cbc:ID>", "")
        .replace("2024-11-15", "2024-02-30")
        .replace(">529.87</cbc:TaxInclusiveAmount>", ">5,29</cbc:TaxInclusiveAmount>");
      const problems = readEInvoice(Buffer.from(bad));
      expect(!problems.ok && problems.problems.map((p) => [p.code, p.where])).toEqual([
        ["einvoice.missing_field", "ID"],
        ["einvoice.invalid_date", "IssueDate"],
        ["einvoice.invalid_amount", "LegalMonetaryTotal/TaxInclusiveAmount"],
      ]);
    },
  );

  withSamples("tells the container from the content, not the name", () => {
    expect(detectContainer(sample("Facture_FR_BASICWL.pdf"))).toBe("pdf");
    expect(detectContainer(sample("XRECHNUNG_Einfach.cii.xml"))).toBe("xml");
    expect(detectContainer(Buffer.from("\uFEFF<?xml version='1.0'?><Invoice/>"))).toBe("xml");
    expect(detectContainer(Buffer.from("Numéro;Client;Montant\n"))).toBeUndefined();
    expect(detectContainer(Buffer.from("Numéro;Notes\nF-1;voir %PDF-1.4 joint\n"))).toBeUndefined();
    const r = readEInvoice(Buffer.from("<html><body>hello</body></html>"));
    expect(!r.ok && r.problems[0]?.code).toBe("einvoice.not_einvoice");
  });
});
