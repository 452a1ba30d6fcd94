import { addDays, compareDates, daysBetween, type PlainDate } from "../calendar.js";
import { addCents, type Cents, mulDiv, ZERO } from "../money.js";
import { type DelayHistory, type DelayQuantiles, delayQuantiles, delaysFor, delaysLateBy } from "./delays.js";
import { laterOf, type Week, weekIndex, weeksFrom } from "./weeks.js";
import { type ForecastStage, STAGE_WEIGHT_PERMILLE } from "./weights.js";

/** Something owed that may come in: an open invoice's balance, a plan's installment, a bill of exchange. */
export interface ForecastItem {
  kind: "invoice" | "installment" | "bill";
  id: string;
  client_id: string;
  /** What is still owed (> 0): a balance, not a total. */
  amount_cents: Cents;
  stage: ForecastStage;
  /** An invoice's due date (shifted by its client's delays); an installment's or a bill's own date (not shifted). */
  due_on: PlainDate;
}

export interface ForecastLine extends ForecastItem {
  weight_permille: number;
  /** amount × weight ÷ 1000, rounded half up to the cent, once per line. */
  weighted_cents: Cents;
  /** Null for litigation (kept apart, no date). */
  expected_on: PlainDate | null;
  low_on: PlainDate | null;
  high_on: PlainDate | null;
}

export interface ForecastWeek extends Week {
  expected_cents: Cents;
  low_cents: Cents;
  high_cents: Cents;
  /** The lines expected in this week. */
  items: number;
}

export interface Forecast {
  as_of: PlainDate;
  weeks: ForecastWeek[];
  /** Weighted amounts expected after the last week. */
  beyond_cents: Cents;
  /** Balances held by an open recovery case: not in the weeks. */
  litigation_cents: Cents;
  lines: ForecastLine[];
}

export interface ForecastInput {
  asOf: PlainDate;
  weeks: number;
  items: readonly ForecastItem[];
  delays: DelayHistory;
}

const NO_DELAY: DelayQuantiles = { low: 0, mid: 0, high: 0 };

/**
 * When an invoice's money is expected: its due date plus the client's delay quantiles (median: expected date,
 * quartiles: the band). An invoice already overdue by L days only looks at the delays of at least L days (what
 * the history says once it is that late); beyond every observed delay, or with no history, at `asOf`.
 * No date is before `asOf`.
 */
export function expectedDates(
  item: ForecastItem,
  asOf: PlainDate,
  delays: DelayHistory,
): { low: PlainDate; mid: PlainDate; high: PlainDate } {
  let q: DelayQuantiles = NO_DELAY;
  if (item.kind === "invoice") {
    const lateBy = daysBetween(item.due_on, asOf);
    q =
      delayQuantiles(
        lateBy > 0 ? delaysLateBy(delays, item.client_id, lateBy) : delaysFor(delays, item.client_id),
      ) ?? NO_DELAY;
  }
  const at = (days: number) => laterOf(addDays(item.due_on, days), asOf);
  return { low: at(q.low), mid: at(q.mid), high: at(q.high) };
}

/**
 * The cash expected week by week from `asOf`'s week (Monday–Sunday) for `weeks` weeks. Each line is weighted by
 * its stage (STAGE_WEIGHT_PERMILLE) and counted:
 * - expected: in the week of its expected date (median delay);
 * - high: in every week its band [low date, high date] touches (the money may come that week);
 * - low: only in the week that holds its whole band (the money comes that week whichever quantile is right).
 * So low ≤ expected ≤ high in every week; the high amounts are not additive across weeks.
 * Litigation lines are summed apart; Σ expected + beyond + litigation = Σ weighted.
 */
export function forecastCash(input: ForecastInput): Forecast {
  const { asOf } = input;
  const weeks: ForecastWeek[] = weeksFrom(asOf, input.weeks).map((w) => ({
    ...w,
    expected_cents: ZERO,
    low_cents: ZERO,
    high_cents: ZERO,
    items: 0,
  }));
  const first = weeks[0]?.start ?? asOf;
  let beyond: Cents = ZERO;
  let litigation: Cents = ZERO;
  const lines: ForecastLine[] = [];
  for (const item of input.items) {
    const weight = STAGE_WEIGHT_PERMILLE[item.stage];
    const weighted = mulDiv(item.amount_cents, weight, 1000);
    if (item.stage === "litigation") {
      litigation = addCents(litigation, weighted);
      lines.push({
        ...item,
        weight_permille: weight,
        weighted_cents: weighted,
        expected_on: null,
        low_on: null,
        high_on: null,
      });
      continue;
    }
    const d = expectedDates(item, asOf, input.delays);
    lines.push({
      ...item,
      weight_permille: weight,
      weighted_cents: weighted,
      expected_on: d.mid,
      low_on: d.low,
      high_on: d.high,
    });
    const mid = weekIndex(first, d.mid);
    const lo = weekIndex(first, d.low);
    const hi = weekIndex(first, d.high);
    const week = weeks[mid];
    if (week === undefined) beyond = addCents(beyond, weighted);
    else {
      week.expected_cents = addCents(week.expected_cents, weighted);
      week.items += 1;
    }
    if (lo === hi && weeks[lo] !== undefined) {
      const w = weeks[lo] as ForecastWeek;
      w.low_cents = addCents(w.low_cents, weighted);
    }
    for (let i = Math.max(lo, 0); i <= Math.min(hi, weeks.length - 1); i++) {
      const w = weeks[i] as ForecastWeek;
      w.high_cents = addCents(w.high_cents, weighted);
    }
  }
  return { as_of: asOf, weeks, beyond_cents: beyond, litigation_cents: litigation, lines };
}

/** Whether `d` falls in `week`. */
export function inWeek(d: PlainDate, week: Week): boolean {
  return compareDates(d, week.start) >= 0 && compareDates(d, week.end) <= 0;
}
