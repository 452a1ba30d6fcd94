import { type PlainDate, toIso } from "../../core/calendar.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import { quoteStateOn } from "../../core/quotes/state.js";
import { findClient } from "../../db/repositories/clients.js";
import { findQuote } from "../../db/repositories/quotes.js";
import type { Client, Organization, Outbox } from "../../db/schema.js";
import type { MessageContext } from "../../templates/context.js";
import type { RenderedMessage } from "../../templates/engine.js";
import type { AppContext } from "../context.js";
import { isTemplateKey, resolveTemplate } from "../dunning/resolve-template.js";
import { orgLocale } from "../invoices/timeline.js";
import { type MessagePortal, messagePortalUrl } from "../portal/message-portal-url.js";
import { getQuote } from "./get-quote.js";
import { makeQuotePdf } from "./make-quote-pdf.js";
import { quoteRecipient } from "./quote-recipient.js";

export interface BuiltQuoteMessage {
  client: Client;
  recipients: { name: string | null; address: string }[];
  /** Null when nothing is to be sent: `cancelReason` says why. */
  rendered: RenderedMessage | null;
  cancelReason: string | null;
  /** The quote's PDF, attached to the e-mail. */
  pdf: { filename: string; content: Buffer } | null;
}

const lines = (...parts: (string | null | undefined)[]) =>
  parts.map((p) => p?.trim() ?? "").filter((p) => p !== "");

/**
 * A quote message (outbox row with `quote_id` and `template_key` `quote.sent` or `quote.expiry`, no step) as of
 * `today`, for the dispatcher: re-checked first — a quote no longer `sent` today (accepted, refused, expired, or its
 * validity date passed) leaves nothing to send, `cancelReason` says why — then rendered from the organization's
 * template (or the default) in the client's language, with the quote's PDF (made now, pdf/quote.ts) to attach.
 */
export async function buildQuoteMessage(options: {
  ctx: AppContext;
  org: Organization;
  row: Outbox;
  today: PlainDate;
  portal?: MessagePortal;
  /** false: no PDF (a preview). */
  attach?: boolean;
}): Promise<BuiltQuoteMessage> {
  const { ctx, org, row, today } = options;
  const client = await findClient(ctx.db, org.id, row.client_id);
  if (!client) throw new Error(`client ${row.client_id} not found`);
  const locale = client.language === "en" ? "en" : "fr";
  const contact = await quoteRecipient(ctx.db, org.id, client.id);
  const recipients = contact?.email ? [{ name: contact.name, address: contact.email }] : [];
  const quote = row.quote_id ? await findQuote(ctx.db, org.id, row.quote_id) : undefined;
  const key = row.template_key ?? "";
  const state = quote ? quoteStateOn(quote, today) : undefined;
  if (!quote || state !== "sent" || !isTemplateKey(key)) {
    const summary = orgLocale(org);
    const reason = quote
      ? formatMessage(summary, "quote.message_cancelled", {
          number: quote.number,
          status: formatMessage(summary, `quote_status.${state}` as MessageCode),
        })
      : "quote deleted";
    return { client, recipients, rendered: null, cancelReason: reason, pdf: null };
  }
  const dto = await getQuote({ ctx, org, id: quote.id });
  const context: MessageContext = {
    today: toIso(today),
    organization: {
      name: org.name,
      legal_form: org.legal_form,
      siren: org.siren,
      vat_number: org.vat_number,
      address: lines(
        ...(org.address ?? "").split(/\r?\n/),
        [org.postal_code, org.city].filter(Boolean).join(" "),
      ).join("\n"),
      email: org.email,
      phone: org.phone,
      iban: org.iban,
      bic: org.bic,
      signature: lines(org.name, org.phone, org.email).join("\n"),
    },
    client: { name: client.name, kind: client.kind },
    contact: contact ? { name: contact.name, email: contact.email } : null,
    invoices: [],
    totals: { balance_cents: 0, penalty_cents: 0, indemnity_cents: 0, interest_cents: 0, claim_cents: 0 },
    payment: { iban: org.iban, bic: org.bic, reference: quote.number, qr_code_url: null },
    step: { offset_days: 0, tone: "friendly" },
    deadline_date: null,
    portal_url: options.portal
      ? await messagePortalUrl({ ctx, org, clientId: client.id, ...options.portal })
      : null,
    quote: {
      number: dto.number,
      issue_date: dto.issue_date,
      valid_until: dto.valid_until,
      total_ht_cents: dto.total_ht_cents,
      total_vat_cents: dto.total_vat_cents,
      total_ttc_cents: dto.total_ttc_cents,
      deposit_percent: dto.deposit_percent,
      deposit_cents: dto.deposit_cents,
    },
  };
  const template = await resolveTemplate(ctx.db, org.id, key, locale);
  const { renderMessage } = await import("../../templates/engine.js");
  const rendered = await renderMessage(template, context, locale);
  if (options.attach === false) return { client, recipients, rendered, cancelReason: null, pdf: null };
  const made = await makeQuotePdf({ ctx, org, id: quote.id });
  return {
    client,
    recipients,
    rendered,
    cancelReason: null,
    pdf: { filename: made.filename, content: made.pdf },
  };
}
