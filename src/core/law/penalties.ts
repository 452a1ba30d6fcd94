/**
 * What a late invoice is worth on a given day (LAW.md §2, §4): penalties and the 40 € indemnity between
 * professionals (C. com. L441-10 II, D441-5), interest at the taux légal from the mise en demeure for a consumer
 * (Code civil 1231-6, 1344-1). Pure and exact: no floating point, one rounding at the end.
 *
 * The convention, pinned by the tests:
 * - days are counted one by one from the day after the due date through `asOf` inclusive;
 * - a day's base is the principal minus the payments dated **before** that day (a payment dated D lowers the
 *   base from D + 1); a day whose base is ≤ 0 counts for nothing; `days_late` is the number of days with a
 *   positive base; `balance_cents` is the principal minus the payments dated on or before `asOf`;
 * - a day's rate is the one of its semester (the ECB rate in force on 1 January or 1 July, LAW.md §2);
 * - a day's amount is `base × rate_bp / (10 000 × 365)` (actual/365, the default) or `/ (10 000 × 365 or 366)`
 *   by the day's year (actual/actual); the amounts of all days are added **exactly** (BigInt numerators over the
 *   common denominator 10 000 × 365 × 366) and the sum is rounded half up to the cent once.
 */
import { addDays, compareDates, daysBetween, maxDate, type PlainDate, semesterStart } from "../calendar.js";
import type { MessageCode } from "../messages.js";
import { fail, ok, type Result } from "../result.js";
import { DEFAULT_POINTS_BP, type PenaltyClause, validatePenaltyClause } from "./clauses.js";
import { formatRateBp, type RateEntry, type RateTable, semesterLabel } from "./rates.js";

export type DebtorKind = "business" | "consumer" | "public";
export type DayCount = "actual_365" | "actual_actual";

export interface ClaimPayment {
  date: PlainDate;
  amount_cents: number;
}

export interface ClaimInput {
  /** The amount due, VAT included (LAW.md §2: penalties run on the TTC amount). */
  principal_cents: number;
  due: PlainDate;
  asOf: PlainDate;
  payments: readonly ClaimPayment[];
  clause: PenaltyClause;
  rates: RateTable;
  /**
   * `public`: with the default clause, intérêts moratoires at the ECB rate of the semester in which the delay
   * began + 8 points, fixed for the whole delay, and the 40 € indemnity (LAW.md §2b, unconfirmed: a warning says
   * so); an explicit clause is applied as between businesses.
   */
  debtor: DebtorKind;
  /** Date of the mise en demeure: a consumer owes interest from the day after. Ignored for professionals. */
  noticeDate?: PlainDate;
  dayCount?: DayCount;
  /** Recovery costs the creditor can prove: claimed instead of 40 € when higher (D441-5). */
  provenCostsCents?: number;
  /** An insolvency procedure blocked payment at the due date: no 40 € indemnity. */
  indemnityBlocked?: boolean;
}

/**
 * A maximal run of consecutive counted days with the same base and rate. `amount_cents` is this period's exact
 * share rounded half up, for display only: the claim's total is the exact sum of all days rounded once, so the
 * rounded period amounts may add up to a cent or so more or less than `penalty_cents` / `interest_cents`.
 */
export interface ClaimPeriod {
  from: string;
  to: string;
  days: number;
  rate_bp: number;
  base_cents: number;
  amount_cents: number;
  kind: "penalty" | "interest";
}

export interface ClaimWarning {
  code: MessageCode;
  params: Record<string, string | number>;
}

export interface Claim {
  principal_cents: number;
  /** Principal minus the payments dated on or before `asOf`. */
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  /** balance + penalty + indemnity + interest. */
  total_claim_cents: number;
  periods: ClaimPeriod[];
  warnings: ClaimWarning[];
}

/** Indemnité forfaitaire pour frais de recouvrement, per late invoice (C. com. D441-5). */
export const INDEMNITY_CENTS = 4000;

