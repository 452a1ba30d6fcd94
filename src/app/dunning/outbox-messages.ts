import { type PlainDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { type Anchor, resumeAfter } from "../../core/dunning/plan.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { updateDunningPlace } from "../../db/repositories/dunning-invoices.js";
import { findStep, listSteps } from "../../db/repositories/dunning-sequences.js";
import { findOutboxView, lockOutbox, moveOutbox } from "../../db/repositories/outbox.js";
import { closeOutboxFailureTasks } from "../../db/repositories/tasks.js";
import { findUserById } from "../../db/repositories/users.js";
import type { Organization, Outbox, OutboxState } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { stepDef } from "./dunning-state.js";
import { plannedInvoices } from "./outbox-effects.js";
import { letterOf, type OutboxDto, presentOutbox } from "./present-outbox.js";

function localeOf(org: Organization): Locale {
  return org.locale === "en" ? "en" : "fr";
}

async function locked(ctx: AppContext, trx: Db, org: Organization, id: string): Promise<Outbox> {
  const row = await lockOutbox(trx, ctx.dialect, org.id, id);
  if (!row) throw new AppError("not_found", "dunning.outbox_not_found");
  return row;
}

async function dto(db: Db, org: Organization, id: string): Promise<OutboxDto> {
  const row = await findOutboxView(db, org.id, id);
  if (row) return presentOutbox(row);
  throw new AppError("not_found", "dunning.outbox_not_found");
}

/**
 * The invoices of a message take the step as done on `on` (its approval, or its registered letter's receipt):
 * the anchor moves there and the next step is dated from it (core/dunning/plan.ts resumeAfter). An invoice that
 * has moved on since (another step fired) is left alone.
 */
async function anchorInvoices(
  trx: Db,
  org: Organization,
  row: Outbox,
  on: PlainDate,
  at: string,
): Promise<void> {
  const step = row.step_id ? await findStep(trx, org.id, row.step_id) : undefined;
  const steps = step ? (await listSteps(trx, org.id, [step.sequence_id])).map(stepDef) : [];
  for (const p of plannedInvoices(row)) {
    const invoice = await trx
      .selectFrom("invoice")
      .select(["due_date", "dunning_position", "status", "next_action_on"])
      .where("organization_id", "=", org.id)
      .where("id", "=", p.id)
      .executeTakeFirst();
    if (!invoice) continue;
    const owed = invoice.status === "open" || invoice.status === "partially_paid";
    const due = parseIsoDate(invoice.due_date);
    if (step && due.ok && Number(invoice.dunning_position) === Number(step.position) + 1) {
      const anchor: Anchor = { on, offset_days: Number(step.offset_days) };
      const next = owed ? resumeAfter(steps, Number(step.position) + 1, due.value, anchor) : null;
      await updateDunningPlace(
        trx,
        org.id,
        p.id,
        {
          dunning_anchor_on: toIso(on),
          dunning_anchor_offset: anchor.offset_days,
          next_action_on: next ? toIso(next) : null,
        },
        at,
      );
    } else if (owed && invoice.next_action_on === null) {
      // the step was deleted or the sequence renumbered meanwhile: the run looks at the invoice again and dates it
      await updateDunningPlace(trx, org.id, p.id, { next_action_on: toIso(on) }, at);
    }
  }
}

async function audit(
  trx: Db,
  org: Organization,
  userId: string | null,
  at: string,
  id: string,
  operation: string,
  data: Record<string, unknown> = {},
) {
  await appendAudit(trx, {
    organizationId: org.id,
    userId,
    at,
    entity: "outbox",
    entityId: id,
    operation,
    data,
  });
}

export interface MessageAction {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
}

/** A user's action on one message: locked, changed, audited in one transaction; the message as it then stands. */
async function act(
  options: MessageAction,
  operation: string,
  change: (trx: Db, row: Outbox, at: string) => Promise<void>,
): Promise<OutboxDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await locked(ctx, trx, org, options.id);
    await change(trx, row, at);
    await audit(trx, org, options.userId, at, row.id, operation);
  });
  return dto(ctx.db, org, options.id);
}

/** Approves a message awaiting approval (the mise en demeure): it goes to the outbox, the sequence resumes from today. */
export function approveMessage(options: MessageAction): Promise<OutboxDto> {
  const { ctx, org } = options;
  return act(options, "approve", async (trx, row, at) => {
    if (row.state !== "awaiting_approval") {
      throw new AppError("conflict", "dunning.not_awaiting_approval", { state: row.state });
    }
    await moveOutbox(trx, org.id, row.id, "awaiting_approval", {
      state: "pending",
      approved_by_user_id: options.userId,
      next_attempt_at: null,
      updated_at: at,
    });
    await anchorInvoices(trx, org, row, todayFor(ctx, org.time_zone), at);
  });
}

