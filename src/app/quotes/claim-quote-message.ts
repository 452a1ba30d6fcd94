import { formatMessage, type Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { moveOutbox } from "../../db/repositories/outbox.js";
import type { Organization, Outbox } from "../../db/schema.js";
import type { OutgoingMail } from "../../mail/mailer.js";
import { messageIdDomainOf } from "../../mail/message-id.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import type { DispatchResult } from "../dunning/dispatch-outbox.js";
import { failureTask } from "../dunning/outbox-effects.js";
import type { MessagePortal } from "../portal/message-portal-url.js";
import { buildQuoteMessage } from "./build-quote-message.js";

/**
 * The dispatcher's claim of a quote message (dispatch-outbox.ts), inside its transaction: the quote re-read — no
 * longer `sent` today (accepted, refused, expired) → `cancelled` with the reason; no e-mail address or a message
 * that cannot be built → `failed` and a task; otherwise rendered, stored and leased (`sending`), and the e-mail to
 * send returned with the quote's PDF attached. The sending, retries and `uncertain` are the dispatcher's.
 */
export async function claimQuoteMessage(options: {
  trx: Db;
  ctx: AppContext;
  org: Organization;
  row: Outbox;
  owner: string;
  leaseMs: number;
  locale: Locale;
  result: DispatchResult;
  portal?: MessagePortal;
}): Promise<{ row: Outbox; kind: "email"; mail: OutgoingMail } | "skipped"> {
  const { trx, ctx, org, row, locale, result } = options;
  const at = nowIso(ctx);
  const fail = async (message: string) => {
    await moveOutbox(trx, org.id, row.id, "pending", {
      state: "failed",
      last_error: message,
      updated_at: at,
    });
    await failureTask(trx, ctx, org, row, "dunning.failed_task", message, locale);
    result.failed++;
    return "skipped" as const;
  };
  let built: Awaited<ReturnType<typeof buildQuoteMessage>>;
  try {
    built = await buildQuoteMessage({
      ctx: { ...ctx, db: trx },
      org,
      row,
      today: todayFor(ctx, org.time_zone),
      ...(options.portal ? { portal: options.portal } : {}),
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message.slice(0, 500) : String(error));
  }
  if (!built.rendered || !built.pdf) {
    await moveOutbox(trx, org.id, row.id, "pending", {
      state: "cancelled",
      cancel_reason: built.cancelReason,
      updated_at: at,
    });
    result.cancelled++;
    return "skipped";
  }
  if (built.recipients.length === 0) {
    return fail(formatMessage(locale, "dunning.no_address", { client: built.client.name }));
  }
  const leased = await moveOutbox(trx, org.id, row.id, "pending", {
    state: "sending",
    attempts: Number(row.attempts) + 1,
    lease_owner: options.owner,
    lease_until: new Date(ctx.clock.now() + options.leaseMs).toISOString(),
    recipients: JSON.stringify(built.recipients),
    subject: built.rendered.subject,
    text_body: built.rendered.text,
    html_body: built.rendered.html,
    attachments: JSON.stringify([{ kind: "quote_pdf", quote_id: row.quote_id }]),
    updated_at: at,
  });
  if (!leased) return "skipped";
  return {
    row: { ...row, attempts: Number(row.attempts) },
    kind: "email",
    mail: {
      from: { name: org.name, address: org.email ?? "relance@relance.local" },
      replyTo: org.email ? { name: org.name, address: org.email } : null,
      to: built.recipients,
      subject: built.rendered.subject,
      text: built.rendered.text,
      html: built.rendered.html,
      attachments: [
        { filename: built.pdf.filename, content: built.pdf.content, contentType: "application/pdf" },
      ],
      idempotencyKey: `${org.id}:${row.idempotency_key}`,
      messageIdDomain: messageIdDomainOf(org.email),
    },
  };
}