/** 10 000 (basis points) × 365 × 366: every day's amount is an integer over it, under both day counts. */
const DENOMINATOR = 10_000n * 365n * 366n;

const DEBTORS: readonly string[] = ["business", "consumer", "public"];
const DAY_COUNTS: readonly string[] = ["actual_365", "actual_actual"];

/** n / d rounded half away from zero (half up for the non-negative amounts of real tables). */
function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs + d / 2n) / d; // d is even: exact half rounds up
  return negative ? -q : q;
}

function toSafeNumber(n: bigint): Result<number> {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail("amount.out_of_range", { value: n.toString() });
  }
  return ok(Number(n));
}

function validate(input: ClaimInput): Result<true> {
  const p = input.principal_cents;
  if (!Number.isSafeInteger(p) || p <= 0) return fail("law.principal_not_positive", { value: String(p) });
  let paid = 0;
  for (const pay of input.payments) {
    const a = pay.amount_cents;
    if (!Number.isSafeInteger(a) || a <= 0) {
      return fail("law.payment_not_positive", { date: pay.date.toString(), value: String(a) });
    }
    paid += a;
    if (paid > p) return fail("law.payments_exceed_principal", { paid, principal: p });
  }
  if (compareDates(input.asOf, input.due) < 0) {
    return fail("law.as_of_before_due", { as_of: input.asOf.toString(), due: input.due.toString() });
  }
  if (!DEBTORS.includes(input.debtor)) return fail("law.debtor_invalid", { value: String(input.debtor) });
  if (input.dayCount !== undefined && !DAY_COUNTS.includes(input.dayCount)) {
    return fail("law.day_count_invalid", { value: String(input.dayCount) });
  }
  const costs = input.provenCostsCents;
  if (costs !== undefined && (!Number.isSafeInteger(costs) || costs < 0)) {
    return fail("law.proven_costs_invalid", { value: String(costs) });
  }
  const clause = validatePenaltyClause(input.clause);
  if (!clause.ok) return clause;
  if (input.rates.problem) return { ok: false, problem: input.rates.problem };
  return ok(true);
}

/** A run of days [from, to] inside one semester with one base. */
interface Segment {
  from: PlainDate;
  to: PlainDate;
  days: number;
  base: number;
}

/**
 * Cuts [from, to] at each semester start and each day after a payment. Empty when from > to.
 * `payments` sorted by date.
 */
function segments(
  from: PlainDate,
  to: PlainDate,
  principal: number,
  payments: readonly ClaimPayment[],
): Segment[] {
  const out: Segment[] = [];
  let a = from;
  let i = 0; // payments[0 … i) are dated before `a`
  let paid = 0;
  while (compareDates(a, to) <= 0) {
    while (i < payments.length && compareDates((payments[i] as ClaimPayment).date, a) < 0) {
      paid += (payments[i] as ClaimPayment).amount_cents;
      i++;
    }
    // the next day on which the base or the semester may change
    let next = semesterStart(a).add({ months: 6 });
    const nextPayment = payments[i];
    if (nextPayment) {
      const effective = addDays(nextPayment.date, 1);
      if (compareDates(effective, next) < 0) next = effective;
    }
    const end = addDays(to, 1);
    if (compareDates(end, next) < 0) next = end;
    const b = addDays(next, -1);
    out.push({ from: a, to: b, days: daysBetween(a, b) + 1, base: principal - paid });
    a = next;
  }
  return out;
}

interface Priced {
  seg: Segment;
  rate_bp: number;
  numerator: bigint;
}

