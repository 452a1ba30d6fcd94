import type { Locale } from "../../core/messages.js";
import { findQuoteForUpdate } from "../../db/repositories/quotes.js";
import type { Organization, QuoteStatus } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { acceptQuote } from "./accept-quote.js";
import { getQuote } from "./get-quote.js";
import { moveQuote } from "./move-quote.js";
import type { QuoteDetailDto } from "./present-quote.js";

export interface UpdateQuoteOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  status: QuoteStatus;
  locale?: Locale;
}

/**
 * PATCH status: moves a quote along draft → sent → accepted | refused | expired (core/quotes/state.ts). Accepting
 * goes through acceptQuote (the deposit invoice with its default number); asking for the status the quote already
 * has writes nothing.
 */
export async function updateQuote(options: UpdateQuoteOptions): Promise<QuoteDetailDto> {
  const { ctx, org, status } = options;
  if (status === "accepted") return acceptQuote(options);
  const at = nowIso(ctx);
  const today = todayFor(ctx, org.time_zone);
  await ctx.db.transaction().execute(async (trx) => {
    const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!quote) throw new AppError("not_found", "quote.unknown");
    await moveQuote({
      trx,
      org,
      userId: options.userId,
      quote,
      to: status,
      today,
      at,
      locale: options.locale ?? ctx.locale,
    });
  });
  return getQuote({ ctx, org, id: options.id });
}
