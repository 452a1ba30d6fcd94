import { findStep } from "../../db/repositories/dunning-sequences.js";
import { findOutboxView } from "../../db/repositories/outbox.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { buildQuoteMessage } from "../quotes/build-quote-message.js";
import { buildDunningMessage } from "./build-dunning-message.js";
import { plannedInvoices } from "./outbox-effects.js";
import { type OutboxDto, presentOutbox } from "./present-outbox.js";

/**
 * One outbox message. A message not rendered yet (awaiting approval, pending) shows what would be sent today,
 * rendered on the fly and not saved: what the user approves is what the dispatcher will build.
 */
export async function previewOutbox(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
  /** Where RELANCE_SECRET_KEY and RELANCE_PUBLIC_URL are read for the portal's URL (default: process.env). */
  env?: NodeJS.ProcessEnv;
}): Promise<OutboxDto> {
  const { ctx, org } = options;
  const row = await findOutboxView(ctx.db, org.id, options.id);
  if (!row) throw new AppError("not_found", "dunning.outbox_not_found");
  const dto = presentOutbox(row);
  if (row.quote_id && dto.subject === "" && (row.state === "awaiting_approval" || row.state === "pending")) {
    // a quote's message (quote.sent, quote.expiry): what would leave today, without its PDF
    const built = await buildQuoteMessage({
      ctx,
      org,
      row,
      today: todayFor(ctx, org.time_zone),
      portal: { env: options.env ?? process.env, create: false },
      attach: false,
    });
    if (!built.rendered) return dto;
    const { subject, text, html } = built.rendered;
    return { ...dto, recipients: built.recipients, subject, text_body: text, html_body: html };
  }
  if (dto.subject !== "" || !(row.state === "awaiting_approval" || row.state === "pending") || !row.step_id)
    return dto;
  const step = await findStep(ctx.db, org.id, row.step_id);
  if (!step) return dto;
  const built = await buildDunningMessage({
    ctx,
    org,
    clientId: row.client_id,
    step,
    invoiceIds: plannedInvoices(row).map((p) => p.id),
    today: todayFor(ctx, org.time_zone),
    // a preview creates no link: it quotes the live one, or `<base>/p/…` until the message is sent
    portal: { env: options.env ?? process.env, create: false },
  });
  if (!built.rendered) return dto;
  return {
    ...dto,
    recipients: built.recipients,
    subject: built.rendered.subject,
    text_body: built.rendered.text,
    html_body: built.rendered.html,
  };
}
