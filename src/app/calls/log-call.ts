import {
  addDays,
  compareDates,
  formatDate,
  type PlainDate,
  parseIsoDate,
  toIso,
} from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findPromise, insertCall, insertPromise, invoiceStates } from "../../db/repositories/calls.js";
import { findClient, findContact } from "../../db/repositories/clients.js";
import { listOwedInvoiceIds } from "../../db/repositories/dunning-invoices.js";
import { insertTask } from "../../db/repositories/tasks.js";
import type { CallOutcome, Client, Organization } from "../../db/schema.js";
import { scoreOf } from "../clients/client-scores.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { setHold } from "../dunning/set-hold.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { CALL_OUTCOMES, type PromiseDto, TONES } from "./present-call.js";
import { graceDaysOf, MAX_GRACE_DAYS, toPromiseDto } from "./promise-rules.js";

export interface CallInput {
  outcome: CallOutcome;
  notes?: string | null;
  contact_id?: string | null;
  phone?: string | null;
  /** The tone used; by default the one the payment score calls for. */
  tone?: "friendly" | "firm" | "formal" | null;
  /** Call back on this date: a task "call back" on that day. */
  call_back_on?: string | null;
  /** A promise to pay: holds the reminders of these invoices (all the open ones by default) until the date + grace. */
  promise?: {
    amount_cents: number;
    promised_on: string;
    invoice_ids?: string[] | null;
    grace_days?: number | null;
  } | null;
  /** The client disputes one invoice: its dispute flag (that invoice only is held). */
  dispute?: { invoice_id: string; reason: string } | null;
  /** The client asks for a payment plan (échéancier): a timeline entry and a task to prepare it. */
  plan_requested?: boolean;
}

export interface LoggedCallDto {
  id: string;
  client_id: string;
  outcome: CallOutcome;
  occurred_at: string;
  tone: string;
  promise: PromiseDto | null;
  dispute_invoice_id: string | null;
  task_ids: string[];
}

/** Outcomes on which the client spoke: follow-ups (promise, dispute, plan) need one of them. */
const SPOKEN: readonly CallOutcome[] = ["reached", "call_back"];

function dateProblem(
  path: string,
  value: string,
  today: PlainDate,
  locale: Locale,
): FieldProblem | PlainDate {
  const d = parseIsoDate(value);
  if (!d.ok) return { path, messageCode: d.problem.code, params: d.problem.params ?? {} };
  if (compareDates(d.value, today) < 0)
    return { path, messageCode: "call.date_past", params: { date: formatDate(d.value, locale) } };
  return d.value;
}

function check(input: CallInput, today: PlainDate, locale: Locale): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!CALL_OUTCOMES.includes(input.outcome))
    problems.push({ path: "outcome", messageCode: "call.outcome_invalid" });
  if (input.tone && !TONES.includes(input.tone))
    problems.push({ path: "tone", messageCode: "call.tone_invalid" });
  if (input.call_back_on) {
    const d = dateProblem("call_back_on", input.call_back_on, today, locale);
    if ("path" in d) problems.push(d);
  } else if (input.outcome === "call_back") {
    problems.push({ path: "call_back_on", messageCode: "call.call_back_required" });
  }
  const followUp = input.promise
    ? "promise"
    : input.dispute
      ? "dispute"
      : input.plan_requested
        ? "plan_requested"
        : null;
  if (followUp && !SPOKEN.includes(input.outcome)) {
    problems.push({ path: followUp, messageCode: "call.follow_up_needs_reach" });
  }
  const promise = input.promise;
  if (promise) {
    if (!Number.isInteger(promise.amount_cents) || promise.amount_cents <= 0) {
      problems.push({ path: "promise.amount_cents", messageCode: "amount.zero" });
    }
    const d = dateProblem("promise.promised_on", promise.promised_on, today, locale);
    if ("path" in d) problems.push(d);
    const grace = promise.grace_days;
    if (
      grace !== undefined &&
      grace !== null &&
      (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_DAYS)
    ) {
      problems.push({ path: "promise.grace_days", messageCode: "promise.grace_invalid" });
    }
  }
  if (input.dispute && !input.dispute.reason.trim()) {
    problems.push({ path: "dispute.reason", messageCode: "field.required" });
  }
  return problems;
}

/**
 * Records a call to a client and its follow-ups, in one transaction: the call, a `call` entry on the timeline and
 * the audit log; a promise to pay (held with the hold machinery of set-hold.ts: on the given invoices, or on the
 * client when it covers all its open invoices, until the promised date + grace days); a dispute of one invoice (its
 * flag, as PATCH /invoices/:id does); a task to call back; a payment plan request (a timeline entry and a task
 * "Préparer l'échéancier"). Bad input changes nothing.
 */
