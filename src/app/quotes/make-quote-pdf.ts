import { computeTotals } from "../../core/invoices/totals.js";
import { effectiveTerm, formatTerm } from "../../core/law/terms.js";
import type { Locale } from "../../core/messages.js";
import { findClient } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { clientParty, organizationParty } from "../documents/parties.js";
import { AppError } from "../errors.js";
import { penaltyRateLabel } from "../invoices/invoice-duplicate.js";
import { getQuote } from "./get-quote.js";

/**
 * The quote as a PDF (pdf/quote.ts), made now from what is stored, in the client's language. The VAT franchise
 * (« TVA non applicable, art. 293 B du CGI ») is inferred like the compliance check does: no seller VAT number and
 * every line at 0 %. Nothing is written.
 */
export async function makeQuotePdf(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<{ pdf: Buffer; filename: string; number: string }> {
  const { ctx, org } = options;
  const quote = await getQuote({ ctx, org, id: options.id });
  const client = await findClient(ctx.db, org.id, quote.client.id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const locale: Locale = client.language === "en" ? "en" : "fr";
  const breakdown = computeTotals(quote.lines).vat_breakdown;
  const franchise = !org.vat_number?.trim() && quote.lines.every((l) => l.vat_rate_bp === 0);
  const { renderQuotePdf } = await import("../../pdf/quote.js");
  const pdf = await renderQuotePdf({
    locale,
    date: todayFor(ctx, org.time_zone).toString(),
    seller: organizationParty(org),
    buyer: clientParty(client),
    quote: {
      number: quote.number,
      issue_date: quote.issue_date,
      valid_until: quote.valid_until,
      lines: quote.lines,
      total_ht_cents: quote.total_ht_cents,
      total_vat_cents: quote.total_vat_cents,
      total_ttc_cents: quote.total_ttc_cents,
      vat_breakdown: breakdown.map((b) => ({
        rate_bp: b.rate_bp,
        base_cents: b.base_cents,
        vat_cents: b.vat_cents,
      })),
      deposit_percent: quote.deposit_percent,
      deposit_cents: quote.deposit_cents,
      vat_franchise: franchise,
      payment_term: formatTerm(effectiveTerm(org.payment_term, client.payment_term), locale),
      penalty_rate_label: penaltyRateLabel(org.penalty_clause, locale),
    },
  });
  const safe = quote.number.replace(/[^A-Za-z0-9._-]+/g, "-");
  return { pdf, filename: `devis-${safe}.pdf`, number: quote.number };
}
