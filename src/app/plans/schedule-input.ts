import {
  compareDates,
  formatDate,
  formatIsoDate,
  type PlainDate,
  parseIsoDate,
} from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import {
  FREQUENCIES,
  type Frequency,
  MAX_INSTALLMENTS,
  type ScheduleRequest,
} from "../../core/plans/schedule.js";
import type { Problem } from "../../core/result.js";
import { type AppError, invalidFields } from "../errors.js";

/** How a plan's schedule is asked for, at the edges (HTTP, CLI, web builder). */
export interface ScheduleInput {
  /** A regular schedule: the number of installments, the first date, the frequency (default monthly). */
  count?: number | null;
  first_on?: string | null;
  frequency?: Frequency | null;
  /** Custom dates, with the amounts (cents) or an even split. */
  dates?: string[] | null;
  amounts?: number[] | null;
  /** Or the installments themselves. */
  installments?: { due_on: string; amount_cents: number }[] | null;
}

export const MAX_GRACE_DAYS = 60;
/** Days an installment may be late before the plan breaks, unless the plan says otherwise. */
export const DEFAULT_GRACE_DAYS = 5;

function date(value: string, path: string, today: PlainDate, locale: Locale): PlainDate {
  const d = parseIsoDate(value);
  if (!d.ok) throw invalidFields([{ path, messageCode: d.problem.code, params: d.problem.params ?? {} }]);
  if (compareDates(d.value, today) < 0) {
    throw invalidFields([
      { path, messageCode: "plan.date_in_past", params: { date: formatDate(d.value, locale) } },
    ]);
  }
  return d.value;
}

/**
 * The schedule request, or `invalid_input` naming the field; no date may be before today. `locale`: the language of
 * the dates in the messages (the request's).
 */
export function scheduleRequestOf(input: ScheduleInput, today: PlainDate, locale: Locale): ScheduleRequest {
  if (input.installments && input.installments.length > 0) {
    return {
      kind: "custom",
      dates: input.installments.map((i, n) => date(i.due_on, `installments.${n}.due_on`, today, locale)),
      amounts: input.installments.map((i) => i.amount_cents),
    };
  }
  if (input.dates && input.dates.length > 0) {
    return {
      kind: "custom",
      dates: input.dates.map((s, n) => date(s, `dates.${n}`, today, locale)),
      amounts: input.amounts ?? null,
    };
  }
  if (input.count != null && input.first_on) {
    const frequency = input.frequency ?? "monthly";
    if (!FREQUENCIES.includes(frequency))
      throw invalidFields([{ path: "frequency", messageCode: "plan.frequency_invalid" }]);
    return {
      kind: "regular",
      count: input.count,
      first_on: date(input.first_on, "first_on", today, locale),
      frequency,
    };
  }
  throw invalidFields([
    { path: "count", messageCode: "plan.schedule_required", params: { max: MAX_INSTALLMENTS } },
  ]);
}

/**
 * A schedule refused by core (buildSchedule) as `invalid_input` on the schedule's field, its date (ISO in core)
 * written as the messages write dates in `locale`.
 */
export function scheduleProblem(request: ScheduleRequest, problem: Problem, locale: Locale): AppError {
  const path = request.kind === "regular" ? "count" : "dates";
  const params = { ...(problem.params ?? {}) };
  if (typeof params.date === "string") params.date = formatIsoDate(params.date, locale);
  return invalidFields([{ path, messageCode: problem.code, params }]);
}

export function graceDaysOf(value: number | null | undefined): number {
  const grace = value ?? DEFAULT_GRACE_DAYS;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_DAYS) {
    throw invalidFields([
      { path: "grace_days", messageCode: "plan.grace_invalid", params: { max: MAX_GRACE_DAYS } },
    ]);
  }
  return grace;
}