/** Adds the amounts exactly and groups consecutive days with the same base and rate into periods. */
function total(
  priced: readonly Priced[],
  kind: ClaimPeriod["kind"],
): { sum: bigint; periods: ClaimPeriod[] } {
  let sum = 0n;
  const runs: { first: Priced; last: Priced; days: number; numerator: bigint }[] = [];
  for (const p of priced) {
    sum += p.numerator;
    const prev = runs.at(-1);
    if (
      prev &&
      prev.first.rate_bp === p.rate_bp &&
      prev.first.seg.base === p.seg.base &&
      daysBetween(prev.last.seg.to, p.seg.from) === 1
    ) {
      prev.last = p;
      prev.days += p.seg.days;
      prev.numerator += p.numerator;
    } else {
      runs.push({ first: p, last: p, days: p.seg.days, numerator: p.numerator });
    }
  }
  const periods = runs.map((r) => ({
    from: r.first.seg.from.toString(),
    to: r.last.seg.to.toString(),
    days: r.days,
    rate_bp: r.first.rate_bp,
    base_cents: r.first.seg.base,
    amount_cents: Number(roundDiv(r.numerator, DENOMINATOR)),
    kind,
  }));
  return { sum, periods };
}

function numerator(seg: Segment, rate_bp: number, dayCount: DayCount): bigint {
  // a segment never crosses 1 January (a semester start), so all its days share one year
  const factor = dayCount === "actual_actual" && seg.from.inLeapYear ? 365n : 366n;
  return BigInt(seg.base) * BigInt(rate_bp) * BigInt(seg.days) * factor;
}

