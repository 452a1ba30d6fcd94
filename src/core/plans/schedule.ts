/**
 * The schedule of a payment plan (échéancier): the installments' dates and amounts, which always add up EXACTLY
 * to the balance in cents.
 *
 * - Regular: `count` installments from `first_on`, every week, every two weeks or every month. A monthly schedule
 *   keeps the first date's day of the month, clamped to the month's end (31/01 → 28/02 → 31/03: each date is
 *   computed from the first one, never from the previous one, so a short month does not shift the rest).
 * - Custom: the dates given (strictly increasing), with the amounts given (that must sum to the balance) or an
 *   even split.
 *
 * An even split gives each installment `floor(balance / count)` cents and spreads the remainder one cent at a time
 * on the FIRST installments (10 000,00 € in 3 → 3 333,34 + 3 333,33 + 3 333,33): deterministic, the debtor pays the
 * odd cents early, and no installment differs from another by more than one cent. Pure.
 */
import { addDays, addMonths, compareDates, type PlainDate, toIso } from "../calendar.js";
import { type Cents, cents, formatEuros } from "../money.js";
import { fail, ok, type Result } from "../result.js";

export type Frequency = "weekly" | "biweekly" | "monthly";
export const FREQUENCIES: readonly Frequency[] = ["weekly", "biweekly", "monthly"];

/** More than three years of monthly installments is no longer an amicable settlement. */
export const MAX_INSTALLMENTS = 36;

export type ScheduleRequest =
  | { kind: "regular"; count: number; first_on: PlainDate; frequency: Frequency }
  | { kind: "custom"; dates: readonly PlainDate[]; amounts?: readonly number[] | null };

export interface ScheduledInstallment {
  /** 1, 2, 3… */
  position: number;
  due_on: PlainDate;
  amount_cents: Cents;
}

/** `balance` in `count` parts that sum to it exactly; the remainder goes one cent each to the first parts. */
export function splitEvenly(balance: number, count: number): Cents[] {
  const base = Math.floor(balance / count);
  const remainder = balance - base * count;
  return Array.from({ length: count }, (_, i) => cents(base + (i < remainder ? 1 : 0)));
}

/** The n-th date (0-based) of a regular schedule. */
export function nthDate(first: PlainDate, frequency: Frequency, n: number): PlainDate {
  if (frequency === "weekly") return addDays(first, 7 * n);
  if (frequency === "biweekly") return addDays(first, 14 * n);
  return addMonths(first, n);
}

export function buildSchedule(balance: number, request: ScheduleRequest): Result<ScheduledInstallment[]> {
  if (!Number.isSafeInteger(balance) || balance <= 0) return fail("plan.balance_not_positive");
  let dates: PlainDate[];
  let amounts: Cents[];
  if (request.kind === "regular") {
    const { count } = request;
    if (!Number.isInteger(count) || count < 1) return fail("plan.count_invalid", { max: MAX_INSTALLMENTS });
    if (count > MAX_INSTALLMENTS) return fail("plan.too_many_installments", { max: MAX_INSTALLMENTS });
    dates = Array.from({ length: count }, (_, i) => nthDate(request.first_on, request.frequency, i));
    amounts = splitEvenly(balance, count);
  } else {
    dates = [...request.dates];
    if (dates.length === 0) return fail("plan.dates_required");
    if (dates.length > MAX_INSTALLMENTS) return fail("plan.too_many_installments", { max: MAX_INSTALLMENTS });
    for (let i = 1; i < dates.length; i++) {
      if (compareDates(dates[i] as PlainDate, dates[i - 1] as PlainDate) <= 0) {
        return fail("plan.dates_not_increasing", { date: toIso(dates[i] as PlainDate) });
      }
    }
    const given = request.amounts;
    if (given && given.length > 0) {
      if (given.length !== dates.length) {
        return fail("plan.amounts_count", { dates: dates.length, amounts: given.length });
      }
      for (const [i, a] of given.entries()) {
        if (!Number.isSafeInteger(a) || a <= 0) return fail("plan.installment_zero", { position: i + 1 });
      }
      const sum = given.reduce((s, a) => s + a, 0);
      if (sum !== balance) {
        return fail("plan.amounts_mismatch", {
          sum: formatEuros(cents(sum)),
          balance: formatEuros(cents(balance)),
        });
      }
      amounts = given.map((a) => cents(a));
    } else {
      amounts = splitEvenly(balance, dates.length);
    }
  }
  const zero = amounts.findIndex((a) => a <= 0);
  if (zero >= 0) return fail("plan.installment_zero", { position: zero + 1 });
  return ok(dates.map((due_on, i) => ({ position: i + 1, due_on, amount_cents: amounts[i] as Cents })));
}
