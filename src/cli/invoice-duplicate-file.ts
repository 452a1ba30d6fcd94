import type { AppContext } from "../app/context.js";
import { AppError } from "../app/errors.js";
import { makeInvoiceDuplicate } from "../app/invoices/invoice-duplicate.js";
import { normalizeName } from "../core/clients/normalize-name.js";
import { findInvoicesByNumber } from "../db/repositories/invoices.js";
import type { Organization } from "../db/schema.js";
import { writeOutputFile } from "./output-file.js";

/** The one invoice with this number (and this client, by name or id, when two clients have the number). */
export async function invoiceByNumber(options: {
  ctx: AppContext;
  org: Organization;
  number: string;
  client?: string | undefined;
}): Promise<{ id: string; number: string }> {
  const { ctx, org, number } = options;
  let found = await findInvoicesByNumber(ctx.db, org.id, number);
  if (options.client) {
    const wanted = normalizeName(options.client);
    found = found.filter((i) => normalizeName(i.client_name) === wanted || i.client_id === options.client);
  }
  const [first, ...others] = found;
  if (!first) throw new AppError("not_found", "invoice.not_found", { number });
  if (others.length > 0) {
    throw new AppError("invalid_input", "invoice.ambiguous", {
      number,
      clients: found.map((c) => c.client_name).join(", "),
    });
  }
  return first;
}

/** `relance invoices duplicate`: the invoice found by number (and client name), its duplicate written to `file`. */
export async function writeInvoiceDuplicate(options: {
  ctx: AppContext;
  org: Organization;
  number: string;
  file: string;
  client?: string | undefined;
}): Promise<{ invoice_id: string; number: string; path: string; size_bytes: number }> {
  const { ctx, org } = options;
  const first = await invoiceByNumber(options);
  const { pdf } = await makeInvoiceDuplicate({ ctx, org, id: first.id });
  const path = await writeOutputFile(options.file, pdf);
  return { invoice_id: first.id, number: first.number, path, size_bytes: pdf.length };
}
