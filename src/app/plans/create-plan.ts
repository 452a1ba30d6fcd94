import { toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { buildSchedule } from "../../core/plans/schedule.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findPlan, insertPlan, lockClientRow } from "../../db/repositories/payment-plans.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { choosePlanInvoices } from "./plan-invoices.js";
import { planStatus } from "./plan-status.js";
import { type PlanDto, presentPlan } from "./present-plan.js";
import { graceDaysOf, type ScheduleInput, scheduleProblem, scheduleRequestOf } from "./schedule-input.js";

/**
 * Proposes a payment plan (échéancier) to a client: a draft over some or all of its open invoices, whose balance
 * (their balances today) is split into installments that add up to it exactly. Nothing is held yet: reminders
 * stop when the plan is signed and active. On the client's timeline and in the audit log.
 */
export async function createPlan(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  clientId: string;
  invoiceIds?: readonly string[] | null;
  schedule: ScheduleInput;
  graceDays?: number | null;
  notes?: string | null;
  /** The language of the error messages (the request's); the timeline keeps the organization's. */
  locale?: Locale;
}): Promise<PlanDto> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const grace = graceDaysOf(options.graceDays);
  const request = scheduleRequestOf(options.schedule, today, options.locale ?? ctx.locale);
  const at = nowIso(ctx);
  const locale: Locale = org.locale === "en" ? "en" : "fr";
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await lockClientRow(trx, ctx.dialect, org.id, options.clientId);
    const choice = await choosePlanInvoices(trx, org.id, options.clientId, options.invoiceIds);
    const schedule = buildSchedule(choice.balance_cents, request);
    if (!schedule.ok) throw scheduleProblem(request, schedule.problem, options.locale ?? ctx.locale);
    const base = { organization_id: org.id, created_at: at, updated_at: at };
    await insertPlan(
      trx,
      {
        ...base,
        id,
        client_id: choice.client.id,
        state: "draft",
        total_cents: choice.balance_cents,
        grace_days: grace,
        frequency: request.kind === "regular" ? request.frequency : null,
        created_on: toIso(today),
        signed_on: null,
        activated_on: null,
        completed_on: null,
        broken_on: null,
        cancelled_on: null,
        document_id: null,
        notes: options.notes?.trim() || null,
      },
      choice.invoices.map((i) => ({
        ...base,
        id: newId(),
        plan_id: id,
        invoice_id: i.id,
        balance_cents: i.balance_cents,
      })),
      schedule.value.map((i) => ({
        ...base,
        id: newId(),
        plan_id: id,
        position: i.position,
        due_on: toIso(i.due_on),
        amount_cents: i.amount_cents,
        paid_cents: 0,
        paid_on: null,
        state: "pending",
      })),
    );
    const total = formatEuros(cents(choice.balance_cents), locale);
    await insertActions(trx, [
      {
        ...base,
        id: newId(),
        client_id: choice.client.id,
        invoice_id: null,
        user_id: options.userId,
        kind: "plan_created",
        occurred_on: toIso(today),
        occurred_at: at,
        summary: formatMessage(locale, "plan.created", { count: schedule.value.length, total }),
        data: JSON.stringify({ plan_id: id, invoices: choice.invoices.map((i) => i.number) }),
        idempotency_key: null,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment_plan",
      entityId: id,
      operation: "create",
      data: {
        client_id: choice.client.id,
        total_cents: choice.balance_cents,
        invoices: choice.invoices.map((i) => i.id),
        installments: schedule.value.map((i) => [toIso(i.due_on), i.amount_cents]),
        grace_days: grace,
      },
    });
    const plan = await findPlan(trx, org.id, id);
    if (!plan) throw new AppError("internal", "http.internal");
    return presentPlan(await planStatus(trx, org.id, plan, today));
  });
}