class Warnings {
  readonly list: ClaimWarning[] = [];
  private readonly seen = new Set<string>();
  add(code: MessageCode, params: Record<string, string | number>): void {
    const key = `${code}|${JSON.stringify(params)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, params });
  }
  unconfirmed(e: RateEntry, day: PlainDate): void {
    if (!e.confirmed) this.add("law.rate_unconfirmed", { kind: e.kind, semester: semesterLabel(day) });
  }
}

/** Public buyers: ECB + 8 points (R2192-31 Code de la commande publique, unconfirmed here). */
export const PUBLIC_POINTS_BP = 800;

/**
 * Intérêts moratoires owed by a public buyer (LAW.md §2b): the ECB rate in force for the semester of the delay's
 * first day, plus 8 points, for every day of the delay, whichever semester it falls in.
 */
function pricePublic(
  input: ClaimInput,
  counted: readonly Segment[],
  dayCount: DayCount,
  w: Warnings,
): Result<Priced[]> {
  if (counted.length === 0) return ok([]);
  const start = addDays(input.due, 1);
  const ecb = input.rates.rateOn("ecb_refi", start);
  if (!ecb.ok) return ecb;
  w.unconfirmed(ecb.value, start);
  const rate = ecb.value.rate_bp + PUBLIC_POINTS_BP;
  w.add("law.public_rules_unconfirmed", { semester: semesterLabel(start), rate: formatRateBp(rate) });
  return ok(counted.map((seg) => ({ seg, rate_bp: rate, numerator: numerator(seg, rate, dayCount) })));
}

/** Penalties between professionals: one priced segment per counted run, warnings on the legal minimum. */
function priceB2B(
  input: ClaimInput,
  counted: readonly Segment[],
  dayCount: DayCount,
  w: Warnings,
): Result<Priced[]> {
  const out: Priced[] = [];
  const clause = input.clause;
  for (const seg of counted) {
    const semester = semesterLabel(seg.from);
    let rate: number;
    if (clause.kind === "fixed") {
      rate = clause.rate_bp;
    } else {
      const ecb = input.rates.rateOn("ecb_refi", seg.from);
      if (!ecb.ok) return ecb;
      w.unconfirmed(ecb.value, seg.from);
      rate = ecb.value.rate_bp + (clause.kind === "default" ? DEFAULT_POINTS_BP : clause.points_bp);
    }
    const legal = input.rates.rateOn("legal_other", seg.from);
    if (!legal.ok) {
      w.add("law.minimum_unknown", { semester });
    } else {
      const minimum = 3 * legal.value.rate_bp;
      if (clause.kind === "default") {
        if (minimum > rate) {
          w.add("law.minimum_above_default", {
            semester,
            minimum: formatRateBp(minimum),
            default: formatRateBp(rate),
          });
        }
      } else if (rate < minimum) {
        w.add("law.rate_below_minimum", {
          rate: formatRateBp(rate),
          minimum: formatRateBp(minimum),
          semester,
        });
      }
    }
    out.push({ seg, rate_bp: rate, numerator: numerator(seg, rate, dayCount) });
  }
  return ok(out);
}

/** Interest owed by a consumer at the taux légal "all other cases" (the creditor is a business). */
function priceConsumer(
  input: ClaimInput,
  counted: readonly Segment[],
  dayCount: DayCount,
  w: Warnings,
): Result<Priced[]> {
  const out: Priced[] = [];
  for (const seg of counted) {
    const legal = input.rates.rateOn("legal_other", seg.from);
    if (!legal.ok) return legal;
    w.unconfirmed(legal.value, seg.from);
    out.push({ seg, rate_bp: legal.value.rate_bp, numerator: numerator(seg, legal.value.rate_bp, dayCount) });
  }
  return ok(out);
}

export function computeClaim(input: ClaimInput): Result<Claim> {
  const valid = validate(input);
  if (!valid.ok) return valid;
  const dayCount = input.dayCount ?? "actual_365";
  const principal = input.principal_cents;
  const payments = [...input.payments].sort((a, b) => compareDates(a.date, b.date));
  const paidByAsOf = payments
    .filter((p) => compareDates(p.date, input.asOf) <= 0)
    .reduce((s, p) => s + p.amount_cents, 0);
  const balance = principal - paidByAsOf;

  const late = segments(addDays(input.due, 1), input.asOf, principal, payments).filter((s) => s.base > 0);
  const daysLate = late.reduce((s, seg) => s + seg.days, 0);

  const w = new Warnings();
  let penalty = 0n;
  let interest = 0n;
  let indemnity = 0;
  let periods: ClaimPeriod[] = [];

  if (input.debtor === "consumer") {
    if (input.noticeDate === undefined) {
      if (daysLate > 0) w.add("law.b2c_no_notice", {});
    } else {
      const from = addDays(maxDate(input.due, input.noticeDate), 1);
      const counted = segments(from, input.asOf, principal, payments).filter((s) => s.base > 0);
      const priced = priceConsumer(input, counted, dayCount, w);
      if (!priced.ok) return priced;
      const t = total(priced.value, "interest");
      interest = t.sum;
      periods = t.periods;
    }
  } else {
    const priced =
      input.debtor === "public" && input.clause.kind === "default"
        ? pricePublic(input, late, dayCount, w)
        : priceB2B(input, late, dayCount, w);
    if (!priced.ok) return priced;
    const t = total(priced.value, "penalty");
    penalty = t.sum;
    periods = t.periods;
    if (daysLate > 0 && !input.indemnityBlocked)
      indemnity = Math.max(INDEMNITY_CENTS, input.provenCostsCents ?? 0);
  }

  const penaltyCents = toSafeNumber(roundDiv(penalty, DENOMINATOR));
  if (!penaltyCents.ok) return penaltyCents;
  const interestCents = toSafeNumber(roundDiv(interest, DENOMINATOR));
  if (!interestCents.ok) return interestCents;
  const totalCents = toSafeNumber(
    BigInt(balance) + BigInt(penaltyCents.value) + BigInt(indemnity) + BigInt(interestCents.value),
  );
  if (!totalCents.ok) return totalCents;

  return ok({
    principal_cents: principal,
    balance_cents: balance,
    days_late: daysLate,
    penalty_cents: penaltyCents.value,
    indemnity_cents: indemnity,
    interest_cents: interestCents.value,
    total_claim_cents: totalCents.value,
    periods,
    warnings: w.list,
  });
}
