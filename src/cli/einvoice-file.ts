import type { AppContext } from "../app/context.js";
import { AppError } from "../app/errors.js";
import { exportEInvoiceXml } from "../app/invoices/export-einvoice.js";
import { makeFacturX } from "../app/invoices/make-facturx.js";
import type { Organization } from "../db/schema.js";
import type { EInvoiceSyntax } from "../formats/einvoice/types.js";
import { invoiceByNumber } from "./invoice-duplicate-file.js";
import { writeOutputFile } from "./output-file.js";

interface Written {
  invoice_id: string;
  number: string;
  path: string;
  size_bytes: number;
}

/** `relance invoices facturx`: the invoice found by number (and client name), its Factur-X PDF written to `file`. */
export async function writeFacturXFile(options: {
  ctx: AppContext;
  org: Organization;
  number: string;
  file: string;
  client?: string | undefined;
}): Promise<Written> {
  const found = await invoiceByNumber(options);
  const { pdf } = await makeFacturX({ ctx: options.ctx, org: options.org, id: found.id });
  const path = await writeOutputFile(options.file, pdf);
  return { invoice_id: found.id, number: found.number, path, size_bytes: pdf.length };
}

/** `relance invoices xml`: the invoice's CII or UBL XML written to `file`; an unknown syntax is refused first. */
export async function writeEInvoiceXmlFile(options: {
  ctx: AppContext;
  org: Organization;
  number: string;
  file: string;
  syntax: string;
  client?: string | undefined;
}): Promise<Written & { syntax: EInvoiceSyntax }> {
  const syntax = options.syntax.toLowerCase();
  if (syntax !== "cii" && syntax !== "ubl") {
    throw new AppError("invalid_input", "einvoice_out.syntax", { value: options.syntax });
  }
  const found = await invoiceByNumber(options);
  const { xml } = await exportEInvoiceXml({ ctx: options.ctx, org: options.org, id: found.id, syntax });
  const path = await writeOutputFile(options.file, xml);
  return { invoice_id: found.id, number: found.number, path, size_bytes: xml.length, syntax };
}
