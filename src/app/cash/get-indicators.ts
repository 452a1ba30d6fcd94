import { addMonths, parseIsoDate, toIso } from "../../core/calendar.js";
import {
  type CollectionStep,
  STEP_ACTION_KINDS,
  type StepEvent,
  stepOfEntry,
} from "../../core/cash/collection-steps.js";
import { cashIndicators, DSO_MONTHS, INDICATOR_MONTHS } from "../../core/cash/indicators.js";
import { unwrap } from "../../core/result.js";
import {
  indicatorCreditNotes,
  indicatorInvoices,
  indicatorMovements,
  type StepActionRow,
  stepActions,
  stepTemplateKeys,
} from "../../db/repositories/indicators.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { parseDayParam } from "./get-aging.js";

export interface IndicatorMonthDto {
  month: string;
  end: string;
  receivables_cents: number;
  current_receivables_cents: number;
  credit_sales_cents: number;
  dso_days: number | null;
  /** One decimal: 71.4 */
  cei_percent: number | null;
  collected_cents: number;
  collected_by_step: Record<CollectionStep, number>;
}

export interface IndicatorsDto {
  as_of: string;
  months: IndicatorMonthDto[];
  slowest_clients: {
    client_id: string;
    name: string;
    /** Days late weighted by amount, one decimal. */
    average_days_late: number;
    collected_cents: number;
    payments: number;
  }[];
}

export interface GetIndicatorsOptions {
  ctx: AppContext;
  org: Organization;
  /** YYYY-MM-DD (or DD/MM/YYYY); default today in the organization's zone. */
  asOf?: string | undefined;
}

function parseData(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Timeline entries → steps; a plan on the client names its invoices by number (data.invoices). */
function stepEvents(
  rows: readonly StepActionRow[],
  templates: Map<string, string | null>,
  byNumber: Map<string, string>,
): StepEvent[] {
  const events: StepEvent[] = [];
  for (const row of rows) {
    if (row.client_id === null) continue;
    const data = parseData(row.data);
    const stepId = typeof data.step_id === "string" ? data.step_id : null;
    const step = stepOfEntry(row.kind, stepId === null ? null : (templates.get(stepId) ?? null));
    if (step === null) continue;
    const numbers = Array.isArray(data.invoices) ? data.invoices.filter((n) => typeof n === "string") : [];
    const named = numbers.flatMap((n) => byNumber.get(`${row.client_id}\u0000${n}`) ?? []);
    if (row.invoice_id === null && named.length > 0)
      for (const id of named)
        events.push({ invoice_id: id, client_id: row.client_id, day: row.occurred_on, step });
    else events.push({ invoice_id: row.invoice_id, client_id: row.client_id, day: row.occurred_on, step });
  }
  return events;
}

/**
 * The cash indicators of the 12 months ending with the month of `asOf` (docs/cash.md « Indicators »): DSO, CEI,
 * collected per month by the step that got the money in, the clients paying latest. Read-only.
 */
export async function getIndicators(options: GetIndicatorsOptions): Promise<IndicatorsDto> {
  const { ctx, org } = options;
  const asOf =
    options.asOf === undefined ? todayFor(ctx, org.time_zone) : parseDayParam(options.asOf, "as_of");
  const to = toIso(asOf);
  // DSO of the first month looks at the sales of the two months before it
  const from = toIso(addMonths(asOf.with({ day: 1 }), -(INDICATOR_MONTHS - 1) - (DSO_MONTHS - 1)));
  const invoices = await indicatorInvoices(ctx.db, org.id, from, to);
  const ids = invoices.map((i) => i.id);
  const [movements, creditNotes, actions, templates] = await Promise.all([
    indicatorMovements(ctx.db, org.id, ids, to),
    indicatorCreditNotes(ctx.db, org.id, from, to),
    stepActions(ctx.db, org.id, ids, STEP_ACTION_KINDS, to),
    stepTemplateKeys(ctx.db, org.id),
  ]);
  const day = (s: string) => unwrap(parseIsoDate(s));
  const byNumber = new Map(invoices.map((i) => [`${i.client_id}\u0000${i.number}`, i.id]));
  const result = cashIndicators({
    invoices: invoices.map((i) => ({
      id: i.id,
      client_id: i.client_id,
      client_name: i.client_name,
      issue_date: i.issue_date === null ? null : day(i.issue_date),
      due_date: day(i.due_date),
      total_cents: i.total_ttc_cents,
    })),
    movements: movements.map((m) => ({ ...m, date: day(m.date) })),
    creditNotes: creditNotes.map((n) => ({ date: day(n.date), amount_cents: n.amount_cents })),
    steps: stepEvents(actions, templates, byNumber),
    asOf,
  });
  return {
    as_of: result.as_of,
    months: result.months.map(({ cei_tenths, ...m }) => ({
      ...m,
      cei_percent: cei_tenths === null ? null : cei_tenths / 10,
    })),
    slowest_clients: result.slowest_clients.map(({ average_days_late_tenths, ...c }) => ({
      ...c,
      average_days_late: average_days_late_tenths / 10,
    })),
  };
}
