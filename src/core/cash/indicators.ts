import { addMonths, daysBetween, endOfMonth, type PlainDate, toIso } from "../calendar.js";
import { mulDiv } from "../money.js";
import { type ClientDelay, clientDelays } from "./client-delays.js";
import { COLLECTION_STEPS, type CollectionStep, type StepEvent, stepBefore } from "./collection-steps.js";

/** DSO looks at the credit sales of the month and the two before it. */
export const DSO_MONTHS = 3;
export const INDICATOR_MONTHS = 12;

export interface IndicatorInvoice {
  id: string;
  client_id: string;
  client_name: string;
  /** null: counted as owed from the start, never as a sale. */
  issue_date: PlainDate | null;
  due_date: PlainDate;
  total_cents: number;
}

/** What was taken off an invoice on a day: a confirmed payment's allocation or a credit note. */
export interface Movement {
  invoice_id: string;
  date: PlainDate;
  amount_cents: number;
  /** true for a payment (collected money), false for a credit note. */
  collected: boolean;
}

export interface IndicatorInput {
  invoices: readonly IndicatorInvoice[];
  movements: readonly Movement[];
  /** Credit notes issued (positive amounts), taken off the month's credit sales. */
  creditNotes: readonly { date: PlainDate; amount_cents: number }[];
  steps: readonly StepEvent[];
  asOf: PlainDate;
}

export interface MonthIndicators {
  /** YYYY-MM */
  month: string;
  /** The month's last day, or `asOf` for the current month. */
  end: string;
  receivables_cents: number;
  current_receivables_cents: number;
  credit_sales_cents: number;
  dso_days: number | null;
  /** Collection effectiveness index in tenths of a percent: 925 = 92.5 %. */
  cei_tenths: number | null;
  collected_cents: number;
  collected_by_step: Record<CollectionStep, number>;
}

export interface Indicators {
  as_of: string;
  months: MonthIndicators[];
  slowest_clients: ClientDelay[];
}

/** Each invoice's balance and whether it is still due (not past due) at the end of `day` (ISO). */
function receivables(input: IndicatorInput, day: string): { total: number; current: number } {
  const taken = new Map<string, number>();
  for (const m of input.movements)
    if (toIso(m.date) <= day) taken.set(m.invoice_id, (taken.get(m.invoice_id) ?? 0) + m.amount_cents);
  let total = 0;
  let current = 0;
  for (const i of input.invoices) {
    if (i.issue_date !== null && toIso(i.issue_date) > day) continue;
    const balance = Math.max(0, i.total_cents - (taken.get(i.id) ?? 0));
    total += balance;
    if (toIso(i.due_date) >= day) current += balance;
  }
  return { total, current };
}

/** Net credit sales of [from, to] (ISO, inclusive): invoices issued minus credit notes issued. */
function creditSales(input: IndicatorInput, from: string, to: string): number {
  let sum = 0;
  for (const i of input.invoices)
    if (i.issue_date !== null && toIso(i.issue_date) >= from && toIso(i.issue_date) <= to)
      sum += i.total_cents;
  for (const n of input.creditNotes) if (toIso(n.date) >= from && toIso(n.date) <= to) sum -= n.amount_cents;
  return sum;
}

/**
 * The cash indicators of the 12 months ending with the month of `asOf` (docs/cash.md « Indicators »). Per month,
 * with `end` its last day (`asOf` for the current month) and receivables as in the aging balance (each invoice's
 * balance at the end of a day, never below zero):
 *
 * - DSO, the standard formula over 3 months: receivables at `end` ÷ net credit sales of the month and the two
 *   before (invoices issued − credit notes issued) × the days of those months up to `end`, rounded half up to whole
 *   days; null when those sales are zero or less.
 * - CEI = (opening receivables + credit sales − closing receivables) ÷ (opening receivables + credit sales −
 *   closing current receivables) × 100, opening = the previous month's end, current = not yet past due; in tenths
 *   of a percent rounded half up; null when the denominator is zero or less.
 * - collected: the payments' allocations dated in the month, each credited to the last step on its invoice on or
 *   before the payment's day (collection-steps.ts).
 *
 * And the clients paying latest over the 12 months (client-delays.ts).
 */
export function cashIndicators(input: IndicatorInput): Indicators {
  const { asOf } = input;
  const asOfIso = toIso(asOf);
  const first = addMonths(asOf.with({ day: 1 }), -(INDICATOR_MONTHS - 1));
  const ofInvoice = new Map(input.invoices.map((i) => [i.id, i]));
  const months: MonthIndicators[] = [];
  for (let k = 0; k < INDICATOR_MONTHS; k++) {
    const start = addMonths(first, k);
    const endDate = k === INDICATOR_MONTHS - 1 ? asOf : endOfMonth(start);
    const end = toIso(endDate);
    const closing = receivables(input, end);
    const opening = receivables(input, toIso(start.subtract({ days: 1 }))).total;
    const sales = creditSales(input, toIso(start), end);
    const dsoFrom = addMonths(start, -(DSO_MONTHS - 1));
    const dsoSales = creditSales(input, toIso(dsoFrom), end);
    const dsoDays = daysBetween(dsoFrom, endDate) + 1;
    const ceiDenominator = opening + sales - closing.current;
    const byStep = Object.fromEntries(COLLECTION_STEPS.map((s) => [s, 0])) as Record<CollectionStep, number>;
    let collected = 0;
    for (const m of input.movements) {
      const day = toIso(m.date);
      if (!m.collected || day < toIso(start) || day > end) continue;
      const invoice = ofInvoice.get(m.invoice_id);
      if (invoice === undefined) continue;
      byStep[stepBefore(input.steps, invoice.id, invoice.client_id, day)] += m.amount_cents;
      collected += m.amount_cents;
    }
    months.push({
      month: toIso(start).slice(0, 7),
      end,
      receivables_cents: closing.total,
      current_receivables_cents: closing.current,
      credit_sales_cents: sales,
      dso_days: dsoSales > 0 ? mulDiv(closing.total, dsoDays, dsoSales) : null,
      cei_tenths: ceiDenominator > 0 ? mulDiv(opening + sales - closing.total, 1000, ceiDenominator) : null,
      collected_cents: collected,
      collected_by_step: byStep,
    });
  }
  const firstIso = toIso(first);
  const delays = input.movements.flatMap((m) => {
    const invoice = ofInvoice.get(m.invoice_id);
    const day = toIso(m.date);
    if (!m.collected || invoice === undefined || day < firstIso || day > asOfIso) return [];
    return [
      {
        client_id: invoice.client_id,
        client_name: invoice.client_name,
        due_date: invoice.due_date,
        paid_on: m.date,
        amount_cents: m.amount_cents,
      },
    ];
  });
  return { as_of: asOfIso, months, slowest_clients: clientDelays(delays) };
}
