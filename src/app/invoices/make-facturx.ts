import type { Organization } from "../../db/schema.js";
import { writeCii } from "../../formats/einvoice/write-cii.js";
import type { AppContext } from "../context.js";
import { loadEInvoiceDocument } from "./einvoice-document.js";
import { invoicePdfFilename } from "./invoice-pdf.js";

/**
 * The issued invoice as a Factur-X PDF (profile EN 16931): the invoice's own PDF (invoice-pdf.ts) as PDF/A-3b with
 * its CII XML attached as factur-x.xml (pdf/facturx.ts), the totals checked before anything is made
 * (einvoice-document.ts: 409 when not issued in Relance or when they do not add up). Nothing is written.
 */
export async function makeFacturX(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<{ pdf: Buffer; xml: Buffer; filename: string; number: string }> {
  const [{ doc, pdf: source }, { renderInvoice }] = await Promise.all([
    loadEInvoiceDocument(options),
    import("../../pdf/invoice.js"),
  ]);
  const xml = writeCii(doc);
  const pdf = await renderInvoice(source.input, { xml, conformanceLevel: "EN 16931" });
  return { pdf, xml, filename: invoicePdfFilename(doc.number, "factur-x"), number: doc.number };
}
