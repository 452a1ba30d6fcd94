import { findQuote, listQuoteInvoices, listQuoteLines } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { presentQuoteDetail, type QuoteDetailDto } from "./present-quote.js";

/** One quote of the organization with its lines, deposit and the invoices made from it; 404 otherwise. */
export async function getQuote(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<QuoteDetailDto> {
  const { ctx, org, id } = options;
  const row = await findQuote(ctx.db, org.id, id);
  if (!row) throw new AppError("not_found", "quote.unknown");
  return presentQuoteDetail(
    row,
    await listQuoteLines(ctx.db, org.id, row.id),
    await listQuoteInvoices(ctx.db, org.id, [row.id]),
    todayFor(ctx, org.time_zone),
  );
}
