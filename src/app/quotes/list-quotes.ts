import { listQuoteInvoices, listQuotes as queryQuotes, quoteVatBases } from "../../db/repositories/quotes.js";
import type { Organization, QuoteStatus } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
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

/** Quotes, newest first, with their deposit invoices (three queries a page). */
export async function listQuotes(options: ListQuotesOptions): Promise<QuoteDto[]> {
  const { ctx, org } = options;
  const rows = await queryQuotes(ctx.db, org.id, {
    limit: options.limit,
    ...(options.status ? { status: options.status } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  const ids = rows.map((r) => r.id);
  const bases = await quoteVatBases(ctx.db, org.id, ids);
  const invoices = await listQuoteInvoices(ctx.db, org.id, ids);
  const today = todayFor(ctx, org.time_zone);
  return rows.map((r) => presentQuote(r, bases.get(r.id) ?? [], invoices, today));
}
