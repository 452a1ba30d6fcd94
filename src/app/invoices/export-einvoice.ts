import type { Organization } from "../../db/schema.js";
import type { EInvoiceSyntax } from "../../formats/einvoice/types.js";
import { writeCii } from "../../formats/einvoice/write-cii.js";
import { writeUbl } from "../../formats/einvoice/write-ubl.js";
import type { AppContext } from "../context.js";
import { loadEInvoiceDocument } from "./einvoice-document.js";

/**
 * The issued invoice (or credit note) as EN 16931 XML: CII (the Factur-X XML) or UBL 2.1, its totals checked first
 * (einvoice-document.ts: 409 when not issued in Relance or when they do not add up). Nothing is written.
 */
export async function exportEInvoiceXml(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
  syntax: EInvoiceSyntax;
}): Promise<{ xml: Buffer; filename: string; number: string }> {
  const { doc } = await loadEInvoiceDocument(options);
  const xml = options.syntax === "ubl" ? writeUbl(doc) : writeCii(doc);
  const safe = doc.number.replace(/[^A-Za-z0-9._-]+/g, "-");
  return { xml, filename: `facture-${safe}-${options.syntax}.xml`, number: doc.number };
}
