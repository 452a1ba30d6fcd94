import {
  type EInvoiceDocLine,
  type EInvoiceDocNote,
  type EInvoiceDocParty,
  type EInvoiceDocument,
  vatBreakdown,
  vatCategory,
} from "../../core/invoices/einvoice.js";
import { checkEInvoiceTotals } from "../../core/invoices/einvoice-checks.js";
import { computeTotals } from "../../core/invoices/totals.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { mulDiv } from "../../core/money.js";
import { listContacts } from "../../db/repositories/clients.js";
import type { Client, Organization } from "../../db/schema.js";
import { ratePercent } from "../../pdf/figures.js";
import { invoiceEn, invoiceFr } from "../../pdf/invoice-wording.js";
import { wordingFor } from "../../pdf/wording.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { getInvoice } from "./get-invoice.js";
import { type InvoicePdfSource, invoicePdfSource } from "./invoice-pdf.js";
import type { InvoiceLineDto } from "./present-invoice.js";

function party(
  o: {
    name: string;
    siren: string | null;
    vat_number: string | null;
    address: string | null;
    postal_code: string | null;
    city: string | null;
    country: string;
  },
  email: string | null | undefined,
): EInvoiceDocParty {
  const streetLines = (o.address ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return {
    name: o.name,
    ...(o.siren ? { siren: o.siren } : {}),
    ...(o.vat_number?.trim() ? { vatNumber: o.vat_number.replace(/\s+/g, "") } : {}),
    ...(email ? { email } : {}),
    streetLines,
    ...(o.postal_code ? { postalCode: o.postal_code } : {}),
    ...(o.city ? { city: o.city } : {}),
    country: o.country || "FR",
  };
}

/**
 * The credit note's lines (a credit note is stored without lines): its HT shared over the VAT rates of the invoice
 * it corrects in proportion to their bases (the remainder on the first, highest rate), one line a rate.
 */
function creditLines(creditHt: number, invoiceLines: InvoiceLineDto[], label: (rateBp: number) => string) {
  const bases = computeTotals(invoiceLines).vat_breakdown;
  const invoiceHt = bases.reduce((s, b) => s + b.base_cents, 0);
  const shares: number[] = bases.map((b) =>
    invoiceHt === 0 ? 0 : mulDiv(creditHt, b.base_cents, invoiceHt),
  );
  if (shares.length > 0) shares[0] = (shares[0] ?? 0) + creditHt - shares.reduce((s, x) => s + x, 0);
  return bases
    .map((b, i) => ({
      position: i + 1,
      description: label(b.rate_bp),
      quantity_milli: 1000,
      unit_price_cents: shares[i] ?? 0,
      vat_rate_bp: b.rate_bp,
      discount_cents: 0,
      total_ht_cents: shares[i] ?? 0,
    }))
    .filter((l) => l.total_ht_cents !== 0);
}

export interface EInvoiceSource {
  doc: EInvoiceDocument;
  /** The issued invoice's PDF input, for the Factur-X PDF. */
  pdf: InvoicePdfSource;
}

/**
 * The stored invoice as an EN 16931 document (core/invoices/einvoice.ts), read in the organization and checked:
 * only an invoice issued in Relance — with its lines — or a credit note on one can be written (409 otherwise), and
 * one whose totals do not add up (core/invoices/einvoice-checks.ts) is refused with a 409 naming every problem.
 * Signs: a credit note's amounts, stored negative, are stated positive (type 381); a deduction line (a final
 * invoice's deposit) keeps a positive price and a negative quantity. BT-113 (prepaid) is what payments settled;
 * credit notes are documents of their own and do not reduce it. Nothing is written.
 */
export async function loadEInvoiceDocument(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<EInvoiceSource> {
  const { ctx, org } = options;
  const pdf = await invoicePdfSource(options);
  const { invoice, client, locale } = pdf;
  const credit = invoice.kind === "credit_note";
  const sign = credit ? -1 : 1;
  let sourceLines: InvoiceLineDto[] = invoice.lines;
  let preceding: EInvoiceDocument["preceding"];
  if (credit) {
    const corrected = invoice.credited_invoice
      ? await getInvoice({ ctx, org, id: invoice.credited_invoice.id })
      : undefined;
    if (!corrected || corrected.lines.length === 0 || invoice.total_ht_cents === null) {
      throw new AppError("conflict", "einvoice_out.credited_not_issued", { number: invoice.number });
    }
    preceding = {
      number: corrected.number,
      ...(corrected.issue_date ? { issueDate: corrected.issue_date } : {}),
    };
    sourceLines = creditLines(-invoice.total_ht_cents, corrected.lines, (bp) =>
      locale === "en"
        ? `Credit on invoice ${corrected.number} (VAT ${ratePercent(bp, locale)}%)`
        : `Avoir sur la facture ${corrected.number} (TVA ${ratePercent(bp, locale)} %)`,
    );
  }
  if ((!credit && invoice.lines.length === 0) || !invoice.issue_date) {
    throw new AppError("conflict", "einvoice_out.not_issued", { number: invoice.number });
  }
  const sellerVat = Boolean(org.vat_number?.trim());
  // As the PDF infers it (invoice-pdf.ts), from the corrected invoice's lines for a credit note.
  const franchise = !sellerVat && sourceLines.every((l) => l.vat_rate_bp === 0);
  const lines: EInvoiceDocLine[] = sourceLines.map((l, i) => {
    const negative = l.unit_price_cents < 0;
    return {
      id: String(i + 1),
      name: l.description,
      quantityMilli: negative ? -l.quantity_milli : l.quantity_milli,
      unitCode: "C62",
      netPriceCents: Math.abs(l.unit_price_cents),
      allowanceCents: l.discount_cents,
      netCents: l.total_ht_cents,
      category: vatCategory(l.vat_rate_bp, {
        franchise,
        sellerVat,
        buyerVat: client.vat_number ?? undefined,
      }),
      rateBp: l.vat_rate_bp,
    };
  });
  const taxTotal = sign * (invoice.total_vat_cents ?? 0);
  const grandTotal = sign * invoice.total_cents;
  const prepaid = credit ? 0 : invoice.paid_cents;
  const doc: EInvoiceDocument = {
    number: invoice.number,
    typeCode: credit ? "381" : invoice.kind === "deposit" ? "386" : "380",
    issueDate: invoice.issue_date,
    dueDate: invoice.due_date,
    ...(invoice.delivery_date ? { deliveryDate: invoice.delivery_date } : {}),
    currency: "EUR",
    seller: party(org, org.email),
    buyer: party(client, await billingEmail(ctx, org, client)),
    lines,
    vat: vatBreakdown(lines, taxTotal),
    lineTotalCents: lines.reduce((s, l) => s + l.netCents, 0),
    taxBasisCents: sign * (invoice.total_ht_cents ?? invoice.total_cents),
    taxTotalCents: taxTotal,
    grandTotalCents: grandTotal,
    prepaidCents: prepaid,
    duePayableCents: grandTotal - prepaid,
    ...(credit ? {} : { paymentTerms: paymentTerms(pdf, locale) }),
    notes: credit ? creditNotes(invoice.notes) : termNotes(pdf, locale),
    ...(org.iban && !credit
      ? {
          payment: {
            iban: org.iban.replace(/\s+/g, "").toUpperCase(),
            ...(org.bic ? { bic: org.bic.replace(/\s+/g, "").toUpperCase() } : {}),
            reference: invoice.number,
          },
        }
      : {}),
    ...(preceding ? { preceding } : {}),
  };
  const problems = checkEInvoiceTotals(doc);
  if (problems.length > 0) {
    throw new AppError(
      "conflict",
      "einvoice_out.refused",
      {
        number: invoice.number,
        problems: problems.map((p) => formatMessage(locale, p.code, p.params)).join(" ; "),
      },
      problems,
    );
  }
  return { doc, pdf };
}

/** The buyer's e-mail: the billing contact's, else the first contact's with one. */
async function billingEmail(ctx: AppContext, org: Organization, client: Client): Promise<string | null> {
  const contacts = await listContacts(ctx.db, org.id, client.id);
  const withEmail = contacts.filter((c) => c.email);
  return (withEmail.find((c) => c.is_billing === 1) ?? withEmail[0])?.email ?? null;
}

/** BT-20: the due date in words and « pas d'escompte », as the PDF prints them. */
function paymentTerms(pdf: InvoicePdfSource, locale: Locale): string {
  const w = locale === "en" ? invoiceEn : invoiceFr;
  return w.dueOn(wordingFor(locale).longDate(pdf.input.invoice.due_date));
}

/**
 * BT-21 / BT-22: the PDF's payment conditions as notes with their UNTDID 4451 subject codes, as the French Factur-X
 * guide (FNFE-MPE) assigns them: AAB the early-payment discount terms, PMD the late-payment penalties, PMT the 40 €
 * recovery indemnity — the two last between professionals only, like the PDF.
 */
function termNotes(pdf: InvoicePdfSource, locale: Locale): EInvoiceDocNote[] {
  const w = locale === "en" ? invoiceEn : invoiceFr;
  const inv = pdf.input.invoice;
  const notes: EInvoiceDocNote[] = [{ subject: "AAB", text: w.noDiscount }];
  if (pdf.input.buyer.kind !== "consumer") {
    notes.push({ subject: "PMD", text: w.penalties(inv.penalty_rate_label) });
    if (inv.indemnity_applies) notes.push({ subject: "PMT", text: w.indemnity });
  }
  if (inv.vat_franchise) notes.push({ text: w.franchise });
  return notes;
}

function creditNotes(reason: string | null): EInvoiceDocNote[] {
  return reason?.trim() ? [{ text: reason.trim() }] : [];
}