const CANCELLABLE: readonly OutboxState[] = ["awaiting_approval", "pending", "failed", "uncertain"];

/**
 * Cancels a message not sent yet, failed or uncertain — or stuck `sending` after its lease ran out (its sender
 * died); one awaiting approval lets the sequence go on.
 */
export function cancelMessage(options: MessageAction): Promise<OutboxDto> {
  const { ctx, org } = options;
  return act(options, "cancel", async (trx, row, at) => {
    const stuck = row.state === "sending" && row.lease_until !== null && row.lease_until < at;
    if (!CANCELLABLE.includes(row.state) && !stuck) {
      throw new AppError("conflict", "dunning.not_cancellable", { state: row.state });
    }
    const user = options.userId ? await findUserById(trx, options.userId) : undefined;
    const reason = formatMessage(localeOf(org), "dunning.cancelled_by_user", {
      user: user?.name ?? user?.email ?? "?",
    });
    await moveOutbox(trx, org.id, row.id, row.state, {
      state: "cancelled",
      cancel_reason: reason,
      lease_until: null,
      updated_at: at,
    });
    if (row.state === "awaiting_approval")
      await anchorInvoices(trx, org, row, todayFor(ctx, org.time_zone), at);
    await closeOutboxFailureTasks(trx, org.id, row.id, at);
  });
}

/** Sends a failed or uncertain message again (the user decided): back to pending, attempts from zero. */
export function retryMessage(options: MessageAction): Promise<OutboxDto> {
  const { org } = options;
  return act(options, "retry", async (trx, row, at) => {
    if (row.state !== "failed" && row.state !== "uncertain") {
      throw new AppError("conflict", "dunning.not_retryable", { state: row.state });
    }
    await moveOutbox(trx, org.id, row.id, row.state, {
      state: "pending",
      attempts: 0,
      next_attempt_at: null,
      lease_owner: null,
      lease_until: null,
      updated_at: at,
    });
    await closeOutboxFailureTasks(trx, org.id, row.id, at);
  });
}

/** The user checked that an uncertain message did arrive: it is marked sent, never resent. */
export function markMessageSent(options: MessageAction): Promise<OutboxDto> {
  const { org } = options;
  return act(options, "mark_sent", async (trx, row, at) => {
    if (row.state !== "uncertain")
      throw new AppError("conflict", "dunning.not_retryable", { state: row.state });
    await moveOutbox(trx, org.id, row.id, "uncertain", { state: "sent", sent_at: at, updated_at: at });
    await closeOutboxFailureTasks(trx, org.id, row.id, at);
  });
}

export interface LetterRecord {
  number?: string | null;
  sent_on?: string | null;
  presented_on?: string | null;
  received_on?: string | null;
}

/**
 * Records a registered letter's number and its dates (sent, first presented, received: the AR). Dates in order,
 * none in the future. The receipt dates the next step: it counts from the AR (LAW.md §5).
 */
export async function recordLetter(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  letter: LetterRecord;
}): Promise<OutboxDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const today = toIso(todayFor(ctx, org.time_zone));
  await ctx.db.transaction().execute(async (trx) => {
    const row = await locked(ctx, trx, org, options.id);
    if (row.channel !== "registered_letter") throw new AppError("conflict", "dunning.not_a_letter");
    const next = { ...letterOf(row) };
    for (const key of ["number", "sent_on", "presented_on", "received_on"] as const) {
      const value = options.letter[key];
      if (value !== undefined) next[key] = value === null || value.trim() === "" ? null : value.trim();
    }
    const dates = [next.sent_on, next.presented_on, next.received_on];
    for (const [i, key] of (["sent_on", "presented_on", "received_on"] as const).entries()) {
      const value = dates[i];
      if (!value) continue;
      const parsed = parseIsoDate(value);
      if (!parsed.ok)
        throw invalidFields([
          { path: key, messageCode: parsed.problem.code, params: parsed.problem.params ?? {} },
        ]);
      if (value > today)
        throw invalidFields([
          { path: key, messageCode: "action.date_in_future", params: { date: value, today } },
        ]);
    }
    const present = dates.filter((d): d is string => d !== null);
    if (present.some((d, i) => i > 0 && d < (present[i - 1] as string))) {
      throw invalidFields([{ path: "received_on", messageCode: "dunning.letter_dates_order" }]);
    }
    await moveOutbox(trx, org.id, row.id, row.state, { letter: JSON.stringify(next), updated_at: at });
    const before = letterOf(row).received_on;
    if (next.received_on && next.received_on !== before) {
      const received = parseIsoDate(next.received_on);
      if (received.ok) await anchorInvoices(trx, org, row, received.value, at);
    }
    await audit(trx, org, options.userId, at, row.id, "letter", { ...next });
  });
  return dto(ctx.db, org, options.id);
}