export async function logCall(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  clientId: string;
  input: CallInput;
  /** The language of the dates in the error messages (the request's); the timeline keeps the organization's. */
  locale?: Locale;
}): Promise<LoggedCallDto> {
  const { ctx, org, input } = options;
  const today = todayFor(ctx, org.time_zone);
  const [first, ...more] = check(input, today, options.locale ?? ctx.locale);
  if (first) throw invalidFields([first, ...more]);
  const at = nowIso(ctx);
  const day = toIso(today);
  const locale = orgLocale(org);
  return ctx.db.transaction().execute(async (trx) => {
    const client = await findClient(trx, org.id, options.clientId);
    if (!client) throw new AppError("not_found", "client.not_found");
    let phone = input.phone?.trim() || null;
    if (input.contact_id) {
      const contact = await findContact(trx, org.id, input.contact_id);
      if (!contact || contact.client_id !== client.id) {
        throw invalidFields([{ path: "contact_id", messageCode: "call.contact_not_of_client" }]);
      }
      phone = phone ?? contact.phone;
    }
    const tone = input.tone ?? (await scoreOf(trx, org.id, client.id, today)).tone;
    const callId = newId();
    const notes = input.notes?.trim() || null;
    await insertCall(trx, {
      id: callId,
      organization_id: org.id,
      client_id: client.id,
      user_id: options.userId,
      occurred_at: at,
      occurred_on: day,
      contact_id: input.contact_id ?? null,
      phone,
      outcome: input.outcome,
      call_back_on: input.call_back_on ?? null,
      notes,
      tone,
      created_at: at,
      updated_at: at,
    });
    const outcome = formatMessage(locale, `call.outcome.${input.outcome}`);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId: null,
        userId: options.userId,
        kind: "call",
        occurredOn: day,
        at,
        summary: formatMessage(locale, notes ? "call.logged_notes" : "call.logged", {
          outcome,
          notes: notes ?? "",
        }),
        data: {
          call_id: callId,
          outcome: input.outcome,
          tone,
          phone,
          call_back_on: input.call_back_on ?? null,
        },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "call",
      entityId: callId,
      operation: "create",
      data: { client_id: client.id, outcome: input.outcome, tone },
    });

    let promise: PromiseDto | null = null;
    if (input.promise) {
      promise = await makePromise(trx, {
        ctx,
        org,
        userId: options.userId,
        client,
        callId,
        at,
        promise: input.promise,
      });
    }
    let disputeInvoiceId: string | null = null;
    if (input.dispute) {
      disputeInvoiceId = await openDispute(trx, {
        org,
        userId: options.userId,
        client,
        at,
        day,
        ...input.dispute,
      });
    }
    const taskIds: string[] = [];
    if (input.call_back_on) {
      const id = newId();
      await insertTask(trx, {
        id,
        organization_id: org.id,
        client_id: client.id,
        invoice_id: null,
        kind: "call",
        title: formatMessage(locale, "call.call_back_task", { client: client.name }),
        due_on: input.call_back_on,
        state: "open",
        assignee_user_id: options.userId,
        data: JSON.stringify({ call_id: callId, source: "call_back" }),
        idempotency_key: `call:${callId}:call_back`,
        created_at: at,
        updated_at: at,
      });
      taskIds.push(id);
    }
    if (input.plan_requested) {
      await insertActions(trx, [
        timelineAction({
          orgId: org.id,
          clientId: client.id,
          invoiceId: null,
          userId: options.userId,
          kind: "plan_requested",
          occurredOn: day,
          at,
          summary: formatMessage(locale, "call.plan_requested"),
          data: { call_id: callId },
        }),
      ]);
      const id = newId();
      await insertTask(trx, {
        id,
        organization_id: org.id,
        client_id: client.id,
        invoice_id: null,
        kind: "settlement",
        title: formatMessage(locale, "call.plan_task", { client: client.name }),
        due_on: day,
        state: "open",
        assignee_user_id: options.userId,
        data: JSON.stringify({ call_id: callId, source: "plan_requested" }),
        idempotency_key: `call:${callId}:plan`,
        created_at: at,
        updated_at: at,
      });
      taskIds.push(id);
    }
    return {
      id: callId,
      client_id: client.id,
      outcome: input.outcome,
      occurred_at: at,
      tone,
      promise,
      dispute_invoice_id: disputeInvoiceId,
      task_ids: taskIds,
    };
  });
}

