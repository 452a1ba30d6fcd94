import { invoiceSeriesPrefix, seriesNumber } from "../../core/invoices/numbering.js";
import { lastSeriesNumber } from "../../db/repositories/invoice-series.js";
import { findTakenInvoiceNumbers } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";

/**
 * The number an invoice issued on `issueDate` would get if created now without one: the next free number of the
 * year's series. Only a proposal: nothing is reserved, the number is assigned when the invoice is created.
 */
export async function proposeInvoiceNumber(options: {
  ctx: AppContext;
  org: Organization;
  issueDate: string;
}): Promise<{ prefix: string; number: string }> {
  const { ctx, org } = options;
  const prefix = invoiceSeriesPrefix(options.issueDate);
  let n = (await lastSeriesNumber(ctx.db, org.id, prefix)) + 1;
  for (;;) {
    const candidate = seriesNumber(prefix, n);
    if ((await findTakenInvoiceNumbers(ctx.db, org.id, [candidate])).size === 0)
      return { prefix, number: candidate };
    n += 1;
  }
}
