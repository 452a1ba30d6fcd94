import { daysBetween, parseIsoDate } from "../../core/calendar.js";
import { dashboardDates, dsoDays, dueActionDates } from "../../core/invoices/dso.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import {
  collectedBetween,
  countClients,
  invoicesDueOn,
  invoiceTotals,
  lateClients,
  openAggregates,
  openTasksDue,
} from "../../db/repositories/dashboard.js";
import { listDeclaredToVerify } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";

export type AgingBucketName = "not_due" | "1_30" | "31_60" | "61_90" | "over_90";
export const AGING_BUCKET_NAMES: readonly AgingBucketName[] = [
  "not_due",
  "1_30",
  "31_60",
  "61_90",
  "over_90",
];

export interface TodayActionDto {
  kind: string;
  title: string;
  client_id: string | null;
  client: string | null;
  invoice_id: string | null;
  number: string | null;
  amount_cents: number | null;
  due_on: string | null;
  /** A payment declared on the portal to verify (kind `declared_payment`): POST /payments/:id/confirm | reject. */
  payment_id: string | null;
}

export interface DashboardDto {
  today: string;
  outstanding_cents: number;
  overdue_cents: number;
  due_this_week_cents: number;
  collected_this_month_cents: number;
  aging: { bucket: AgingBucketName; cents: number; count: number }[];
  dso_days: number | null;
  late_clients: { client_id: string; name: string; overdue_cents: number; max_days_late: number }[];
  today_actions: TodayActionDto[];
  counts: { clients: number; invoices: number };
}

export interface GetDashboardOptions {
  ctx: AppContext;
  org: Organization;
  /** The language of the action titles. */
  locale?: Locale;
}

const LATE_CLIENTS = 5;
const MAX_ACTIONS = 50;

/**
 * The organization's position today, from a handful of aggregate queries (their cost does not grow with one row
 * per invoice in JS): what is owed, overdue, due this week, collected this month, the aging buckets, DSO, the
 * five clients owing the most overdue money, and today's actions.
 *
 * DSO = outstanding today ÷ TTC invoiced over the last 90 days (issue date in [today − 89, today]) × 90, rounded
 * to whole days; null when nothing was invoiced in those 90 days (see core/invoices/dso.ts).
 *
 * Today's actions, until the dunning engine plans them: open tasks due today or earlier, and each open,
 * undisputed invoice of a client not on hold that falls due today or is exactly 1, 8, 15 or 30 days late —
 * largest amount first, at most 50 — after the payments declared on the portal or cheques received awaiting verification (oldest first).
 */
export async function getDashboard(options: GetDashboardOptions): Promise<DashboardDto> {
  const { ctx, org } = options;
  const locale = options.locale ?? ctx.locale;
  const todayDate = todayFor(ctx, org.time_zone);
  const d = dashboardDates(todayDate);
  const actionDates = dueActionDates(todayDate);

  const [open, totals, collected, late, dueInvoices, tasks, clients, declared] = await Promise.all([
    openAggregates(ctx.db, org.id, d),
    invoiceTotals(ctx.db, org.id, d.dsoFrom, d.today),
    collectedBetween(ctx.db, org.id, d.monthStart, d.today),
    lateClients(ctx.db, org.id, d.today, LATE_CLIENTS),
    invoicesDueOn(ctx.db, org.id, [...actionDates.keys()], d.today, MAX_ACTIONS),
    openTasksDue(ctx.db, org.id, d.today, MAX_ACTIONS),
    countClients(ctx.db, org.id),
    listDeclaredToVerify(ctx.db, org.id, MAX_ACTIONS),
  ]);

  const title = (step: string) => formatMessage(locale, `dashboard.action.${step}` as MessageCode);
  const actions: TodayActionDto[] = [
    ...dueInvoices.map((i) => {
      const action = actionDates.get(i.due_date);
      return {
        kind: action?.kind ?? "due_today",
        title: title(action?.step ?? "due_today"),
        client_id: i.client_id,
        client: i.client,
        invoice_id: i.invoice_id,
        number: i.number,
        amount_cents: i.balance_cents,
        due_on: i.due_date,
        payment_id: null,
      };
    }),
    ...tasks.map((t) => ({
      kind: "task",
      title: t.title,
      client_id: t.client_id,
      client: t.client,
      invoice_id: t.invoice_id,
      number: t.number,
      amount_cents: t.balance_cents,
      due_on: t.due_on,
      payment_id: null,
    })),
  ];
  // payments declared on the portal come first: the reminders of their invoices wait for this check
  const toVerify: TodayActionDto[] = declared.map((p) => ({
    kind: "declared_payment",
    // a cheque the staff recorded as received waits for its deposit, not for a check of the client's word
    title: title(p.source === "staff" ? "received_cheque" : "declared_payment"),
    client_id: p.client_id,
    client: p.client,
    invoice_id: p.invoice_id,
    number: p.number,
    amount_cents: p.amount_cents,
    due_on: p.date,
    payment_id: p.id,
  }));
  actions.sort(
    (a, b) =>
      (b.amount_cents ?? 0) - (a.amount_cents ?? 0) ||
      (a.due_on ?? "").localeCompare(b.due_on ?? "") ||
      a.title.localeCompare(b.title),
  );

  return {
    today: d.today,
    outstanding_cents: open.outstanding_cents,
    overdue_cents: open.overdue_cents,
    due_this_week_cents: open.due_this_week_cents,
    collected_this_month_cents: collected,
    aging: AGING_BUCKET_NAMES.map((bucket) => ({ bucket, ...open.aging[bucket] })),
    dso_days: dsoDays(open.outstanding_cents, totals.invoiced_cents),
    late_clients: late.map((c) => {
      const oldest = parseIsoDate(c.oldest_due_date);
      return {
        client_id: c.client_id,
        name: c.name,
        overdue_cents: c.overdue_cents,
        max_days_late: oldest.ok ? daysBetween(oldest.value, todayDate) : 0,
      };
    }),
    today_actions: [...toVerify, ...actions].slice(0, MAX_ACTIONS),
    counts: { clients, invoices: totals.invoices },
  };
}
