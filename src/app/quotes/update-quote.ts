import { toIso } from "../../core/calendar.js";
import { canMoveQuote } from "../../core/invoices/quotes.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findQuoteForUpdate, updateQuoteStatus } from "../../db/repositories/quotes.js";
import type { Organization, QuoteStatus } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { getQuote } from "./get-quote.js";
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
 * Moves a quote along draft → sent → accepted | refused | expired; acceptance records when and by whom
 * (`how: "manual"`). Each move goes on the client's timeline and in the audit log; asking for the status the
 * quote already has writes nothing.
 */
export async function updateQuote(options: UpdateQuoteOptions): Promise<QuoteDetailDto> {
  const { ctx, org, status } = options;
  const locale = options.locale ?? ctx.locale;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!quote) throw new AppError("not_found", "quote.unknown");
    if (quote.status === status) return;
    if (!canMoveQuote(quote.status, status)) {
      const params = {
        from: formatMessage(locale, `quote_status.${quote.status}` as MessageCode),
        to: formatMessage(locale, `quote_status.${status}` as MessageCode),
      };
      throw new AppError("conflict", "quote.transition", params, [
        { path: "status", messageCode: "quote.transition", params },
      ]);
    }
    const accepted = status === "accepted";
    await updateQuoteStatus(trx, org.id, quote.id, {
      status,
      ...(accepted
        ? { accepted_at: at, acceptance: JSON.stringify({ by: options.userId, how: "manual" }) }
        : {}),
      updated_at: at,
    });
    const summaryLocale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: quote.client_id,
        invoiceId: null,
        userId: options.userId,
        kind: `quote_${status}`,
        occurredOn: toIso(todayFor(ctx, org.time_zone)),
        at,
        summary: formatMessage(summaryLocale, "timeline.quote_status", {
          number: quote.number,
          status: formatMessage(summaryLocale, `quote_status.${status}` as MessageCode),
        }),
        data: { quote_id: quote.id, number: quote.number, from: quote.status, to: status },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "quote",
      entityId: quote.id,
      operation: "status",
      data: { from: quote.status, to: status },
    });
  });
  return getQuote({ ctx, org, id: options.id });
}