async function makePromise(
  trx: Db,
  o: {
    ctx: AppContext;
    org: Organization;
    userId: string | null;
    client: Client;
    callId: string | null;
    at: string;
    promise: NonNullable<CallInput["promise"]>;
  },
): Promise<PromiseDto> {
  const { org, client } = o;
  const given =
    o.promise.invoice_ids && o.promise.invoice_ids.length > 0 ? [...new Set(o.promise.invoice_ids)] : null;
  let invoiceIds: string[];
  if (given) {
    const found = await invoiceStates(trx, org.id, given);
    const open = new Set(
      found
        .filter(
          (i) =>
            i.client_id === client.id &&
            i.kind !== "credit_note" &&
            (i.status === "open" || i.status === "partially_paid"),
        )
        .map((i) => i.id),
    );
    const wrong = given.find((id) => !open.has(id));
    if (wrong) {
      throw invalidFields([
        { path: "promise.invoice_ids", messageCode: "call.invoice_not_of_client", params: { id: wrong } },
      ]);
    }
    // a payment plan's, a pending bill's or a recovery case's hold is not replaced: the promise's end would lift it
    // (and the reminders would resume while the plan runs, the bill awaits its due date or the case is in court)
    const today = toIso(todayFor(o.ctx, org.time_zone));
    const held = found.find(
      (i) =>
        i.hold_kind === "plan" ||
        i.hold_kind === "recovery" ||
        (i.hold_kind === "bill" && (i.hold_until ?? "") >= today),
    );
    if (held) throw new AppError("conflict", "call.invoice_held", { number: held.number });
    invoiceIds = given;
  } else {
    invoiceIds = await listOwedInvoiceIds(trx, org.id, client.id);
    if (invoiceIds.length === 0) throw invalidFields([{ path: "promise", messageCode: "call.nothing_owed" }]);
  }
  const grace = o.promise.grace_days ?? graceDaysOf(org);
  const promisedOn = parseIsoDate(o.promise.promised_on);
  if (!promisedOn.ok) throw new Error("checked before");
  const until = toIso(addDays(promisedOn.value, grace));
  const id = newId();
  await insertPromise(trx, {
    id,
    organization_id: org.id,
    client_id: client.id,
    call_id: o.callId,
    amount_cents: o.promise.amount_cents,
    promised_on: o.promise.promised_on,
    grace_days: grace,
    state: "open",
    resolved_on: null,
    invoice_ids: JSON.stringify(invoiceIds),
    holds_client: given ? 0 : 1,
    created_at: o.at,
    updated_at: o.at,
  });
  const locale = orgLocale(org);
  const reason = formatMessage(locale, "promise.hold_reason", {
    amount: formatEuros(o.promise.amount_cents as Cents, locale),
    date: formatDate(promisedOn.value, locale),
  });
  const hold = { kind: "promise" as const, until, reason };
  // the hold machinery of set-hold.ts, inside this transaction: timeline, audit, the run looks again today
  if (given) {
    for (const invoiceId of given) {
      await setHold({ ctx: o.ctx, org, userId: o.userId, target: { invoiceId }, hold, trx });
    }
  } else {
    await setHold({ ctx: o.ctx, org, userId: o.userId, target: { clientId: client.id }, hold, trx });
  }
  await appendAudit(trx, {
    organizationId: org.id,
    userId: o.userId,
    at: o.at,
    entity: "promise",
    entityId: id,
    operation: "create",
    data: {
      amount_cents: o.promise.amount_cents,
      promised_on: o.promise.promised_on,
      grace_days: grace,
      invoiceIds,
    },
  });
  const row = await findPromise(trx, o.ctx.dialect, org.id, id);
  if (!row) throw new Error("promise just inserted not found");
  return toPromiseDto(row);
}

/** Sets the dispute flag of one open invoice of the client, as updateInvoice does (timeline, audit). */
async function openDispute(
  trx: Db,
  o: {
    org: Organization;
    userId: string | null;
    client: Client;
    at: string;
    day: string;
    invoice_id: string;
    reason: string;
  },
): Promise<string> {
  const [invoice] = await invoiceStates(trx, o.org.id, [o.invoice_id]);
  if (!invoice || invoice.client_id !== o.client.id || invoice.kind === "credit_note") {
    throw invalidFields([
      { path: "dispute.invoice_id", messageCode: "call.invoice_not_of_client", params: { id: o.invoice_id } },
    ]);
  }
  const disputed = await trx
    .updateTable("invoice")
    .set({ disputed: 1, updated_at: o.at })
    .where("organization_id", "=", o.org.id)
    .where("id", "=", invoice.id)
    .where("disputed", "=", 0)
    .executeTakeFirst();
  if (Number(disputed.numUpdatedRows) === 0) {
    throw new AppError("conflict", "call.dispute_already", { number: invoice.number });
  }
  const reason = o.reason.trim();
  await insertActions(trx, [
    timelineAction({
      orgId: o.org.id,
      clientId: o.client.id,
      invoiceId: invoice.id,
      userId: o.userId,
      kind: "dispute_opened",
      occurredOn: o.day,
      at: o.at,
      summary: formatMessage(orgLocale(o.org), "timeline.dispute_opened", { reason }),
      data: { reason, source: "call" },
    }),
  ]);
  await appendAudit(trx, {
    organizationId: o.org.id,
    userId: o.userId,
    at: o.at,
    entity: "invoice",
    entityId: invoice.id,
    operation: "dispute_opened",
    data: { reason },
  });
  return invoice.id;
}
