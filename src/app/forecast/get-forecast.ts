import { addDays, type PlainDate, parseDate, parseIsoDate, toIso } from "../../core/calendar.js";
import {
  type ForecastLedger,
  type ForecastLine,
  forecastCash,
  ledgerSnapshot,
  mondayOf,
  pastWeeks,
} from "../../core/forecast/index.js";
import { unwrap } from "../../core/result.js";
import {
  forecastBills,
  forecastCases,
  forecastCredits,
  forecastInvoices,
  forecastPlans,
  formalNotices,
  receiptsBetween,
} from "../../db/repositories/forecast.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";

export const DEFAULT_WEEKS = 13;
export const MAX_WEEKS = 52;
export const DEFAULT_PAST_WEEKS = 8;
export const MAX_PAST_WEEKS = 26;
/** Paid invoices due within this many days before `as_of` make the delay history (and the replay of past weeks). */
export const HISTORY_DAYS = 730;

export interface ForecastDto {
  as_of: string;
  weeks: {
    start: string;
    end: string;
    expected_cents: number;
    low_cents: number;
    high_cents: number;
    /** The invoices, installments and bills expected that week. */
    invoices: number;
  }[];
  litigation_cents: number;
  /** Expected after the last week. */
  beyond_cents: number;
  past: { start: string; end: string; expected_cents: number; actual_cents: number }[];
}

export interface ForecastDetailLine {
  kind: ForecastLine["kind"];
  reference: string;
  client: string;
  stage: ForecastLine["stage"];
  amount_cents: number;
  weight_permille: number;
  weighted_cents: number;
  expected_on: string | null;
  low_on: string | null;
  high_on: string | null;
}

export interface ForecastResult {
  dto: ForecastDto;
  /** Each invoice, installment and bill counted, expected date first (for the XLSX). */
  lines: ForecastDetailLine[];
}

export interface GetForecastOptions {
  ctx: AppContext;
  org: Organization;
  /** 1–52, default 13. */
  weeks?: number | string | undefined;
  /** YYYY-MM-DD (or DD/MM/YYYY); default today in the organization's zone. */
  asOf?: string | undefined;
  /** 0–26 past weeks replayed against the cash received, default 8. */
  past?: number | string | undefined;
}

