/**
 * The ledger as the forecast reads it, and what was known of it on a given day: the replay behind « forecast
 * against actual » and the back-test uses only invoices issued, payments received, plans, bills and cases dated
 * on or before that day. Amounts in cents, dates as PlainDate.
 */
import { compareDates, daysBetween, type PlainDate } from "../calendar.js";
import { cents } from "../money.js";
import { type DelayHistory, delayHistory } from "./delays.js";
import type { ForecastItem } from "./forecast.js";
import type { ForecastStage } from "./weights.js";

export interface LedgerInvoice {
  id: string;
  client_id: string;
  /** Null when only the due date is known (then always taken as known). */
  issue_date: PlainDate | null;
  due_date: PlainDate;
  total_cents: number;
  disputed: boolean;
}

/** Money applied to an invoice on a date: a payment's allocation or a credit note (avoir). */
export interface LedgerCredit {
  invoice_id: string;
  date: PlainDate;
  amount_cents: number;
  /** A credit note reduces the balance but is no payment: an invoice it settles gives no delay. */
  kind: "payment" | "credit_note";
}

export interface LedgerPlan {
  client_id: string;
  activated_on: PlainDate;
  /** Completed, broken or cancelled on; null while active. */
  ended_on: PlainDate | null;
  invoice_ids: readonly string[];
  installments: readonly {
    id: string;
    due_on: PlainDate;
    amount_cents: number;
    paid_cents: number;
    paid_on: PlainDate | null;
  }[];
}

export interface LedgerBill {
  id: string;
  client_id: string;
  amount_cents: number;
  issue_on: PlainDate;
  due_on: PlainDate;
  /** Accepted or presented on (the earlier); null when neither. */
  accepted_on: PlainDate | null;
  /** Paid, unpaid or cancelled on; null while live. */
  ended_on: PlainDate | null;
  invoices: readonly { invoice_id: string; amount_cents: number }[];
}

export interface LedgerCase {
  opened_on: PlainDate;
  closed_on: PlainDate | null;
  invoice_ids: readonly string[];
}

export interface ForecastLedger {
  invoices: readonly LedgerInvoice[];
  credits: readonly LedgerCredit[];
  plans: readonly LedgerPlan[];
  bills: readonly LedgerBill[];
  cases: readonly LedgerCase[];
  /** A mise en demeure sent about an invoice, on a date. */
  formalNotices: readonly { invoice_id: string; date: PlainDate }[];
}

export interface LedgerSnapshot {
  items: ForecastItem[];
  delays: DelayHistory;
}

const onOrBefore = (d: PlainDate | null, day: PlainDate) => d !== null && compareDates(d, day) <= 0;

/**
 * What could be forecast at the end of `knownThrough`: the open balances (total − credits dated by then), the
 * delays of the invoices settled by then, the plans, bills and cases live then; an invoice under a live plan is
 * replaced by the plan's unpaid installments, the part of an invoice a live bill covers by the bill.
 */
export function ledgerSnapshot(
  ledger: ForecastLedger,
  knownThrough: PlainDate,
  asOf: PlainDate,
): LedgerSnapshot {
  const credits = new Map<string, LedgerCredit[]>();
  for (const c of ledger.credits) {
    if (!onOrBefore(c.date, knownThrough)) continue;
    const list = credits.get(c.invoice_id) ?? [];
    list.push(c);
    credits.set(c.invoice_id, list);
  }
  const items: ForecastItem[] = [];
  const covered = new Map<string, number>();
  const live = (start: PlainDate, end: PlainDate | null) =>
    onOrBefore(start, knownThrough) && !onOrBefore(end, knownThrough);
  for (const plan of ledger.plans) {
    if (!live(plan.activated_on, plan.ended_on)) continue;
    for (const id of plan.invoice_ids) covered.set(id, Number.POSITIVE_INFINITY);
    for (const i of plan.installments) {
      // paid_cents without paid_on: a part paid, date unknown, taken as known (exact for today's forecast).
      const paid = i.paid_on !== null && !onOrBefore(i.paid_on, knownThrough) ? 0 : i.paid_cents;
      if (i.amount_cents - paid <= 0) continue;
      items.push({
        kind: "installment",
        id: i.id,
        client_id: plan.client_id,
        amount_cents: cents(i.amount_cents - paid),
        stage: "installment",
        due_on: i.due_on,
      });
    }
  }
  for (const bill of ledger.bills) {
    if (!live(bill.issue_on, bill.ended_on)) continue;
    for (const part of bill.invoices)
      covered.set(part.invoice_id, (covered.get(part.invoice_id) ?? 0) + part.amount_cents);
    const stage: ForecastStage = onOrBefore(bill.accepted_on, knownThrough) ? "bill_accepted" : "bill_issued";
    items.push({
      kind: "bill",
      id: bill.id,
      client_id: bill.client_id,
      amount_cents: cents(bill.amount_cents),
      stage,
      due_on: bill.due_on,
    });
  }
  const litigation = new Set<string>();
  for (const c of ledger.cases)
    if (live(c.opened_on, c.closed_on)) for (const id of c.invoice_ids) litigation.add(id);
  const notices = new Set<string>();
  for (const n of ledger.formalNotices) if (onOrBefore(n.date, knownThrough)) notices.add(n.invoice_id);

  const delays: { client_id: string; days: number }[] = [];
  for (const invoice of ledger.invoices) {
    // Without an issue date an invoice is taken as known (an imported sheet may have only due dates).
    if (invoice.issue_date !== null && !onOrBefore(invoice.issue_date, knownThrough)) continue;
    if (invoice.total_cents <= 0) continue;
    const applied = (credits.get(invoice.id) ?? []).sort((a, b) => compareDates(a.date, b.date));
    let paid = 0;
    let settled: LedgerCredit | null = null;
    for (const c of applied) {
      paid += c.amount_cents;
      if (paid >= invoice.total_cents) {
        settled = c;
        break;
      }
    }
    if (settled !== null) {
      if (settled.kind === "payment")
        delays.push({ client_id: invoice.client_id, days: daysBetween(invoice.due_date, settled.date) });
      continue;
    }
    const owed =
      invoice.total_cents - paid - Math.min(covered.get(invoice.id) ?? 0, invoice.total_cents - paid);
    if (owed <= 0) continue;
    items.push({
      kind: "invoice",
      id: invoice.id,
      client_id: invoice.client_id,
      amount_cents: cents(owed),
      stage: invoiceStage(invoice, asOf, litigation.has(invoice.id), notices.has(invoice.id)),
      due_on: invoice.due_date,
    });
  }
  return { items, delays: delayHistory(delays) };
}

function invoiceStage(
  invoice: LedgerInvoice,
  asOf: PlainDate,
  litigation: boolean,
  notice: boolean,
): ForecastStage {
  if (litigation) return "litigation";
  if (invoice.disputed) return "disputed";
  if (notice) return "formal_notice";
  return compareDates(invoice.due_date, asOf) >= 0 ? "not_due" : "overdue";
}
