import { listQuotes as queryQuotes } from "../../db/repositories/quotes.js";
import type { Organization, QuoteStatus } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { presentQuote, type QuoteDto } from "./present-quote.js";

export interface ListQuotesOptions {
  ctx: AppContext;
  org: Organization;
  status?: QuoteStatus[];
  clientId?: string;
  limit: number;
  /** Keyset pagination: the (issue_date, id) of the last quote of the previous page. */
  before?: { issue_date: string; id: string };
}

/** Quotes, newest first. */
export async function listQuotes(options: ListQuotesOptions): Promise<QuoteDto[]> {
  const { ctx, org } = options;
  const rows = await queryQuotes(ctx.db, org.id, {
    limit: options.limit,
    ...(options.status ? { status: options.status } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return rows.map(presentQuote);
}
