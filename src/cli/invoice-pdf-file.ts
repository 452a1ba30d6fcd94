import type { AppContext } from "../app/context.js";
import { makeInvoicePdf } from "../app/invoices/invoice-pdf.js";
import type { Organization } from "../db/schema.js";
import { invoiceByNumber } from "./invoice-duplicate-file.js";
import { writeOutputFile } from "./output-file.js";

/** `relance invoices pdf`: the invoice found by number (and client name), its PDF written to `file`. */
export async function writeInvoicePdf(options: {
  ctx: AppContext;
  org: Organization;
  number: string;
  file: string;
  client?: string | undefined;
}): Promise<{ invoice_id: string; number: string; path: string; size_bytes: number }> {
  const { ctx, org } = options;
  const found = await invoiceByNumber(options);
  const { pdf } = await makeInvoicePdf({ ctx, org, id: found.id });
  const path = await writeOutputFile(options.file, pdf);
  return { invoice_id: found.id, number: found.number, path, size_bytes: pdf.length };
}
