import { formatIsoDate } from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import { quoteStateOn } from "../../core/quotes/state.js";
import { findClient } from "../../db/repositories/clients.js";
import { findQuoteForUpdate } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { getQuote } from "./get-quote.js";
import { moveQuote } from "./move-quote.js";
import type { QuoteDetailDto } from "./present-quote.js";
import { queueQuoteMessage } from "./queue-quote-message.js";
import { quoteRecipient } from "./quote-recipient.js";

/**
 * Sends a quote (docs/quotes.md): records a draft sent (sent_at). With `email`, also puts the e-mail that sends it
 * — the PDF attached, to the client's billing contact — in the outbox (`quote:<id>:sent`, once per quote), sent by
 * the dispatcher like the dunning messages; a quote already sent (marked by hand) can be e-mailed this way too.
 * Without `email` (the default) only the state is recorded: the user sent the PDF himself. A client without an
 * e-mail address, or a quote past its validity, is a 409 and nothing is written.
 */
export async function sendQuote(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  email?: boolean;
  locale?: Locale;
}): Promise<QuoteDetailDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const today = todayFor(ctx, org.time_zone);
  const locale = options.locale ?? ctx.locale;
  await ctx.db.transaction().execute(async (trx) => {
    const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!quote) throw new AppError("not_found", "quote.unknown");
    const moveOptions = { trx, org, userId: options.userId, quote, to: "sent" as const, today, at, locale };
    if (!options.email) {
      await moveQuote(moveOptions);
      return;
    }
    const contact = await quoteRecipient(trx, org.id, quote.client_id);
    if (!contact?.email) {
      const client = await findClient(trx, org.id, quote.client_id);
      throw new AppError("conflict", "quote.no_email", { client: client?.name ?? "" });
    }
    await moveQuote(moveOptions);
    if (quoteStateOn({ ...quote, status: "sent" }, today) !== "sent") {
      const date = quote.valid_until ? formatIsoDate(quote.valid_until, locale) : "";
      throw new AppError("conflict", "quote.email_expired", { number: quote.number, date });
    }
    await queueQuoteMessage({
      trx,
      org,
      userId: options.userId,
      quote,
      kind: "sent",
      address: contact.email,
      today,
      at,
    });
  });
  return getQuote({ ctx, org, id: options.id });
}
