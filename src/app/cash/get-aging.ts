import { type PlainDate, parseDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { type AgingAmounts, agingReport } from "../../core/invoices/aging-report.js";
import { unwrap } from "../../core/result.js";
import { agingInvoices, agingMovements } from "../../db/repositories/aging.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { invalidFields } from "../errors.js";

export interface AgingAmountsDto {
  not_due_cents: number;
  d1_30_cents: number;
  d31_60_cents: number;
  d61_90_cents: number;
  over_90_cents: number;
  total_cents: number;
  invoices: number;
}

export interface AgingDto {
  as_of: string;
  rows: (AgingAmountsDto & { client_id: string; name: string })[];
  total: AgingAmountsDto;
}

export interface GetAgingOptions {
  ctx: AppContext;
  org: Organization;
  /** YYYY-MM-DD (or DD/MM/YYYY); default today in the organization's zone. */
  asOf?: string | undefined;
}

/** A day given by the user (`path` names the field in the error): YYYY-MM-DD or DD/MM/YYYY. */
export function parseDayParam(value: string, path: string): PlainDate {
  const parsed = parseDate(value);
  if (!parsed.ok)
    throw invalidFields([{ path, messageCode: parsed.problem.code, params: parsed.problem.params ?? {} }]);
  return parsed.value;
}

function amounts(a: AgingAmounts & { invoices: number }): AgingAmountsDto {
  return {
    not_due_cents: a.not_due,
    d1_30_cents: a.d1_30,
    d31_60_cents: a.d31_60,
    d61_90_cents: a.d61_90,
    over_90_cents: a.over_90,
    total_cents: a.total,
    invoices: a.invoices,
  };
}

/**
 * The aging balance (balance âgée) as of a day (docs/cash.md): each invoice's balance on that day, by client and in
 * total, in five buckets of days past due. Read-only.
 */
export async function getAging(options: GetAgingOptions): Promise<AgingDto> {
  const { ctx, org } = options;
  const asOf =
    options.asOf === undefined ? todayFor(ctx, org.time_zone) : parseDayParam(options.asOf, "as_of");
  const iso = toIso(asOf);
  const [invoices, movements] = await Promise.all([
    agingInvoices(ctx.db, org.id, iso),
    agingMovements(ctx.db, org.id, iso),
  ]);
  const day = (s: string) => unwrap(parseIsoDate(s));
  const report = agingReport(
    invoices.map((i) => ({
      id: i.id,
      client_id: i.client_id,
      client_name: i.client_name,
      issue_date: i.issue_date === null ? null : day(i.issue_date),
      due_date: day(i.due_date),
      total_cents: i.total_ttc_cents,
    })),
    movements.map((m) => ({ invoice_id: m.invoice_id, date: day(m.date), amount_cents: m.amount_cents })),
    asOf,
  );
  return {
    as_of: iso,
    rows: report.rows.map((r) => ({ client_id: r.client_id, name: r.name, ...amounts(r) })),
    total: amounts(report.total),
  };
}
