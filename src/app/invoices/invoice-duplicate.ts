import { computeTotals } from "../../core/invoices/totals.js";
import { parsePenaltyClause } from "../../core/law/clauses.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { findClient } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { clientParty, organizationParty } from "../documents/parties.js";
import { AppError } from "../errors.js";
import { getInvoice } from "./get-invoice.js";

/** "12,5" / "12.5": a rate in basis points without trailing zeros. */
function percent(bp: number, locale: Locale): string {
  const decimals = String(bp % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return decimals ? `${Math.floor(bp / 100)}${locale === "fr" ? "," : "."}${decimals}` : String(bp / 100);
}

/** How an invoice's penalty clause reads after « au » / "at the" (L441-10 II: ECB + 10 points by default). */
export function penaltyRateLabel(stored: string, locale: Locale): string {
  const clause = parsePenaltyClause(stored);
  const c = clause.ok ? clause.value : ({ kind: "default" } as const);
  if (c.kind === "fixed")
    return locale === "fr"
      ? `taux de ${percent(c.rate_bp, locale)} % l'an`
      : `rate of ${percent(c.rate_bp, locale)}% a year`;
  const points = c.kind === "default" ? 1000 : c.points_bp;
  return locale === "fr"
    ? `taux de refinancement de la BCE majoré de ${percent(points, locale)} points`
    : `ECB refinancing rate plus ${percent(points, locale)} points`;
}

/**
 * The duplicate (duplicata) of one invoice as a PDF, made now from what is stored: its lines when it has them (an
 * imported invoice may have only totals), its totals, its payments and credit notes, its balance, and the penalty
 * and indemnity mentions a professional client's invoice carries. In the client's language. Nothing is written.
 */
export async function makeInvoiceDuplicate(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<{ pdf: Buffer; filename: string; number: string }> {
  const { ctx, org } = options;
  const invoice = await getInvoice({ ctx, org, id: options.id });
  const client = await findClient(ctx.db, org.id, invoice.client.id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const locale: Locale = client.language === "en" ? "en" : "fr";
  const lines = invoice.lines.map((l) => ({
    description: l.description,
    quantity_milli: l.quantity_milli,
    unit_price_cents: l.unit_price_cents,
    vat_rate_bp: l.vat_rate_bp,
    discount_cents: l.discount_cents,
    total_ht_cents: l.total_ht_cents,
  }));
  const breakdown = lines.length > 0 ? computeTotals(lines).vat_breakdown : [];
  const { renderInvoiceDuplicate } = await import("../../pdf/invoice-duplicate.js");
  const pdf = await renderInvoiceDuplicate({
    locale,
    date: todayFor(ctx, org.time_zone).toString(),
    seller: organizationParty(org),
    buyer: clientParty(client),
    invoice: {
      number: invoice.number,
      kind: invoice.kind,
      issue_date: invoice.issue_date,
      delivery_date: invoice.delivery_date,
      due_date: invoice.due_date,
      lines,
      total_ht_cents: invoice.total_ht_cents,
      total_vat_cents: invoice.total_vat_cents,
      total_ttc_cents: invoice.total_cents,
      vat_breakdown: breakdown.map((b) => ({
        rate_bp: b.rate_bp,
        base_cents: b.base_cents,
        vat_cents: b.vat_cents,
      })),
      penalty_rate_label: penaltyRateLabel(invoice.penalty_clause, locale),
      indemnity_applies: invoice.indemnity_applies && client.kind !== "consumer",
    },
    payments: invoice.payments.map((p) => ({
      date: p.date,
      method_label: formatMessage(locale, `payment_method.${p.method}` as MessageCode),
      reference: p.reference,
      amount_cents: p.amount_cents,
    })),
    credit_notes: invoice.credit_notes.map((c) => ({
      number: c.number,
      issue_date: c.issue_date,
      total_cents: c.total_cents,
    })),
    balance_cents: invoice.balance_cents,
  });
  const safe = invoice.number.replace(/[^A-Za-z0-9._-]+/g, "-");
  return { pdf, filename: `duplicata-${safe}.pdf`, number: invoice.number };
}
