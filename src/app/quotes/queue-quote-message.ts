import { formatIsoDate, type PlainDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { insertOutbox } from "../../db/repositories/outbox.js";
import type { Quote } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";

export type QuoteMessageKind = "sent" | "expiry";

/** The outbox key of a quote's message: one e-mail sending it, one reminder before its validity date. */
export const quoteMessageKey = (quoteId: string, kind: QuoteMessageKind) => `quote:${quoteId}:${kind}`;

/**
 * Puts a quote's message in the outbox (e-mail, template `quote.<kind>`, `quote_id`, no step, no invoice),
 * rendered and sent by the dispatcher like the dunning messages; unless one with its key exists — a quote is
 * e-mailed once and reminded once. A `quote_email` or `quote_expiry_reminder` entry goes on the client's timeline.
 * True when queued.
 */
export async function queueQuoteMessage(options: {
  trx: Db;
  org: Organization;
  userId: string | null;
  quote: Quote;
  kind: QuoteMessageKind;
  /** For the timeline: to whom (the e-mail sending the quote). */
  address?: string | null;
  today: PlainDate;
  at: string;
}): Promise<boolean> {
  const { trx, org, quote, kind, at } = options;
  const inserted = await insertOutbox(trx, {
    id: newId(),
    organization_id: org.id,
    client_id: quote.client_id,
    step_id: null,
    template_key: `quote.${kind}`,
    installment_id: null,
    quote_id: quote.id,
    channel: "email",
    idempotency_key: quoteMessageKey(quote.id, kind),
    state: "pending",
    planned_on: toIso(options.today),
    invoices: "[]",
    recipients: "[]",
    subject: "",
    text_body: "",
    html_body: null,
    next_attempt_at: null,
    lease_until: null,
    lease_owner: null,
    last_error: null,
    message_id: null,
    transport: null,
    sent_at: null,
    cancel_reason: null,
    document_id: null,
    approved_by_user_id: null,
    created_at: at,
    updated_at: at,
  });
  if (!inserted) return false;
  const locale = orgLocale(org);
  const summary =
    kind === "sent"
      ? formatMessage(locale, "timeline.quote_email", {
          number: quote.number,
          address: options.address ?? "",
        })
      : formatMessage(locale, "timeline.quote_expiry_reminder", {
          number: quote.number,
          date: quote.valid_until ? formatIsoDate(quote.valid_until, locale) : "",
        });
  await insertActions(trx, [
    timelineAction({
      orgId: org.id,
      clientId: quote.client_id,
      invoiceId: null,
      userId: options.userId,
      kind: kind === "sent" ? "quote_email" : "quote_expiry_reminder",
      occurredOn: toIso(options.today),
      at,
      summary,
      data: { quote_id: quote.id, number: quote.number, ...(options.address ? { to: options.address } : {}) },
    }),
  ]);
  return true;
}
