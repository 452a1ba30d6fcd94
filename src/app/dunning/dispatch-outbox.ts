import { randomUUID } from "node:crypto";
import { formatMessage, type Locale } from "../../core/messages.js";
import { findStep } from "../../db/repositories/dunning-sequences.js";
import { moveOutbox, selectExpiredLeases, selectSendable } from "../../db/repositories/outbox.js";
import type { Organization, Outbox } from "../../db/schema.js";
import { MailError, type Mailer } from "../../mail/mailer.js";
import { messageIdDomainOf } from "../../mail/message-id.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { buildPlanReminder } from "../plans/build-plan-reminder.js";
import type { MessagePortal } from "../portal/message-portal-url.js";
import { claimQuoteMessage } from "../quotes/claim-quote-message.js";
import { buildDunningMessage, QR_CID } from "./build-dunning-message.js";
import { storeLetter } from "./letter-documents.js";
import { failureTask, restoreHeld } from "./outbox-effects.js";

export interface DispatchOptions {
  ctx: AppContext;
  org: Organization;
  mailer: Mailer;
  /** Where letters' PDFs are stored (documents). */
  filesDir: string;
  /** This dispatcher's name on the leases it takes. */
  owner?: string;
  /** Stop after this many messages. */
  limit?: number;
  /** How long a claimed message stays ours before another dispatcher calls it uncertain. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Where RELANCE_SECRET_KEY and RELANCE_PUBLIC_URL are read for the portal's URL (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface DispatchResult {
  sent: number;
  letters: number;
  cancelled: number;
  retried: number;
  failed: number;
  uncertain: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Retry delays: 1, 4, 16, 64 minutes… */
export function backoffMs(attempts: number): number {
  return 60_000 * 4 ** Math.max(0, attempts - 1);
}

type Claimed =
  | { row: Outbox; kind: "email"; mail: Parameters<Mailer["send"]>[0] }
  | { row: Outbox; kind: "letter" };

/**
 * Sends what the outbox holds for the organization (docs/dunning.md). Each message is claimed in its own
 * transaction, which also re-reads its invoices: those paid, credited or put on hold since planning are dropped
 * (the held ones get their step back), a message left with none is cancelled with the reason. The claim renders
 * the message, stores what will be sent and leases it (`sending`); the SMTP exchange happens outside any
 * transaction; success, a retry later (exponential backoff) or `failed` (and a task) is then written only if the
 * lease is still ours. A message still `sending` when its lease has run out was interrupted between the SMTP
 * exchange and its commit: it becomes `uncertain` (and a task), never sent again on its own. Letters are not
 * sent: their PDF is stored as a document and a task asks the user to post it.
 */
export async function dispatchOutbox(options: DispatchOptions): Promise<DispatchResult> {
  const { ctx, org, mailer } = options;
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const locale: Locale = org.locale === "en" ? "en" : "fr";
  const result: DispatchResult = { sent: 0, letters: 0, cancelled: 0, retried: 0, failed: 0, uncertain: 0 };
  // the messages sent quote the client's portal link, created for a client without one
  const portal: MessagePortal = { env: options.env ?? process.env, create: true };
  result.uncertain += await recoverExpiredLeases(ctx, org, locale);

  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (let n = 0; n < limit; n++) {
    const claimed = await claimNext(ctx, org, owner, leaseMs, locale, result, portal);
    if (claimed === "none") break;
    if (claimed === "skipped") continue;
    if (claimed.kind === "letter") {
      await sendLetter(ctx, org, claimed.row, owner, locale, options.filesDir, portal);
      result.letters++;
      continue;
    }
    try {
      const sent = await mailer.send(claimed.mail);
      const at = nowIso(ctx);
      const moved = await moveOutbox(
        ctx.db,
        org.id,
        claimed.row.id,
        "sending",
        {
          state: "sent",
          sent_at: at,
          message_id: sent.messageId,
          transport: mailer.kind,
          lease_until: null,
          updated_at: at,
        },
        owner,
      );
      if (moved) result.sent++;
    } catch (error) {
      // a socket timeout after the session was set up may come after the server got the whole message (no reply
      // to the end of DATA): like an error that is not a server's verdict, it may have left — never resent alone
      const mayHaveLeft =
        !(error instanceof MailError) || (error.code === "ETIMEDOUT" && error.message === "Timeout");
      if (mayHaveLeft) {
        // not a verdict of the server: the message may have left; never resent on its own
        await ctx.db.transaction().execute(async (trx) => {
          const moved = await moveOutbox(
            trx,
            org.id,
            claimed.row.id,
            "sending",
            {
              state: "uncertain",
              last_error: String(error).slice(0, 500),
              lease_until: null,
              updated_at: nowIso(ctx),
            },
            owner,
          );
          if (moved) await failureTask(trx, ctx, org, claimed.row, "dunning.uncertain_task", "", locale);
        });
        result.uncertain++;
        continue;
      }
      const failure = error;
      const message = formatMessage(locale, failure.problem.code, failure.problem.params ?? {});
      const attempts = Number(claimed.row.attempts) + 1;
      const at = nowIso(ctx);
      if (!failure.permanent && attempts < maxAttempts) {
        const next = new Date(ctx.clock.now() + backoffMs(attempts)).toISOString();
        await moveOutbox(
          ctx.db,
          org.id,
          claimed.row.id,
          "sending",
          {
            state: "pending",
            next_attempt_at: next,
            last_error: message,
            lease_until: null,
            lease_owner: null,
            updated_at: at,
          },
          owner,
        );
        result.retried++;
      } else {
        await ctx.db.transaction().execute(async (trx) => {
          const moved = await moveOutbox(
            trx,
            org.id,
            claimed.row.id,
            "sending",
            { state: "failed", last_error: message, lease_until: null, updated_at: at },
            owner,
          );
          if (moved) await failureTask(trx, ctx, org, claimed.row, "dunning.failed_task", message, locale);
        });
        result.failed++;
      }
    }
  }
  return result;
}

/** Claims the oldest sendable message: re-check, render, lease. */
async function claimNext(
  ctx: AppContext,
  org: Organization,
  owner: string,
  leaseMs: number,
  locale: Locale,
  result: DispatchResult,
  portal: MessagePortal,
): Promise<Claimed | "none" | "skipped"> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const [row] = await selectSendable(trx, ctx.dialect, now, 1, org.id);
    if (!row) return "none";
    // a quote's message (quote.sent, quote.expiry): re-checked against the quote, the PDF attached
    if (row.quote_id)
      return claimQuoteMessage({ trx, ctx, org, row, owner, leaseMs, locale, result, portal });
    const step = row.step_id ? await findStep(trx, org.id, row.step_id) : undefined;
    const at = nowIso(ctx);
    // a message of no step (a payment plan's installment reminder) names its template instead
    if (!step && !row.template_key) {
      await moveOutbox(trx, org.id, row.id, "pending", {
        state: "cancelled",
        cancel_reason: "step deleted",
        updated_at: at,
      });
      result.cancelled++;
      return "skipped";
    }
    const planned: { id: string }[] = JSON.parse(row.invoices);
    const trxCtx = { ...ctx, db: trx };
    let built: Awaited<ReturnType<typeof buildDunningMessage>>;
    try {
      built = step
        ? await buildDunningMessage({
            ctx: trxCtx,
            org,
            clientId: row.client_id,
            step,
            invoiceIds: planned.map((p) => p.id),
            today: todayFor(ctx, org.time_zone),
            portal,
          })
        : await buildPlanReminder({ ctx: trxCtx, org, row, today: todayFor(ctx, org.time_zone), portal });
    } catch (error) {
      // a message that cannot be built (a template over its limits…) fails alone: the rest of the outbox goes on
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      await moveOutbox(trx, org.id, row.id, "pending", {
        state: "failed",
        last_error: message,
        updated_at: at,
      });
      await failureTask(trx, ctx, org, row, "dunning.failed_task", message, locale);
      result.failed++;
      return "skipped";
    }
    await restoreHeld(trx, org.id, row, built.dropped, at);
    if (!built.rendered) {
      const numbers = built.dropped.map((d) => d.number).join(", ");
      const held = built.dropped.some((d) => d.reason === "held");
      const reason = formatMessage(locale, held ? "dunning.cancelled_held" : "dunning.cancelled_settled", {
        numbers,
      });
      await moveOutbox(trx, org.id, row.id, "pending", {
        state: "cancelled",
        cancel_reason: reason,
        updated_at: at,
      });
      result.cancelled++;
      return "skipped";
    }
    const email = row.channel === "email";
    if (email && built.recipients.length === 0) {
      const message = formatMessage(locale, "dunning.no_address", { client: built.client.name });
      await moveOutbox(trx, org.id, row.id, "pending", {
        state: "failed",
        last_error: message,
        updated_at: at,
      });
      await failureTask(trx, ctx, org, row, "dunning.failed_task", message, locale);
      result.failed++;
      return "skipped";
    }
    const kept = planned.filter((p) => !built.dropped.some((d) => d.id === p.id));
    const leased = await moveOutbox(trx, org.id, row.id, "pending", {
      state: "sending",
      attempts: Number(row.attempts) + 1,
      lease_owner: owner,
      lease_until: new Date(ctx.clock.now() + leaseMs).toISOString(),
      recipients: JSON.stringify(built.recipients),
      subject: built.rendered.subject,
      text_body: built.rendered.text,
      html_body: built.rendered.html,
      invoices: JSON.stringify(kept),
      last_error:
        built.dropped.length > 0
          ? formatMessage(locale, "dunning.dropped", {
              numbers: built.dropped.map((d) => d.number).join(", "),
            })
          : row.last_error,
      updated_at: at,
    });
    if (!leased) return "skipped";
    // the message is about the invoices kept, not those dropped (the mise en demeure is written on them only)
    const claimedRow = { ...row, attempts: Number(row.attempts), invoices: JSON.stringify(kept) };
    if (!email) return { row: claimedRow, kind: "letter" };
    return {
      row: claimedRow,
      kind: "email",
      mail: {
        from: { name: org.name, address: org.email ?? "relance@relance.local" },
        replyTo: org.email ? { name: org.name, address: org.email } : null,
        to: built.recipients,
        subject: built.rendered.subject,
        text: built.rendered.text,
        html: built.rendered.html,
        attachments: built.qrPng
          ? [{ filename: "paiement.png", content: built.qrPng, contentType: "image/png", cid: QR_CID }]
          : [],
        idempotencyKey: `${org.id}:${row.idempotency_key}`,
        messageIdDomain: messageIdDomainOf(org.email),
      },
    };
  });
}

