/**
 * A payment plan's life (docs/plans.md), pure: its states, the payments matched to its installments, and the
 * breach rule (déchéance du terme, LAW.md §6).
 *
 *   draft ──sign──▶ signed ──activate──▶ active ──▶ completed   (every installment paid)
 *     │               │                     └────▶ broken      (an installment unpaid `grace_days` after its date)
 *     └──cancel───────┴──cancel──▶ cancelled
 *
 * Payments are matched in date order to the earliest installments not fully paid (an overpayment runs on to the
 * next one). An installment is `paid` once covered, `late` the day after its date while unpaid, `missed` when it
 * is still unpaid more than `grace_days` after its date: the plan is then broken and the whole balance is due.
 */
import { addDays, compareDates, type PlainDate } from "../calendar.js";
import { fail, ok, type Result } from "../result.js";

export type PlanState = "draft" | "signed" | "active" | "completed" | "broken" | "cancelled";
export const PLAN_STATES: readonly PlanState[] = [
  "draft",
  "signed",
  "active",
  "completed",
  "broken",
  "cancelled",
];
export type PlanEvent = "sign" | "activate" | "complete" | "break" | "cancel";

const TRANSITIONS: Record<PlanState, Partial<Record<PlanEvent, PlanState>>> = {
  draft: { sign: "signed", cancel: "cancelled" },
  signed: { activate: "active", cancel: "cancelled" },
  active: { complete: "completed", break: "broken" },
  completed: {},
  broken: {},
  cancelled: {},
};

export function nextState(state: PlanState, event: PlanEvent): Result<PlanState> {
  const to = TRANSITIONS[state][event];
  return to ? ok(to) : fail("plan.transition", { state });
}

/** A plan holds its invoices (no reminders) while active. */
export function holdsInvoices(state: PlanState): boolean {
  return state === "active";
}

export type InstallmentState = "pending" | "paid" | "late" | "missed";

export interface InstallmentDue {
  position: number;
  due_on: PlainDate;
  amount_cents: number;
}

export interface PaymentEvent {
  date: PlainDate;
  amount_cents: number;
}

export interface InstallmentStatus extends InstallmentDue {
  paid_cents: number;
  /** The day of the payment that completed it. */
  paid_on: PlainDate | null;
  state: InstallmentState;
}

/** The last day an installment may still be paid without breaking the plan. */
export function graceEnd(due: PlainDate, graceDays: number): PlainDate {
  return addDays(due, graceDays);
}

/**
 * The installments with the payments matched to them as of `today`: payments (any order) are taken by date and
 * each fills the earliest installments not fully paid. Payments dated after today are ignored.
 */
export function matchPayments(
  installments: readonly InstallmentDue[],
  payments: readonly PaymentEvent[],
  today: PlainDate,
  graceDays: number,
): InstallmentStatus[] {
  const sorted = [...payments]
    .filter((p) => p.amount_cents > 0 && compareDates(p.date, today) <= 0)
    .sort((a, b) => compareDates(a.date, b.date));
  const out: InstallmentStatus[] = [...installments]
    .sort((a, b) => a.position - b.position)
    .map((i) => ({ ...i, paid_cents: 0, paid_on: null, state: "pending" }));
  let k = 0;
  for (const p of sorted) {
    let left = p.amount_cents;
    while (left > 0 && k < out.length) {
      const inst = out[k] as InstallmentStatus;
      const take = Math.min(left, inst.amount_cents - inst.paid_cents);
      inst.paid_cents += take;
      left -= take;
      if (inst.paid_cents >= inst.amount_cents) {
        inst.paid_on = p.date;
        k++;
      }
    }
  }
  for (const inst of out) {
    if (inst.paid_cents >= inst.amount_cents) inst.state = "paid";
    else if (compareDates(today, graceEnd(inst.due_on, graceDays)) > 0) inst.state = "missed";
    else if (compareDates(today, inst.due_on) > 0) inst.state = "late";
  }
  return out;
}

export type PlanVerdict =
  | { kind: "running" }
  | { kind: "completed"; on: PlainDate }
  /** `installment`: the first one missed; the plan broke the day after its grace period ended. */
  | { kind: "broken"; installment: InstallmentStatus; on: PlainDate };

/** What becomes of an active plan, given its installments as matched today. */
export function assessPlan(statuses: readonly InstallmentStatus[], graceDays: number): PlanVerdict {
  const missed = statuses.find((s) => s.state === "missed");
  if (missed)
    return { kind: "broken", installment: missed, on: addDays(graceEnd(missed.due_on, graceDays), 1) };
  if (statuses.length > 0 && statuses.every((s) => s.state === "paid")) {
    const last = statuses.reduce<PlainDate | null>(
      (d, s) => (s.paid_on && (!d || compareDates(s.paid_on, d) > 0) ? s.paid_on : d),
      null,
    );
    if (last) return { kind: "completed", on: last };
  }
  return { kind: "running" };
}

export type ReminderKind = "before" | "after";

/** Days before an installment's date for the reminder (J−3), and after it when unpaid (J+1). */
export const REMINDER_BEFORE_DAYS = 3;
export const REMINDER_AFTER_DAYS = 1;

/**
 * The reminders due today for an active plan's installments: `before` from J−3 until the day before the date,
 * `after` from J+1 while still within the grace period. Paid installments are never reminded. The caller's
 * idempotency keys make each one go once, whichever day in its window it is first planned.
 */
export function remindersDue(
  statuses: readonly InstallmentStatus[],
  today: PlainDate,
  graceDays: number,
): { position: number; kind: ReminderKind }[] {
  const out: { position: number; kind: ReminderKind }[] = [];
  for (const s of statuses) {
    if (s.state === "paid" || s.state === "missed") continue;
    const before = addDays(s.due_on, -REMINDER_BEFORE_DAYS);
    if (compareDates(today, before) >= 0 && compareDates(today, s.due_on) < 0) {
      out.push({ position: s.position, kind: "before" });
    }
    const after = addDays(s.due_on, REMINDER_AFTER_DAYS);
    if (compareDates(today, after) >= 0 && compareDates(today, graceEnd(s.due_on, graceDays)) <= 0) {
      out.push({ position: s.position, kind: "after" });
    }
  }
  return out;
}
