import type { PlainDate } from "../../core/calendar.js";
import { toIso } from "../../core/calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { nextState, type PlanEvent } from "../../core/plans/lifecycle.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import {
  findPlan,
  listPlanInvoices,
  type PlanView,
  updatePlan,
} from "../../db/repositories/payment-plans.js";
import type { Organization, PaymentPlanTable } from "../../db/schema.js";
import { writeInvoiceHold } from "../dunning/set-hold.js";
import { AppError } from "../errors.js";

export const localeOf = (org: Organization): Locale => (org.locale === "en" ? "en" : "fr");

/** The plan, or not_found. */
export async function requirePlan(db: Db, orgId: string, id: string): Promise<PlanView> {
  const plan = await findPlan(db, orgId, id);
  if (!plan) throw new AppError("not_found", "plan.not_found");
  return plan;
}

/** Moves the plan by `event` (conflict when its state does not allow it, or it moved meanwhile). */
export async function movePlan(
  trx: Db,
  org: Organization,
  plan: PlanView,
  event: PlanEvent,
  fields: Omit<Parameters<typeof updatePlan>[4], "state">,
  at: string,
): Promise<PlanView> {
  const to = nextState(plan.state, event);
  const state = formatMessage(localeOf(org), `plan.state.${plan.state}` as MessageCode);
  if (!to.ok) throw new AppError("conflict", "plan.transition", { state });
  const moved = await updatePlan(trx, org.id, plan.id, plan.state, {
    ...fields,
    state: to.value,
    updated_at: at,
  });
  if (!moved) throw new AppError("conflict", "plan.transition", { state });
  return { ...plan, ...(fields as Partial<PaymentPlanTable>), state: to.value, updated_at: at } as PlanView;
}

/** One timeline entry per invoice of the plan (or one on the client when `invoiceIds` is empty). */
export async function planActions(
  trx: Db,
  org: Organization,
  plan: PlanView,
  entry: {
    userId: string | null;
    kind: string;
    on: PlainDate;
    at: string;
    summary: string;
    invoiceIds: readonly (string | null)[];
    key?: (invoiceId: string | null) => string;
  },
): Promise<void> {
  const on = toIso(entry.on);
  // a past day's entry is placed at noon UTC of that day, so that the timeline shows it where it happened
  const occurredAt = entry.at.startsWith(on) ? entry.at : `${on}T12:00:00.000Z`;
  const targets = entry.invoiceIds.length > 0 ? entry.invoiceIds : [null];
  await insertActions(
    trx,
    targets.map((invoiceId) => ({
      id: newId(),
      organization_id: org.id,
      client_id: plan.client_id,
      invoice_id: invoiceId,
      user_id: entry.userId,
      kind: entry.kind,
      occurred_on: on,
      occurred_at: occurredAt,
      summary: entry.summary,
      data: JSON.stringify({ plan_id: plan.id }),
      idempotency_key: entry.key ? entry.key(invoiceId) : null,
      created_at: entry.at,
      updated_at: entry.at,
    })),
  );
}

/**
 * signed → active: the plan's invoices still owed are held (`hold_kind = plan`, until lifted: the daily run sends
 * them nothing) and the run looks at them again today. On each invoice's timeline and in the audit log.
 */
export async function activateIn(
  trx: Db,
  org: Organization,
  plan: PlanView,
  userId: string | null,
  today: PlainDate,
  at: string,
): Promise<PlanView> {
  const active = await movePlan(trx, org, plan, "activate", { activated_on: toIso(today) }, at);
  const invoices = (await listPlanInvoices(trx, org.id, [plan.id])).filter(
    (i) => (i.status === "open" || i.status === "partially_paid") && i.current_balance_cents > 0,
  );
  const ids = invoices.map((i) => i.invoice_id);
  const locale = localeOf(org);
  await writeInvoiceHold(trx, org.id, ids, {
    hold_kind: "plan",
    hold_until: null,
    hold_reason: formatMessage(locale, "plan.activated"),
    updated_at: at,
  });
  await lookAgainBy(trx, org.id, ids, toIso(today));
  await planActions(trx, org, active, {
    userId,
    kind: "hold",
    on: today,
    at,
    summary: formatMessage(locale, "plan.activated"),
    invoiceIds: ids,
  });
  await appendAudit(trx, {
    organizationId: org.id,
    userId,
    at,
    entity: "payment_plan",
    entityId: plan.id,
    operation: "activate",
    data: { invoices: ids },
  });
  return active;
}
