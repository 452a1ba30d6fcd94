import { formatIsoDate } from "../../core/calendar.js";
import { type LineDraft, priceLines } from "../../core/invoices/lines.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClientOf } from "../../db/repositories/invoices.js";
import { insertQuote, insertQuoteLines, quoteNumberTaken } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { getQuote } from "./get-quote.js";
import type { QuoteDetailDto } from "./present-quote.js";

export interface QuoteInput {
  client_id: string;
  number: string;
  issue_date: string;
  valid_until?: string | null;
  /** 0–100. */
  deposit_percent: number;
  lines: LineDraft[];
}

export interface CreateQuoteOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  input: QuoteInput;
  locale?: Locale;
}

/** Creates a draft quote: totals from the lines like an invoice's, the number unique in the organization. */
export async function createQuote(options: CreateQuoteOptions): Promise<QuoteDetailDto> {
  const { ctx, org, input } = options;
  const locale = options.locale ?? ctx.locale;
  const problems: FieldProblem[] = [];
  if (input.valid_until && input.valid_until < input.issue_date) {
    problems.push({
      path: "valid_until",
      messageCode: "quote.valid_before_issue",
      params: {
        valid: formatIsoDate(input.valid_until, locale),
        issue: formatIsoDate(input.issue_date, locale),
      },
    });
  }
  const priced = priceLines(input.lines, locale);
  if (!priced.ok) {
    for (const p of priced.problems) {
      problems.push({ path: p.path ? `lines.${p.path}` : "lines", messageCode: p.code, params: p.params });
    }
  } else if (priced.totals.total_ttc_cents <= 0) {
    problems.push({
      path: "lines",
      messageCode: "invoice.total_not_positive",
      params: { total: formatEuros(priced.totals.total_ttc_cents, locale) },
    });
  }
  const [first, ...more] = problems;
  if (first) throw invalidFields([first, ...more]);
  // A failed pricing always left a problem above: this only narrows the type.
  if (!priced.ok) throw new AppError("internal", "http.internal");

  const { totals } = priced;
  const at = nowIso(ctx);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const client = await findClientOf(trx, org.id, input.client_id);
    if (!client) throw new AppError("not_found", "client.not_found");
    if (await quoteNumberTaken(trx, org.id, input.number)) {
      const params = { number: input.number };
      throw new AppError("conflict", "quote.number_taken", params, [
        { path: "number", messageCode: "quote.number_taken", params },
      ]);
    }
    await insertQuote(trx, {
      id,
      organization_id: org.id,
      client_id: client.id,
      number: input.number,
      issue_date: input.issue_date,
      valid_until: input.valid_until ?? null,
      total_ht_cents: totals.total_ht_cents,
      total_vat_cents: totals.total_vat_cents,
      total_ttc_cents: totals.total_ttc_cents,
      deposit_percent: input.deposit_percent,
      status: "draft",
      accepted_at: null,
      acceptance: null,
      created_at: at,
      updated_at: at,
    });
    await insertQuoteLines(
      trx,
      priced.lines.map((l) => ({
        id: newId(),
        organization_id: org.id,
        quote_id: id,
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
    const summaryLocale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId: null,
        userId: options.userId,
        kind: "quote_created",
        occurredOn: input.issue_date,
        at,
        summary: formatMessage(summaryLocale, "timeline.quote_created", {
          number: input.number,
          amount: formatEuros(totals.total_ttc_cents as Cents, summaryLocale),
        }),
        data: { quote_id: id, number: input.number, total_cents: totals.total_ttc_cents },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "quote",
      entityId: id,
      operation: "create",
      data: { number: input.number, client_id: client.id, total_ttc_cents: totals.total_ttc_cents },
    });
  });
  return getQuote({ ctx, org, id });
}
