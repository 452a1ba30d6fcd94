import { findQuote, listQuoteLines } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { presentQuoteDetail, type QuoteDetailDto } from "./present-quote.js";

/** One quote of the organization with its lines and deposit; 404 otherwise. */
export async function getQuote(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<QuoteDetailDto> {
  const { ctx, org, id } = options;
  const row = await findQuote(ctx.db, org.id, id);
  if (!row) throw new AppError("not_found", "quote.unknown");
  return presentQuoteDetail(row, await listQuoteLines(ctx.db, org.id, row.id));
}
