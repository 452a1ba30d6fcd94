import { toIso } from "../../core/calendar.js";
import { computeTotals, type LineInput } from "../../core/invoices/totals.js";
import { dueDate, effectiveTerm } from "../../core/law/terms.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { finalTotals } from "../../core/quotes/deposit.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClientOf } from "../../db/repositories/invoices.js";
import {
  findQuoteForUpdate,
  listInvoiceLinesOf,
  listQuoteInvoices,
  listQuoteLines,
} from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { getInvoice } from "../invoices/get-invoice.js";
import type { InvoiceDetailDto } from "../invoices/present-invoice.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { insertQuoteInvoice, pickQuoteInvoiceNumber, type QuoteInvoiceLine } from "./quote-invoice.js";

export interface CreateFinalInvoiceOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  quoteId: string;
  /** Default `F-<quote number>` (core/quotes/numbers.ts). */
  number?: string;
  locale?: Locale;
}

function deductionLabel(locale: Locale, number: string, vatBp: number): string {
  const rate = (vatBp / 100).toString();
  return locale === "fr"
    ? `Déduction de l'acompte facturé (facture ${number}) – TVA ${rate.replace(".", ",")} %`
    : `Less deposit invoiced (invoice ${number}) – VAT ${rate}%`;
}

/**
 * The final invoice (facture de solde) of an accepted quote: the quote's lines, then one negative line per VAT rate
 * of each deposit invoice (« Déduction de l'acompte facturé »), totals = the work's minus the deposits' rate by rate
 * (core/quotes/deposit.ts finalTotals), so deposits + final = the quote to the cent. Every deposit invoice is
 * deducted in full, paid or not: an unpaid one stays owed on its own and is chased like any invoice. Due date from
 * the client's payment term (else the organization's). One final invoice per quote (409 otherwise).
 */
export async function createFinalInvoice(options: CreateFinalInvoiceOptions): Promise<InvoiceDetailDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const today = todayFor(ctx, org.time_zone);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const quote = await findQuoteForUpdate(trx, ctx.dialect, org.id, options.quoteId);
    if (!quote) throw new AppError("not_found", "quote.unknown");
    if (quote.status !== "accepted")
      throw new AppError("conflict", "quote.not_accepted", { number: quote.number });
    const made = await listQuoteInvoices(trx, org.id, [quote.id]);
    const final = made.find((i) => i.kind === "invoice");
    if (final)
      throw new AppError("conflict", "quote.final_exists", { number: quote.number, invoice: final.number });
    const client = await findClientOf(trx, org.id, quote.client_id);
    if (!client) throw new AppError("not_found", "client.not_found");

    const work: QuoteInvoiceLine[] = (await listQuoteLines(trx, org.id, quote.id)).map((l) => ({
      description: l.description,
      quantity_milli: l.quantity_milli,
      unit_price_cents: l.unit_price_cents,
      vat_rate_bp: l.vat_rate_bp,
      discount_cents: l.discount_cents,
    }));
    const deposits = made.filter((i) => i.kind === "deposit" && i.status !== "cancelled");
    const depositLines = await listInvoiceLinesOf(
      trx,
      org.id,
      deposits.map((d) => d.id),
    );
    const locale = orgLocale(org);
    const deductions: QuoteInvoiceLine[] = [];
    const depositTotals = deposits.map((d) => {
      const lines: LineInput[] = depositLines
        .filter((l) => l.invoice_id === d.id)
        .map((l) => ({ quantity_milli: 1000, unit_price_cents: l.net_cents, vat_rate_bp: l.vat_rate_bp }));
      for (const l of lines) {
        deductions.push({
          description: deductionLabel(locale, d.number, l.vat_rate_bp),
          quantity_milli: 1000,
          unit_price_cents: -l.unit_price_cents,
          vat_rate_bp: l.vat_rate_bp,
        });
      }
      return computeTotals(lines);
    });
    const totals = finalTotals(computeTotals(work), depositTotals);
    const number = await pickQuoteInvoiceNumber(trx, ctx.dialect, org.id, "F", quote, options.number);
    const issue = toIso(today);
    const due = toIso(dueDate(today, effectiveTerm(org.payment_term, client.payment_term)));
    const invoiceId = await insertQuoteInvoice(trx, {
      org,
      client,
      quote,
      kind: "invoice",
      number,
      issueDate: issue,
      dueDate: due,
      lines: [...work, ...deductions],
      totals,
      notes:
        locale === "fr"
          ? `Facture de solde du devis ${quote.number}`
          : `Final invoice of quote ${quote.number}`,
      at,
    });
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId,
        userId: options.userId,
        kind: "invoice_created",
        occurredOn: issue,
        at,
        summary: formatMessage(locale, "timeline.final_invoice", {
          invoice: number,
          number: quote.number,
          amount: formatEuros(totals.total_ttc_cents as Cents, locale),
        }),
        data: { number, quote_id: quote.id, kind: "final", total_cents: totals.total_ttc_cents },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "invoice",
      entityId: invoiceId,
      operation: "create",
      data: { number, client_id: client.id, quote_id: quote.id, total_ttc_cents: totals.total_ttc_cents },
    });
    return invoiceId;
  });
  return getInvoice({ ctx, org, id });
}
