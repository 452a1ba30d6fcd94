import { formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { type LineDraft, type PricedLine, priceLines } from "../../core/invoices/lines.js";
import { invoiceSeriesPrefix, seriesNumber } from "../../core/invoices/numbering.js";
import { dueDate, effectiveTerm } from "../../core/law/terms.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { advanceSeries } from "../../db/repositories/invoice-series.js";
import {
  findClientOf,
  findTakenInvoiceNumbers,
  insertInvoice,
  insertInvoiceLines,
  lockInvoiceNumbering,
} from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { getInvoice } from "./get-invoice.js";
import type { InvoiceDetailDto } from "./present-invoice.js";
import { orgLocale, timelineAction } from "./timeline.js";

export interface InvoiceInput {
  client_id: string;
  /** Default: the next number of the issue year's series (`F-2026-0001`), assigned in the same transaction. */
  number?: string;
  kind?: "invoice" | "deposit";
  issue_date: string;
  /** Default: from the issue date and the client's payment term (else the organization's). */
  due_date?: string;
  delivery_date?: string | null;
  /** `default` (ECB + 10 points), `fixed:<bp>` or `ecb+<bp>`; the organization's by default. */
  penalty_clause?: string;
  notes?: string | null;
  /** Either lines… */
  lines?: LineDraft[];
  /** …or the total including VAT alone. */
  total_ttc_cents?: number;
}

export interface CreateInvoiceOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  input: InvoiceInput;
  /** The caller's language, for amounts and dates inside messages. */
  locale?: Locale;
}

/**
 * Creates an invoice typed by the user (source `created`): totals computed from the lines (or the TTC alone),
 * the number unique in the organization — given, or else the next of the issue year's series, the counter moving
 * only in the transaction that inserts the invoice (a refused creation consumes no number); the indemnity (40 €)
 * for every client but consumers; a timeline action and an audit entry in the same transaction.
 */
export async function createInvoice(options: CreateInvoiceOptions): Promise<InvoiceDetailDto> {
  const { ctx, org, input } = options;
  const locale = options.locale ?? ctx.locale;
  const problems: FieldProblem[] = [];
  const hasLines = input.lines !== undefined;
  const hasTotal = input.total_ttc_cents !== undefined;
  if (hasLines === hasTotal) problems.push({ path: "lines", messageCode: "invoice.lines_or_total" });
  if (input.due_date !== undefined && input.due_date < input.issue_date) {
    problems.push({
      path: "due_date",
      messageCode: "date.due_before_issue",
      params: { due: formatIsoDate(input.due_date, locale), issue: formatIsoDate(input.issue_date, locale) },
    });
  }
  let priced: PricedLine[] = [];
  let totals: { ht: number | null; vat: number | null; ttc: number } = {
    ht: null,
    vat: null,
    ttc: input.total_ttc_cents ?? 0,
  };
  if (input.lines && !hasTotal) {
    const result = priceLines(input.lines, locale);
    if (result.ok) {
      priced = result.lines;
      totals = {
        ht: result.totals.total_ht_cents,
        vat: result.totals.total_vat_cents,
        ttc: result.totals.total_ttc_cents,
      };
    } else {
      for (const p of result.problems) {
        problems.push({ path: p.path ? `lines.${p.path}` : "lines", messageCode: p.code, params: p.params });
      }
    }
  }
  if (problems.length === 0 && totals.ttc <= 0) {
    problems.push({
      path: hasLines ? "lines" : "total_ttc_cents",
      messageCode: "invoice.total_not_positive",
      params: { total: formatEuros(totals.ttc as Cents, locale) },
    });
  }
  const [first, ...more] = problems;
  if (first) throw invalidFields([first, ...more]);

  const at = nowIso(ctx);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const client = await findClientOf(trx, org.id, input.client_id);
    if (!client) throw new AppError("not_found", "client.not_found");
    await lockInvoiceNumbering(trx, ctx.dialect, org.id);
    let number = input.number;
    if (number === undefined) number = await nextSeriesNumber(trx, org.id, input.issue_date, at);
    else if ((await findTakenInvoiceNumbers(trx, org.id, [number])).size > 0) {
      const params = { number };
      throw new AppError("conflict", "invoice.number_taken", params, [
        { path: "number", messageCode: "invoice.number_taken", params },
      ]);
    }
    const due = input.due_date ?? termDueDate(input.issue_date, org.payment_term, client.payment_term);
    await insertInvoice(trx, {
      id,
      organization_id: org.id,
      client_id: client.id,
      quote_id: null,
      kind: input.kind ?? "invoice",
      number,
      issue_date: input.issue_date,
      delivery_date: input.delivery_date ?? null,
      due_date: due,
      currency: "EUR",
      total_ht_cents: totals.ht,
      total_vat_cents: totals.vat,
      total_ttc_cents: totals.ttc,
      paid_cents: 0,
      credited_cents: 0,
      status: deriveStatus({ total_cents: totals.ttc, paid_cents: 0 }),
      penalty_clause: input.penalty_clause ?? org.penalty_clause,
      indemnity_applies: client.kind === "consumer" ? 0 : 1,
      source: "created",
      disputed: 0,
      notes: input.notes ?? null,
      created_at: at,
      updated_at: at,
    });
    await insertInvoiceLines(
      trx,
      priced.map((l) => ({
        id: newId(),
        organization_id: org.id,
        invoice_id: id,
        position: l.position,
        description: l.description,
        quantity_milli: l.quantity_milli,
        unit_price_cents: l.unit_price_cents,
        vat_rate_bp: l.vat_rate_bp,
        discount_cents: l.discount_cents,
        net_cents: l.net_cents,
        created_at: at,
        updated_at: at,
      })),
    );
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId: id,
        userId: options.userId,
        kind: "invoice_created",
        occurredOn: input.issue_date,
        at,
        summary: formatMessage(orgLocale(org), "timeline.invoice_created", {
          number,
          amount: formatEuros(totals.ttc as Cents, orgLocale(org)),
        }),
        data: { number, total_cents: totals.ttc },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "invoice",
      entityId: id,
      operation: "create",
      data: {
        number,
        client_id: client.id,
        kind: input.kind ?? "invoice",
        total_ttc_cents: totals.ttc,
        lines: priced.length,
      },
    });
  });
  return getInvoice({ ctx, org, id });
}

/**
 * The next free number of the issue year's series. A number of the series typed by hand earlier is skipped (the
 * counter moves past it: the number is used, so the series stays continuous).
 */
async function nextSeriesNumber(trx: Db, orgId: string, issueIso: string, at: string): Promise<string> {
  const prefix = invoiceSeriesPrefix(issueIso);
  for (;;) {
    const candidate = seriesNumber(prefix, await advanceSeries(trx, orgId, prefix, at));
    if ((await findTakenInvoiceNumbers(trx, orgId, [candidate])).size === 0) return candidate;
  }
}

/** The due date of an invoice issued on `issueIso` under the client's term, else the organization's. */
function termDueDate(issueIso: string, organizationTerm: string, clientTerm: string | null): string {
  const issue = parseIsoDate(issueIso);
  if (!issue.ok) throw invalidFields([{ path: "issue_date", messageCode: issue.problem.code }]);
  return toIso(dueDate(issue.value, effectiveTerm(organizationTerm, clientTerm)));
}
