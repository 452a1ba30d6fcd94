import { addMonths, daysFromCivil, type PlainDate } from "../calendar.js";

/** One invoice of the client as the score sees it (credit notes aside). */
export interface ScoredInvoice {
  /** `YYYY-MM-DD`. */
  due_date: string;
  /** What was owed: total less credit notes, in cents. */
  amount_cents: number;
  /** The date of the payment that settled it (the last one allocated); null while something is still owed. */
  paid_on: string | null;
}

export type PaymentGrade = "A" | "B" | "C" | "D";
export type PaymentTone = "friendly" | "firm" | "formal";
export type PaymentTrend = "improving" | "stable" | "worsening";

export interface PaymentScore {
  /** 0–100, higher is better; null without any invoice due in the last 12 months (a new client). */
  value: number | null;
  /** A ≥ 80 good payer, B ≥ 60 occasional delays, C ≥ 40 often late, D habitual late payer; null: no history. */
  grade: PaymentGrade | null;
  tone: PaymentTone;
  /** Days from the due date to payment (to today while unpaid), weighted by amount, one decimal; null: none. */
  average_days_late: number | null;
  /** Invoices counted: due in the 12 months up to today. */
  invoices: number;
  late_invoices: number;
  longest_delay_days: number;
  trend: PaymentTrend;
  broken_promises: number;
  /** The only late invoice among others paid on time: a good payer's first delay. */
  first_delay: boolean;
}

interface Counted {
  /** Days since 1970-01-01. */
  due: number;
  days: number;
  amount: number;
  paid: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as days since 1970-01-01 (plain arithmetic: a page of clients scores thousands of invoices); null if unreadable. */
function dayNumber(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return daysFromCivil(Number(m[1]), month, day);
}

const epochDay = (d: PlainDate) => daysFromCivil(d.year, d.month, d.day);

/** Weighted by amount; an invoice of 0 € weighs as one cent so that it still counts. */
function weightedAverage(rows: readonly Counted[]): number | null {
  let weight = 0;
  let total = 0;
  for (const r of rows) {
    const w = Math.max(1, r.amount);
    weight += w;
    total += r.days * w;
  }
  return weight === 0 ? null : total / weight;
}

/** Points taken off, each capped: the score is 100 less their sum (docs/calls.md). */
export const SCORE_RULES = {
  /** One point per day of weighted average delay, at most 40. */
  averageCap: 40,
  /** The share of late invoices × 25. */
  lateShare: 25,
  /** One point per 4 days of the longest delay, at most 15. */
  longestPerPoint: 4,
  longestCap: 15,
  /** 10 points per broken promise, at most 20. */
  promise: 10,
  promiseCap: 20,
  /** ± 5 points for a worsening or improving trend. */
  trend: 5,
  /** The last 6 months differ from the 6 before by more than this many days and 20 %: a trend. */
  trendDays: 5,
} as const;

export function gradeOf(value: number): PaymentGrade {
  if (value >= 80) return "A";
  if (value >= 60) return "B";
  if (value >= 40) return "C";
  return "D";
}

/**
 * How a client pays, from its invoices due in the 12 months before `today` (included): a settled invoice is late by
 * the days from its due date to the payment that settled it, an unpaid one by the days until today; invoices not
 * due yet do not count. The average is weighted by amount (a 20 € invoice paid late says less than a 20 000 € one).
 * The trend compares the weighted average of the last 6 months with the 6 before. The tone follows the grade: a
 * good payer (A; B improving or on its first delay) gets a friendly word, an occasional late payer a firm one, a
 * habitual late payer (D) a formal one — firm only when this is its first delay, or when it has paid nothing yet
 * (a new client with no history) and broken no promise.
 */
export function paymentScore(
  invoices: readonly ScoredInvoice[],
  today: PlainDate,
  options: { brokenPromises?: number } = {},
): PaymentScore {
  const now = epochDay(today);
  const from = epochDay(addMonths(today, -12));
  const half = epochDay(addMonths(today, -6));
  const counted: Counted[] = [];
  for (const invoice of invoices) {
    const due = dayNumber(invoice.due_date);
    if (due === null || due <= from || due >= now) continue;
    const end = invoice.paid_on === null ? now : dayNumber(invoice.paid_on);
    if (end === null) continue;
    counted.push({
      due,
      days: Math.max(0, end - due),
      amount: invoice.amount_cents,
      paid: invoice.paid_on !== null,
    });
  }
  const broken = Math.max(0, options.brokenPromises ?? 0);
  const late = counted.filter((c) => c.days > 0);
  const longest = late.reduce((m, c) => Math.max(m, c.days), 0);
  const average = weightedAverage(counted);
  const recent = weightedAverage(counted.filter((c) => c.due > half));
  const before = weightedAverage(counted.filter((c) => c.due <= half));
  let trend: PaymentTrend = "stable";
  if (recent !== null && before !== null) {
    const diff = recent - before;
    const enough = Math.abs(diff) > SCORE_RULES.trendDays && Math.abs(diff) > 0.2 * Math.max(recent, before);
    if (enough) trend = diff < 0 ? "improving" : "worsening";
  }
  if (counted.length === 0 || average === null) {
    return {
      value: null,
      grade: null,
      tone: broken > 0 ? "firm" : "friendly",
      average_days_late: null,
      invoices: 0,
      late_invoices: 0,
      longest_delay_days: 0,
      trend,
      broken_promises: broken,
      first_delay: false,
    };
  }
  const penalty =
    Math.min(SCORE_RULES.averageCap, average) +
    (SCORE_RULES.lateShare * late.length) / counted.length +
    Math.min(SCORE_RULES.longestCap, Math.floor(longest / SCORE_RULES.longestPerPoint)) +
    Math.min(SCORE_RULES.promiseCap, SCORE_RULES.promise * broken) +
    (trend === "worsening" ? SCORE_RULES.trend : trend === "improving" ? -SCORE_RULES.trend : 0);
  const value = Math.max(0, Math.min(100, Math.round(100 - penalty)));
  const grade = gradeOf(value);
  const firstDelay = late.length === 1 && counted.length > 1 && broken === 0;
  let tone: PaymentTone;
  if (grade === "A") tone = "friendly";
  else if (grade === "B") tone = trend === "improving" || firstDelay ? "friendly" : "firm";
  else if (grade === "C") tone = "firm";
  // a client that has not paid anything yet has no habits to speak of: firm, not formal, until it breaks its word
  else tone = firstDelay || (broken === 0 && !counted.some((c) => c.paid)) ? "firm" : "formal";
  return {
    value,
    grade,
    tone,
    average_days_late: Math.round(average * 10) / 10,
    invoices: counted.length,
    late_invoices: late.length,
    longest_delay_days: longest,
    trend,
    broken_promises: broken,
    first_delay: firstDelay,
  };
}