/** A letter: its PDF becomes a document of the client and a task asks to post it (registered: and record it). */
async function sendLetter(
  ctx: AppContext,
  org: Organization,
  row: Outbox,
  owner: string,
  locale: Locale,
  filesDir: string,
  portal: MessagePortal,
): Promise<void> {
  const fail = async (message: string) => {
    const at = nowIso(ctx);
    await ctx.db.transaction().execute(async (trx) => {
      const moved = await moveOutbox(
        trx,
        org.id,
        row.id,
        "sending",
        { state: "failed", last_error: message.slice(0, 500), lease_until: null, updated_at: at },
        owner,
      );
      if (moved) await failureTask(trx, ctx, org, row, "dunning.failed_task", message, locale);
    });
  };
  try {
    const step = row.step_id ? await findStep(ctx.db, org.id, row.step_id) : undefined;
    if (!step) return fail("step deleted");
    const planned: { id: string }[] = JSON.parse(row.invoices);
    const built = await buildDunningMessage({
      ctx,
      org,
      clientId: row.client_id,
      step,
      invoiceIds: planned.map((p) => p.id),
      today: todayFor(ctx, org.time_zone),
      portal,
    });
    if (!built.letter) return fail("nothing left to claim");
    const { renderLetter } = await import("../../pdf/letters.js");
    const pdf = await renderLetter({ ...built.letter, registered_number: null });
    await storeLetter({ ctx, org, row, step, pdf, filesDir, owner, locale, clientName: built.client.name });
  } catch (error) {
    // a letter that cannot be produced fails alone (and says why) instead of blocking the outbox
    await fail(error instanceof Error ? error.message : String(error));
  }
}

/** Messages whose lease ran out while `sending`: e-mails become `uncertain`; letters (nothing left Relance) go back to `pending`. */
async function recoverExpiredLeases(ctx: AppContext, org: Organization, locale: Locale): Promise<number> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await selectExpiredLeases(trx, ctx.dialect, now, org.id);
    let uncertain = 0;
    for (const row of rows) {
      if (row.channel !== "email") {
        await moveOutbox(trx, org.id, row.id, "sending", {
          state: "pending",
          lease_until: null,
          lease_owner: null,
          updated_at: now,
        });
        continue;
      }
      const moved = await moveOutbox(trx, org.id, row.id, "sending", {
        state: "uncertain",
        lease_until: null,
        updated_at: now,
      });
      if (!moved) continue;
      uncertain++;
      await failureTask(trx, ctx, org, row, "dunning.uncertain_task", "", locale);
    }
    return uncertain;
  });
}
