import { quoteStateOn } from "../../core/quotes/state.js";
import { findQuote, listQuotes } from "../../db/repositories/quotes.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { getQuote } from "../quotes/get-quote.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/** A quote as the client sees it on the portal: what it would accept, and the deposit asked on acceptance. */
export interface PortalQuoteDto {
  id: string;
  number: string;
  issue_date: string;
  valid_until: string | null;
  total_ht_cents: number;
  total_ttc_cents: number;
  deposit_cents: number;
}

/** The client's quotes awaiting its answer: sent and still within their validity (oldest validity first). */
export async function listPortalQuotes(ctx: AppContext, access: PortalAccess): Promise<PortalQuoteDto[]> {
  const { org, client } = access;
  const today = todayFor(ctx, org.time_zone);
  const rows = await listQuotes(ctx.db, org.id, { clientId: client.id, status: ["sent"], limit: 50 });
  const open = rows.filter((r) => quoteStateOn(r, today) === "sent");
  const quotes: PortalQuoteDto[] = [];
  for (const row of open) {
    const quote = await getQuote({ ctx, org, id: row.id });
    quotes.push({
      id: quote.id,
      number: quote.number,
      issue_date: quote.issue_date,
      valid_until: quote.valid_until,
      total_ht_cents: quote.total_ht_cents,
      total_ttc_cents: quote.total_ttc_cents,
      deposit_cents: quote.deposit_cents,
    });
  }
  return quotes.sort((a, b) => (a.valid_until ?? "9999").localeCompare(b.valid_until ?? "9999"));
}

/** One of the client's quotes (any state but draft); another client's, another organization's or a draft: 404. */
export async function findPortalQuote(ctx: AppContext, access: PortalAccess, quoteId: string) {
  const row = await findQuote(ctx.db, access.org.id, quoteId);
  if (!row || row.client_id !== access.client.id || row.status === "draft")
    throw new AppError("not_found", "portal.quote_not_found");
  return row;
}
