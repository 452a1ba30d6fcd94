import { addDays, todayIn, toIso } from "../../core/calendar.js";
import { EXPIRY_REMINDER_DAYS, expiryReminderDue } from "../../core/quotes/expiry.js";
import { listSentQuotesValidUntil } from "../../db/repositories/quote-messages.js";
import { findQuoteForUpdate } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { queueQuoteMessage } from "./queue-quote-message.js";

export interface CheckQuoteExpiryResult {
  /** Reminders put in the outbox today (`quote:<id>:expiry`). */
  reminders: number;
}

/**
 * The daily check of quotes close to their validity date (docs/quotes.md), run before the dunning run
 * (run-day.ts): each quote still `sent` whose reminder is due today (core/quotes/expiry.ts: from valid_until −
 * EXPIRY_REMINDER_DAYS to valid_until, sent before that) gets one e-mail in the outbox, template `quote.expiry`,
 * key `quote:<id>:expiry` — never a second one; the dispatcher cancels it if the quote is accepted or refused
 * before it leaves. `today` is the context's (a `--date` run is that day). `dryRun`: counts, writes nothing.
 */
export async function checkQuoteExpiry(options: {
  ctx: AppContext;
  org: Organization;
  dryRun?: boolean;
}): Promise<CheckQuoteExpiryResult> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const result: CheckQuoteExpiryResult = { reminders: 0 };
  const candidates = await listSentQuotesValidUntil(
    ctx.db,
    org.id,
    toIso(today),
    toIso(addDays(today, EXPIRY_REMINDER_DAYS)),
  );
  const sentOn = (at: string | null) => (at ? toIso(todayIn(org.time_zone, Date.parse(at))) : null);
  for (const candidate of candidates) {
    if (!expiryReminderDue({ ...candidate, sent_on: sentOn(candidate.sent_at) }, today)) continue;
    if (options.dryRun) {
      result.reminders++;
      continue;
    }
    const queued = await ctx.db.transaction().execute(async (trx) => {
      // locked and read again: a quote accepted meanwhile gets nothing
      const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, candidate.id);
      if (!quote || !expiryReminderDue({ ...quote, sent_on: sentOn(quote.sent_at) }, today)) return false;
      return queueQuoteMessage({ trx, org, userId: null, quote, kind: "expiry", today, at: nowIso(ctx) });
    });
    if (queued) result.reminders++;
  }
  return result;
}
