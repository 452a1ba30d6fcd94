import { formatDate, type PlainDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { assessPlan, type PlanVerdict, remindersDue } from "../../core/plans/lifecycle.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { insertOutbox } from "../../db/repositories/outbox.js";
import { findPlan, listActivePlanIds, updateInstallment } from "../../db/repositories/payment-plans.js";
import { findFormalNoticeStep, liftPlanHold, resumeAtStep } from "../../db/repositories/plan-invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { type PlanStatus, planStatus } from "./plan-status.js";
import { localeOf, movePlan, planActions } from "./plan-transitions.js";

export interface CheckPlansResult {
  /** Plans completed today (every installment paid). */
  completed: string[];
  /** Plans broken today (an installment unpaid past its grace period). */
  broken: string[];
  /** Installment reminders planned (J−3, J+1). */
  reminders: number;
}

/**
 * The daily check of the organization's active payment plans (docs/plans.md), run before the dunning run
 * (run-day.ts). For each plan, its installments are matched to the payments and stored; then:
 * - every installment paid (or nothing owed any more) → completed, the plan's hold lifted;
 * - an installment unpaid more than `grace_days` after its date → broken (déchéance du terme: the whole balance is
 *   due): `plan_broken` on each invoice's timeline, the hold lifted and each invoice placed AT the mise en
 *   demeure of its sequence, due today — the dunning run that follows plans it;
 * - otherwise the installment reminders due (J−3, J+1) are put in the outbox (e-mail, template
 *   `plan.installment_before|after`, idempotency key `plan:<installment>:before|after`), sent by the dispatcher.
 * One transaction per plan. A second check the same day finds the plan already moved and the reminders already
 * planned: it writes nothing. `dryRun`: decides, writes nothing.
 */
export async function checkPlans(options: {
  ctx: AppContext;
  org: Organization;
  dryRun?: boolean;
}): Promise<CheckPlansResult> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const result: CheckPlansResult = { completed: [], broken: [], reminders: 0 };
  for (const id of await listActivePlanIds(ctx.db, org.id)) {
    const run = async (trx: Db) => {
      // locked: a check running at the same time waits, then finds the plan already moved
      const plan = await findPlan(trx, org.id, id, options.dryRun ? undefined : { dialect: ctx.dialect });
      if (plan?.state !== "active") return;
      const status = await planStatus(trx, org.id, plan, today);
      const verdict: PlanVerdict =
        status.remaining_cents <= 0
          ? { kind: "completed", on: today }
          : assessPlan(status.installments, plan.grace_days);
      if (verdict.kind === "completed") result.completed.push(id);
      if (verdict.kind === "broken") result.broken.push(id);
      const reminders =
        verdict.kind === "running" ? remindersDue(status.installments, today, plan.grace_days) : [];
      if (options.dryRun) {
        result.reminders += reminders.length;
        return;
      }
      await storeInstallments(trx, org.id, status, nowIso(ctx));
      if (verdict.kind === "completed") await complete(trx, ctx, org, status, today);
      else if (verdict.kind === "broken") await breakPlan(trx, ctx, org, status, verdict, today);
      else result.reminders += await planReminders(trx, ctx, org, status, reminders, today);
    };
    if (options.dryRun) await run(ctx.db);
    else await ctx.db.transaction().execute(run);
  }
  return result;
}

async function storeInstallments(trx: Db, orgId: string, status: PlanStatus, at: string): Promise<void> {
  for (const s of status.installments) {
    const row = status.rows.find((r) => r.id === s.id);
    const paidOn = s.paid_on ? toIso(s.paid_on) : null;
    if (row && row.paid_cents === s.paid_cents && row.paid_on === paidOn && row.state === s.state) continue;
    await updateInstallment(trx, orgId, s.id, {
      paid_cents: s.paid_cents,
      paid_on: paidOn,
      state: s.state,
      updated_at: at,
    });
  }
}

const owedIds = (status: PlanStatus) => status.invoices.map((i) => i.invoice_id);

async function complete(trx: Db, ctx: AppContext, org: Organization, status: PlanStatus, today: PlainDate) {
  const at = nowIso(ctx);
  const plan = await movePlan(trx, org, status.plan, "complete", { completed_on: toIso(today) }, at);
  await liftPlanHold(trx, org.id, owedIds(status), toIso(today), at);
  await planActions(trx, org, plan, {
    userId: null,
    kind: "plan_completed",
    on: today,
    at,
    summary: formatMessage(localeOf(org), "plan.completed"),
    invoiceIds: [],
    key: () => `plan:${plan.id}:completed`,
  });
  await appendAudit(trx, {
    organizationId: org.id,
    userId: null,
    at,
    entity: "payment_plan",
    entityId: plan.id,
    operation: "complete",
    data: {},
  });
}

async function breakPlan(
  trx: Db,
  ctx: AppContext,
  org: Organization,
  status: PlanStatus,
  verdict: Extract<PlanVerdict, { kind: "broken" }>,
  today: PlainDate,
) {
  const at = nowIso(ctx);
  const locale = localeOf(org);
  const plan = await movePlan(trx, org, status.plan, "break", { broken_on: toIso(today) }, at);
  const missed = verdict.installment;
  const ids = owedIds(status);
  await planActions(trx, org, plan, {
    userId: null,
    kind: "plan_broken",
    on: today,
    at,
    summary: formatMessage(locale, "plan.broken", {
      date: formatDate(missed.due_on, locale),
      amount: formatEuros(cents(missed.amount_cents - missed.paid_cents), locale),
    }),
    invoiceIds: ids,
    key: (invoiceId) => `plan:${plan.id}:broken:${invoiceId ?? ""}`,
  });
  // escalation resumes at the mise en demeure, planned by the dunning run that follows this check
  const step = await findFormalNoticeStep(trx, org.id, plan.client_id);
  await resumeAtStep(trx, org.id, ids, step, toIso(today), at);
  await liftPlanHold(trx, org.id, ids, toIso(today), at);
  await appendAudit(trx, {
    organizationId: org.id,
    userId: null,
    at,
    entity: "payment_plan",
    entityId: plan.id,
    operation: "break",
    data: {
      installment: missed.position,
      due_on: toIso(missed.due_on),
      resume_position: step?.position ?? null,
    },
  });
}

async function planReminders(
  trx: Db,
  ctx: AppContext,
  org: Organization,
  status: PlanStatus,
  due: { position: number; kind: "before" | "after" }[],
  today: PlainDate,
): Promise<number> {
  const at = nowIso(ctx);
  const invoices = JSON.stringify(
    status.invoices
      .filter((i) => i.current_balance_cents > 0)
      .map((i) => ({
        id: i.invoice_id,
        number: i.number,
        position: 0,
        anchor_on: null,
        anchor_offset: null,
      })),
  );
  let planned = 0;
  for (const r of due) {
    const installment = status.installments.find((i) => i.position === r.position);
    if (!installment) continue;
    const inserted = await insertOutbox(trx, {
      id: newId(),
      organization_id: org.id,
      client_id: status.plan.client_id,
      step_id: null,
      template_key: `plan.installment_${r.kind}`,
      installment_id: installment.id,
      channel: "email",
      idempotency_key: `plan:${installment.id}:${r.kind}`,
      state: "pending",
      planned_on: toIso(today),
      invoices,
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
    if (inserted) planned++;
  }
  return planned;
}
