import { addDays, type PlainDate, toIso } from "../calendar.js";
import { mulDiv } from "../money.js";

/** The period DSO looks back over, in days (today included). */
export const DSO_PERIOD_DAYS = 90;

/**
 * Days sales outstanding, the simple (not "count-back") formula:
 *
 *   DSO = receivables outstanding today ÷ invoiced TTC over the last 90 days × 90
 *
 * rounded half up to a whole number of days; null when nothing was invoiced in the period (no meaningful
 * ratio). Negative outstanding (overpayments) counts as zero.
 */
export function dsoDays(
  outstandingCents: number,
  invoicedCents: number,
  periodDays = DSO_PERIOD_DAYS,
): number | null {
  if (invoicedCents <= 0) return null;
  return mulDiv(Math.max(0, outstandingCents), periodDays, invoicedCents);
}

/**
 * The calendar boundaries the dashboard aggregates on, as `YYYY-MM-DD` (ISO dates compare as text):
 * - the week: due between today and today + 6 inclusive;
 * - the month: from its first day up to today;
 * - the DSO period: issued between today − 89 and today (90 days, today included);
 * - aging (same edges as agingBucket): not due = due ≥ today; 1–30 days late = due ≥ today − 30; 31–60 = due ≥
 *   today − 60; 61–90 = due ≥ today − 90; older is over 90.
 */
export interface DashboardDates {
  today: string;
  weekEnd: string;
  monthStart: string;
  dsoFrom: string;
  late30: string;
  late60: string;
  late90: string;
}

export function dashboardDates(today: PlainDate): DashboardDates {
  return {
    today: toIso(today),
    weekEnd: toIso(addDays(today, 6)),
    monthStart: toIso(today.with({ day: 1 })),
    dsoFrom: toIso(addDays(today, -(DSO_PERIOD_DAYS - 1))),
    late30: toIso(addDays(today, -30)),
    late60: toIso(addDays(today, -60)),
    late90: toIso(addDays(today, -90)),
  };
}

/**
 * Until the dunning engine exists, today's work on an invoice is decided by its days late alone: on the due date,
 * then 1, 8, 15 and 30 days after it (open, undisputed invoices only). `kind` is the family the UI shows as a
 * badge, `step` names the title.
 */
export type DueActionKind = "due_today" | "reminder" | "call" | "formal_notice";
export type DueActionStep = "due_today" | "first_reminder" | "firm_reminder" | "call" | "formal_notice";
export interface DueAction {
  kind: DueActionKind;
  step: DueActionStep;
}

export const DUE_ACTION_DAYS: ReadonlyMap<number, DueAction> = new Map([
  [0, { kind: "due_today", step: "due_today" }],
  [1, { kind: "reminder", step: "first_reminder" }],
  [8, { kind: "reminder", step: "firm_reminder" }],
  [15, { kind: "call", step: "call" }],
  [30, { kind: "formal_notice", step: "formal_notice" }],
]);

/** The due dates (`YYYY-MM-DD`) whose invoices call for an action today, with that action. */
export function dueActionDates(today: PlainDate): Map<string, DueAction> {
  const dates = new Map<string, DueAction>();
  for (const [late, action] of DUE_ACTION_DAYS) dates.set(toIso(addDays(today, -late)), action);
  return dates;
}
