import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { type InstallmentStatus, matchPayments } from "../../core/plans/lifecycle.js";
import { unwrap } from "../../core/result.js";
import type { Db } from "../../db/connect.js";
import {
  listInstallments,
  listPlanInvoices,
  listPlanPayments,
  type PlanInvoiceView,
  type PlanView,
} from "../../db/repositories/payment-plans.js";
import type { Installment } from "../../db/schema.js";

const day = (s: string) => unwrap(parseIsoDate(s));

export interface PlanStatus {
  plan: PlanView;
  invoices: PlanInvoiceView[];
  rows: Installment[];
  /** The installments as of today: matched live for an active plan, as stored otherwise. */
  installments: (InstallmentStatus & { id: string })[];
  /** What the plan's invoices still owe, all together. */
  remaining_cents: number;
}

/**
 * A plan and its installments as of `today`. Payments are matched on read (docs/plans.md): for an active plan,
 * the allocations to its invoices written since the plan was made, by payment date, fill the earliest
 * installments; a finished plan (completed, broken, cancelled) and one not started show what was stored.
 */
export async function planStatus(
  db: Db,
  orgId: string,
  plan: PlanView,
  today: PlainDate,
): Promise<PlanStatus> {
  const [invoices, rows] = await Promise.all([
    listPlanInvoices(db, orgId, [plan.id]),
    listInstallments(db, orgId, [plan.id]),
  ]);
  const stored = rows.map((r) => ({
    id: r.id,
    position: r.position,
    due_on: day(r.due_on),
    amount_cents: r.amount_cents,
    paid_cents: r.paid_cents,
    paid_on: r.paid_on ? day(r.paid_on) : null,
    state: r.state,
  }));
  let installments = stored;
  if (plan.state === "active") {
    const payments = await listPlanPayments(db, orgId, plan.id, plan.created_at);
    const matched = matchPayments(
      stored,
      payments.map((p) => ({ date: day(p.date), amount_cents: p.amount_cents })),
      today,
      plan.grace_days,
    );
    installments = matched.map((m, i) => ({ ...m, id: stored[i]?.id ?? "" }));
  }
  const remaining_cents = invoices.reduce((s, i) => s + Math.max(0, i.current_balance_cents), 0);
  return { plan, invoices, rows, installments, remaining_cents };
}
