import type { Locale } from "../../core/messages.js";
import { findQuoteForUpdate } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { getQuote } from "./get-quote.js";
import { moveQuote } from "./move-quote.js";
import type { QuoteDetailDto } from "./present-quote.js";

/** Records a sent quote as refused (refused_at). Refusing a refused quote changes nothing. */
export async function refuseQuote(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  locale?: Locale;
}): Promise<QuoteDetailDto> {
  const { ctx, org } = options;
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
      to: "refused",
      today,
      at,
      locale: options.locale ?? ctx.locale,
    });
  });
  return getQuote({ ctx, org, id: options.id });
}
