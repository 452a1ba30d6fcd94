import { formatIsoDate, type PlainDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { checkQuoteMove, type QuoteState } from "../../core/quotes/state.js";
import type { Db } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { type Quote, updateQuoteStatus } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";

export interface MoveQuoteOptions {
  trx: Db;
  org: Organization;
  userId: string | null;
  /** The quote, read (and locked on PostgreSQL) in `trx`. */
  quote: Quote;
  to: QuoteState;
  today: PlainDate;
  at: string;
  locale: Locale;
  /** For an acceptance: how it was given (`manual`: recorded by a user) and the IP of a portal acceptance. */
  how?: string;
  ip?: string | null;
  /** For a portal acceptance: the name the client typed (« bon pour accord » by whom). */
  name?: string | null;
}

/**
 * One step of the quote state machine (core/quotes/state.ts) inside the caller's transaction: checks the move
 * (409 with the reason otherwise, nothing written), stamps sent_at / accepted_at + acceptance / refused_at, writes
 * the timeline and the audit log. Returns false, writing nothing, when the quote already has that status.
 */
export async function moveQuote(options: MoveQuoteOptions): Promise<boolean> {
  const { trx, org, quote, to, at, locale } = options;
  if (quote.status === to) return false;
  const move = checkQuoteMove(quote, to, options.today);
  if (!move.ok) {
    const params = {
      number: quote.number,
      status: formatMessage(locale, `quote_status.${quote.status}` as MessageCode),
      date: quote.valid_until ? formatIsoDate(quote.valid_until, locale) : "",
    };
    const code = `quote.move.${move.reason}` as MessageCode;
    throw new AppError("conflict", code, params, [{ path: "status", messageCode: code, params }]);
  }
  await updateQuoteStatus(trx, org.id, quote.id, {
    status: to,
    ...(to === "sent" ? { sent_at: at } : {}),
    ...(to === "refused" ? { refused_at: at } : {}),
    ...(to === "accepted"
      ? {
          accepted_at: at,
          acceptance: JSON.stringify({
            by: options.userId,
            how: options.how ?? "manual",
            ip: options.ip ?? null,
            ...(options.name ? { name: options.name } : {}),
          }),
        }
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
      kind: `quote_${to}`,
      occurredOn: toIso(options.today),
      at,
      summary: formatMessage(summaryLocale, "timeline.quote_status", {
        number: quote.number,
        status: formatMessage(summaryLocale, `quote_status.${to}` as MessageCode),
      }),
      data: { quote_id: quote.id, number: quote.number, from: quote.status, to },
    }),
  ]);
  await appendAudit(trx, {
    organizationId: org.id,
    userId: options.userId,
    at,
    entity: "quote",
    entityId: quote.id,
    operation: "status",
    data: { from: quote.status, to },
  });
  return true;
}
