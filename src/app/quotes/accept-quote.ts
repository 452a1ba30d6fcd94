import type { Locale } from "../../core/messages.js";
import { findQuoteForUpdate } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { getQuote } from "./get-quote.js";
import { issueDepositInvoice } from "./issue-deposit-invoice.js";
import { moveQuote } from "./move-quote.js";
import type { QuoteDetailDto } from "./present-quote.js";

export interface AcceptQuoteOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  /** The deposit invoice's number; default `AC-<quote number>` (core/quotes/numbers.ts). */
  depositNumber?: string;
  /** How the acceptance was given: `manual` (recorded by a user, the default), `signed` (signed copy received). */
  how?: string;
  ip?: string | null;
  /** For a portal acceptance: the name the client typed. */
  name?: string | null;
  locale?: Locale;
}

/**
 * Accepts a sent quote still within its validity and, in the same transaction, issues its deposit invoice when it
 * asks one. Accepting an accepted quote changes nothing (no second deposit invoice).
 */
export async function acceptQuote(options: AcceptQuoteOptions): Promise<QuoteDetailDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const today = todayFor(ctx, org.time_zone);
  await ctx.db.transaction().execute(async (trx) => {
    const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!quote) throw new AppError("not_found", "quote.unknown");
    const moved = await moveQuote({
      trx,
      org,
      userId: options.userId,
      quote,
      to: "accepted",
      today,
      at,
      locale: options.locale ?? ctx.locale,
      ...(options.how ? { how: options.how } : {}),
      ip: options.ip ?? null,
      name: options.name ?? null,
    });
    if (!moved) return;
    await issueDepositInvoice({
      trx,
      dialect: ctx.dialect,
      org,
      userId: options.userId,
      quote,
      today,
      at,
      ...(options.depositNumber !== undefined ? { number: options.depositNumber } : {}),
    });
  });
  return getQuote({ ctx, org, id: options.id });
}
