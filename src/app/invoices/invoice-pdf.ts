import { computeTotals } from "../../core/invoices/totals.js";
import type { Locale } from "../../core/messages.js";
import { epcQrPayload } from "../../core/payments/epc-qr.js";
import { findClient } from "../../db/repositories/clients.js";
import type { Client, Organization } from "../../db/schema.js";
import type { InvoicePdfInput } from "../../pdf/invoice.js";
import type { OperationCategory } from "../../pdf/invoice-wording.js";
import { type AppContext, todayFor } from "../context.js";
import { clientParty, organizationParty } from "../documents/parties.js";
import { AppError } from "../errors.js";
import { operationCategoryOf, vatOnDebitsOf } from "../organizations/settings.js";
import { getInvoice } from "./get-invoice.js";
import { penaltyRateLabel } from "./invoice-duplicate.js";
import type { InvoiceDetailDto } from "./present-invoice.js";

/**
 * The EPC QR code text (EPC069-12) for paying `balanceCents` of invoice `number` to the organization: its name (cut
 * to 70 characters), IBAN and BIC, the amount, and the invoice number as the transfer's unstructured remittance text
 * (the structured field takes only ISO 11649 « RF » references). Null without an IBAN, with nothing to pay, or when
 * the organization's details do not make a valid code (a bad IBAN): the PDF then prints the details alone.
 */
export function invoiceEpcPayload(
  org: Pick<Organization, "name" | "iban" | "bic">,
  number: string,
  balanceCents: number,
): string | null {
  if (!org.iban || balanceCents <= 0) return null;
  const payload = epcQrPayload({
    name: org.name.slice(0, 70),
    iban: org.iban,
    ...(org.bic ? { bic: org.bic } : {}),
    amount_cents: balanceCents,
    text: number.slice(0, 140),
  });
  return payload.ok ? payload.value : null;
}

/** What the issued invoice's PDF is made from, with the invoice and client it was read from. */
export interface InvoicePdfSource {
  input: InvoicePdfInput;
  invoice: InvoiceDetailDto;
  client: Client;
  locale: Locale;
  qr_payload: string | null;
}

/**
 * The issued invoice's PDF input (pdf/invoice.ts), made now from what is stored, in the client's language. What is
 * not stored per invoice is taken as follows:
 * - the VAT franchise (293 B) is inferred like the compliance check: no seller VAT number and every line at 0 %;
 * - the nature of the operation (`goods`, `services`, `mixed`) and the VAT-on-debits option come from the
 *   organization's settings (`operation_category`, `vat_on_debits`); not printed when unset;
 * - no delivery address is stored: none is printed (the buyer's address is the delivery address);
 * - Relance models no early-payment discount: « pas d'escompte ».
 * The QR code is for the balance (TTC less payments and credit notes). Nothing is written.
 */
export async function invoicePdfSource(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<InvoicePdfSource> {
  const { ctx, org } = options;
  const invoice = await getInvoice({ ctx, org, id: options.id });
  const client = await findClient(ctx.db, org.id, invoice.client.id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const locale: Locale = client.language === "en" ? "en" : "fr";
  const category: OperationCategory | null = operationCategoryOf(org);
  const lines = invoice.lines.map((l) => ({
    description: l.description,
    quantity_milli: l.quantity_milli,
    unit_price_cents: l.unit_price_cents,
    vat_rate_bp: l.vat_rate_bp,
    discount_cents: l.discount_cents,
    total_ht_cents: l.total_ht_cents,
  }));
  const breakdown = lines.length > 0 ? computeTotals(lines).vat_breakdown : [];
  const franchise = !org.vat_number?.trim() && lines.length > 0 && lines.every((l) => l.vat_rate_bp === 0);
  const qrPayload = invoiceEpcPayload(org, invoice.number, invoice.balance_cents);
  const qrPng = qrPayload
    ? await import("../../templates/epc-qr-image.js").then(({ epcQrPng }) => epcQrPng(qrPayload, 6))
    : null;
  const input: InvoicePdfInput = {
    locale,
    date: todayFor(ctx, org.time_zone).toString(),
    seller: { ...organizationParty(org), siret: org.siret },
    buyer: { ...clientParty(client), siret: client.siret },
    invoice: {
      number: invoice.number,
      kind: invoice.kind,
      issue_date: invoice.issue_date,
      delivery_date: invoice.delivery_date,
      due_date: invoice.due_date,
      operation_category: category,
      vat_on_debits: vatOnDebitsOf(org),
      lines,
      total_ht_cents: invoice.total_ht_cents,
      total_vat_cents: invoice.total_vat_cents,
      total_ttc_cents: invoice.total_cents,
      vat_breakdown: breakdown.map((b) => ({
        rate_bp: b.rate_bp,
        base_cents: b.base_cents,
        vat_cents: b.vat_cents,
      })),
      vat_franchise: franchise,
      penalty_rate_label: penaltyRateLabel(invoice.penalty_clause, locale),
      indemnity_applies: invoice.indemnity_applies && client.kind !== "consumer",
    },
    balance_cents: invoice.balance_cents,
    payment_reference: invoice.number,
    qr_png: qrPng,
  };
  return { input, invoice, client, locale, qr_payload: qrPayload };
}

/** The file name of an invoice's PDF: `facture-<number>.pdf`, the number made safe. */
export function invoicePdfFilename(number: string, prefix = "facture"): string {
  return `${prefix}-${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`;
}

/** The issued invoice as a PDF (pdf/invoice.ts), made now from what is stored (invoicePdfSource). */
export async function makeInvoicePdf(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<{ pdf: Buffer; filename: string; number: string; qr_payload: string | null }> {
  const [source, { renderInvoice }] = await Promise.all([
    invoicePdfSource(options),
    import("../../pdf/invoice.js"),
  ]);
  const pdf = await renderInvoice(source.input);
  const number = source.invoice.number;
  return { pdf, filename: invoicePdfFilename(number), number, qr_payload: source.qr_payload };
}