function count(
  value: number | string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | null {
  if (value === undefined) return fallback;
  const n =
    typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * The cash-flow forecast (docs/forecast.md): the ledger known on `as_of` (payments, credit notes, plans, bills,
 * cases and mises en demeure dated on or before it) → the expected cash per week, with the past weeks' forecast
 * against the cash received. Read-only.
 */
export async function getForecast(options: GetForecastOptions): Promise<ForecastResult> {
  const { ctx, org } = options;
  const weeks = count(options.weeks, DEFAULT_WEEKS, 1, MAX_WEEKS);
  const past = count(options.past, DEFAULT_PAST_WEEKS, 0, MAX_PAST_WEEKS);
  let asOf: PlainDate = todayFor(ctx, org.time_zone);
  if (options.asOf !== undefined) {
    const parsed = parseDate(options.asOf);
    if (!parsed.ok)
      throw invalidFields([
        { path: "as_of", messageCode: parsed.problem.code, params: parsed.problem.params ?? {} },
      ]);
    asOf = parsed.value;
  }
  if (weeks === null)
    throw new AppError("invalid_input", "forecast.invalid_weeks", {
      value: String(options.weeks),
      max: MAX_WEEKS,
    });
  if (past === null)
    throw new AppError("invalid_input", "forecast.invalid_past", {
      value: String(options.past),
      max: MAX_PAST_WEEKS,
    });

  const orgId = org.id;
  const historyFrom = toIso(addDays(asOf, -HISTORY_DAYS));
  const firstPast = addDays(mondayOf(asOf), -7 * past);
  const [invoices, credits, plans, bills, cases, notices, receipts] = await Promise.all([
    forecastInvoices(ctx.db, orgId, historyFrom),
    forecastCredits(ctx.db, orgId, historyFrom),
    forecastPlans(ctx.db, orgId),
    forecastBills(ctx.db, orgId),
    forecastCases(ctx.db, orgId),
    formalNotices(ctx.db, orgId),
    receiptsBetween(ctx.db, orgId, toIso(firstPast), toIso(addDays(mondayOf(asOf), -1))),
  ]);
  const day = (iso: string) => unwrap(parseIsoDate(iso));
  const dayOrNull = (iso: string | null) => (iso === null ? null : day(iso));
  const earliest = (...isos: (string | null)[]) =>
    dayOrNull(isos.filter((d): d is string => d !== null).sort()[0] ?? null);
  const ledger: ForecastLedger = {
    invoices: invoices.map((i) => ({
      id: i.id,
      client_id: i.client_id,
      issue_date: dayOrNull(i.issue_date),
      due_date: day(i.due_date),
      total_cents: Number(i.total_ttc_cents),
      disputed: i.disputed === 1,
    })),
    credits: credits.map((c) => ({ ...c, date: day(c.date) })),
    plans: plans.map((p) => ({
      client_id: p.client_id,
      activated_on: day(p.activated_on as string),
      ended_on: earliest(p.completed_on, p.broken_on, p.cancelled_on),
      invoice_ids: p.invoice_ids,
      installments: p.installments.map((i) => ({
        id: i.id,
        due_on: day(i.due_on),
        amount_cents: i.amount_cents,
        paid_cents: i.paid_cents,
        paid_on: dayOrNull(i.paid_on),
      })),
    })),
    bills: bills.map((b) => ({
      id: b.id,
      client_id: b.client_id,
      amount_cents: b.amount_cents,
      issue_on: day(b.issue_on),
      due_on: day(b.due_on),
      accepted_on: earliest(b.accepted_on, b.presented_on),
      ended_on: earliest(b.paid_on, b.unpaid_on, b.cancelled_on),
      invoices: b.invoices,
    })),
    cases: cases.map((c) => ({
      opened_on: day(c.opened_on),
      closed_on: dayOrNull(c.closed_on),
      invoice_ids: c.invoice_ids,
    })),
    formalNotices: notices.map((n) => ({ invoice_id: n.invoice_id, date: day(n.date) })),
  };

  const snap = ledgerSnapshot(ledger, asOf, asOf);
  const forecast = forecastCash({ asOf, weeks, items: snap.items, delays: snap.delays });
  const history = pastWeeks(
    ledger,
    receipts.map((r) => ({ date: day(r.date), amount_cents: r.amount_cents })),
    asOf,
    past,
  );
  return {
    dto: {
      as_of: toIso(asOf),
      weeks: forecast.weeks.map((w) => ({
        start: toIso(w.start),
        end: toIso(w.end),
        expected_cents: w.expected_cents,
        low_cents: w.low_cents,
        high_cents: w.high_cents,
        invoices: w.items,
      })),
      litigation_cents: forecast.litigation_cents,
      beyond_cents: forecast.beyond_cents,
      past: history.map((p) => ({
        start: toIso(p.start),
        end: toIso(p.end),
        expected_cents: p.expected_cents,
        actual_cents: p.actual_cents,
      })),
    },
    lines: detailLines(forecast.lines, invoices, plans),
  };
}

function detailLines(
  lines: readonly ForecastLine[],
  invoices: readonly { id: string; number: string; client_name: string; client_id: string }[],
  plans: readonly { id: string; installments: readonly { id: string }[] }[],
): ForecastDetailLine[] {
  const clients = new Map(invoices.map((i) => [i.client_id, i.client_name]));
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));
  const installments = new Map(
    plans.flatMap((p) => p.installments.map((i, n) => [i.id, `${p.id.slice(0, 8)} #${n + 1}`] as const)),
  );
  const reference = (l: ForecastLine) =>
    l.kind === "invoice"
      ? (numbers.get(l.id) ?? l.id)
      : l.kind === "installment"
        ? (installments.get(l.id) ?? l.id)
        : l.id.slice(0, 8);
  const iso = (d: PlainDate | null) => (d === null ? null : toIso(d));
  return lines
    .map((l) => ({
      kind: l.kind,
      reference: reference(l),
      client: clients.get(l.client_id) ?? "",
      stage: l.stage,
      amount_cents: l.amount_cents,
      weight_permille: l.weight_permille,
      weighted_cents: l.weighted_cents,
      expected_on: iso(l.expected_on),
      low_on: iso(l.low_on),
      high_on: iso(l.high_on),
    }))
    .sort(
      (a, b) =>
        (a.expected_on ?? "9999").localeCompare(b.expected_on ?? "9999") ||
        a.reference.localeCompare(b.reference),
    );
}
