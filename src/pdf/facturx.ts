/**
 * What turns the issued invoice's PDF into a Factur-X one (pdf/invoice.ts with `facturx`): PDF/A-3b (pdfkit's
 * `subset`: the pdfaid XMP entries and the sRGB output intent), PDF 1.7, embedded fonts — DejaVu Sans from the
 * @fontsource/dejavu-sans package, resolved in node_modules at run time (never fetched), registered under the names
 * the layout asks for (Helvetica, Helvetica-Bold) so the invoice keeps its layout — the CII XML attached as
 * `factur-x.xml` (MIME text/xml, AFRelationship /Alternative, in the catalog's /AF array and the EmbeddedFiles name
 * tree) and the Factur-X XMP extension schema (fx: DocumentType INVOICE, DocumentFileName factur-x.xml, Version 1.0,
 * ConformanceLevel EN 16931). Dates are the invoice's issue date: the same invoice gives the same bytes.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFDocument from "pdfkit";
import type { Doc } from "./layout.js";
import { woffToSfnt } from "./woff.js";

export const FACTURX_FILENAME = "factur-x.xml";
const FX_NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

export interface FacturXAttachment {
  /** The CII XML (formats/einvoice/write-cii.ts). */
  xml: Buffer;
  /** EN 16931 (the profile written); MINIMUM, BASIC WL, BASIC, EXTENDED are the others. */
  conformanceLevel: "EN 16931";
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/**
 * DejaVu Sans, regular and bold, as TrueType files (unpacked once a process from the package's WOFF files: woff.ts),
 * for pdfkit to embed as subsets.
 */
export function facturXFonts(): { regular: Buffer; bold: Buffer } {
  const file = (weight: number) =>
    woffToSfnt(
      readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`)),
    );
  fonts ??= { regular: file(400), bold: file(700) };
  return fonts;
}

function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The document options of a Factur-X PDF: PDF/A-3b in PDF 1.7, the embedded regular font as the default. */
export function facturXOptions(): PDFKit.PDFDocumentOptions {
  // pdfkit takes a font's bytes wherever it takes a path; its types say string only.
  return { pdfVersion: "1.7", subset: "PDF/A-3b", font: facturXFonts().regular as unknown as string };
}

/**
 * Prepares a PDF/A-3b document made with facturXOptions(): the fonts, the attached XML and the XMP entries pdfkit
 * does not write (the title and author escaped, the modification date, the Factur-X schema and its extension
 * description). `date` is the document's creation and modification date.
 */
export function prepareFacturX(
  doc: Doc | InstanceType<typeof PDFDocument>,
  attachment: FacturXAttachment,
  meta: { title: string; author: string; date: Date },
): void {
  const { regular, bold } = facturXFonts();
  doc.registerFont("Helvetica", regular);
  doc.registerFont("Helvetica-Bold", bold);
  doc.file(attachment.xml, {
    name: FACTURX_FILENAME,
    type: "text/xml",
    description: "Factur-X invoice (CII, EN 16931)",
    creationDate: meta.date,
    modifiedDate: meta.date,
    relationship: "Alternative",
  } as PDFKit.Mixins.PDFAttachmentOptions);
  const iso = `${meta.date.toISOString().split(".")[0]}Z`;
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(meta.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xmlText(meta.author)}</rdf:li></rdf:Seq></dc:creator>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${iso}</xmp:ModifyDate>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="${FX_NS}">
            <fx:DocumentType>INVOICE</fx:DocumentType>
            <fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>
            <fx:Version>1.0</fx:Version>
            <fx:ConformanceLevel>${attachment.conformanceLevel}</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>${FX_NS}</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>${[
                              ["DocumentFileName", "name of the embedded XML invoice file"],
                              ["DocumentType", "INVOICE"],
                              ["Version", "The actual version of the Factur-X XML schema"],
                              ["ConformanceLevel", "The conformance level of the embedded Factur-X data"],
                            ]
                              .map(
                                ([name, description]) => `
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>${name}</pdfaProperty:name>
                                    <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                                    <pdfaProperty:category>external</pdfaProperty:category>
                                    <pdfaProperty:description>${description}</pdfaProperty:description>
                                </rdf:li>`,
                              )
                              .join("")}
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`);
}
