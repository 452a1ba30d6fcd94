/**
 * The issued invoice (facture) as a PDF, with the mandatory mentions of LAW.md §9 (C. com. L441-9; CGI ann. II
 * art. 242 nonies A): the parties' names, addresses, SIREN/SIRET and VAT numbers, the buyer's delivery address when
 * different, the number, the dates (issue, delivery or execution, due), the nature of the operation and the VAT-on-
 * debits option when known (e-invoicing reform, 2026–2027), the lines with their VAT rates, the VAT per rate, the
 * totals, « TVA non applicable, art. 293 B du CGI » under the franchise, the early-payment discount terms, the
 * penalty rate and, between professionals, the 40 € indemnity (L441-10, D441-5); then the balance due with the IBAN
 * and BIC in clear and the EPC QR code (EPC069-12) made by the caller. Byte-for-byte deterministic: the PDF's
 * date is `input.date`.
 */
import PDFDocument from "pdfkit";
import { parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { type FacturXAttachment, facturXOptions, prepareFacturX } from "./facturx.js";
import { present, ratePercent, toBuffer } from "./figures.js";
import {
  type InvoiceKind,
  type InvoiceWording,
  invoiceEn,
  invoiceFr,
  type OperationCategory,
} from "./invoice-wording.js";
import {
  A4,
  type Block,
  type Doc,
  drawText,
  Flow,
  finishPages,
  fitLine,
  flowBlocks,
  MARGIN,
  MUTED,
  mm,
  paragraphBlock,
  type Style,
} from "./layout.js";
import { paymentBlock } from "./letter-blocks.js";
import type { LetterParty } from "./letters.js";
import { drawPartyColumn, saleLinesBlock } from "./sale-parts.js";
import { type StatementLine, statementBlock } from "./table.js";
import { toWinAnsi } from "./text.js";
import { wordingFor } from "./wording.js";

export type InvoicePdfParty = LetterParty & { siret?: string | null };

export interface InvoicePdfLine {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_ht_cents: number;
}

export interface InvoicePdfInput {
  locale: "fr" | "en";
  /** The day the PDF is made, YYYY-MM-DD: the PDF's creation date. */
  date: string;
  seller: InvoicePdfParty & { iban?: string | null; bic?: string | null };
  buyer: InvoicePdfParty & {
    kind: "business" | "consumer" | "public";
    delivery_address_lines?: string[] | null;
  };
  invoice: {
    number: string;
    kind: InvoiceKind;
    issue_date: string | null;
    delivery_date: string | null;
    due_date: string;
    operation_category?: OperationCategory | null;
    vat_on_debits?: boolean;
    lines: InvoicePdfLine[];
    total_ht_cents: number | null;
    total_vat_cents: number | null;
    total_ttc_cents: number;
    vat_breakdown: { rate_bp: number; base_cents: number; vat_cents: number }[];
    /** The seller is in the VAT franchise (art. 293 B du CGI). */
    vat_franchise: boolean;
    /** How the penalty rate reads after « au », e.g. "taux de refinancement de la BCE majoré de 10 points". */
    penalty_rate_label: string;
    indemnity_applies: boolean;
  };
  /** What remains to pay (TTC less payments and credit notes). */
  balance_cents: number;
  /** The transfer reference (the invoice number). */
  payment_reference: string;
  /** The EPC QR code image for `balance_cents`; none when there is no IBAN or nothing to pay. */
  qr_png?: Buffer | null;
}

const NB = "\u00A0";

function partyLines(
  p: InvoicePdfParty,
  w: InvoiceWording,
  identity: { siren: string; vat: string; phone: string },
) {
  return present([
    ...p.address_lines.slice(0, 5),
    present([
      p.legal_form,
      p.siren && `${identity.siren} ${p.siren}`,
      p.siret && `${w.siret} ${p.siret}`,
    ]).join(" – "),
    p.vat_number && `${identity.vat} ${p.vat_number}`,
    present([p.email, p.phone && `${identity.phone} ${p.phone}`]).join(" – "),
  ]);
}

/** The head of page 1: the title, the parties side by side (and the delivery address), the dates. */
function drawHead(doc: Doc, input: InvoicePdfInput, w: InvoiceWording): number {
  const words = wordingFor(input.locale);
  const left = MARGIN.left;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const col = (width - mm(10)) / 2;
  const party = (label: string, p: InvoicePdfParty, x: number, y0: number, extra: string[] = []) =>
    drawPartyColumn(doc, { x, y: y0, width: col }, label, p.name, [
      ...partyLines(p, w, words.identity),
      ...extra,
    ]);

  let y = mm(16);
  y += drawText(doc, w.title(input.invoice.kind, input.invoice.number), left, y, width, {
    bold: true,
    size: 16,
    lineGap: 0,
  });
  y = Math.max(y, mm(26)) + 10;
  const delivery = input.buyer.delivery_address_lines ?? [];
  const a = party(w.seller, input.seller, left, y);
  const b = party(
    w.buyer,
    input.buyer,
    left + col + mm(10),
    y,
    delivery.length > 0 ? [`${w.deliveryAddress}${NB}:`, ...delivery.slice(0, 4)] : [],
  );
  y = Math.max(a, b) + 14;

  const dates: [string, string][] = [];
  if (input.invoice.issue_date) dates.push([w.issue, words.shortDate(input.invoice.issue_date)]);
  if (input.invoice.delivery_date) dates.push([w.delivery, words.shortDate(input.invoice.delivery_date)]);
  dates.push([w.due, words.shortDate(input.invoice.due_date)]);
  const cell = width / dates.length;
  dates.forEach(([label, value], i) => {
    drawText(doc, label, left + i * cell, y, cell - 6, { size: 8, color: MUTED, lineGap: 0 });
    drawText(doc, value, left + i * cell, y + 11, cell - 6, { bold: true, size: 10.5, lineGap: 0 });
  });
  return y + 36;
}

function body(flow: Flow, input: InvoicePdfInput, w: InvoiceWording): Block[] {
  const words = wordingFor(input.locale);
  const money = (n: number) => formatEuros(cents(n), input.locale);
  const { invoice } = input;
  const blocks: Block[] = [];
  const operation = present([
    invoice.operation_category && `${w.categoryLabel} ${w.category[invoice.operation_category]}.`,
    invoice.vat_on_debits && !invoice.vat_franchise && w.vatOnDebits,
  ]);
  for (const o of operation) blocks.push(paragraphBlock(flow, o, { size: 9 }, 4));
  if (invoice.lines.length > 0) {
    blocks.push(saleLinesBlock(flow, w.columns, invoice.lines, input.locale));
  } else {
    blocks.push(paragraphBlock(flow, w.noLines, { size: 9, color: MUTED }, 10));
  }

  const totals: StatementLine[] = [];
  if (invoice.total_ht_cents !== null)
    totals.push({ label: w.totalHt, amount: money(invoice.total_ht_cents) });
  if (!invoice.vat_franchise) {
    for (const v of invoice.vat_breakdown) {
      totals.push({
        label: w.vat(ratePercent(v.rate_bp, input.locale), money(v.base_cents)),
        amount: money(v.vat_cents),
      });
    }
    if (invoice.total_vat_cents !== null && invoice.vat_breakdown.length !== 1)
      totals.push({ label: w.vatTotal, amount: money(invoice.total_vat_cents) });
  }
  const received = invoice.total_ttc_cents - input.balance_cents;
  totals.push({ label: w.totalTtc, amount: money(invoice.total_ttc_cents), total: received === 0 });
  if (received !== 0) totals.push({ label: w.alreadyPaid, amount: money(received) });
  totals.push({ label: w.balance, amount: money(input.balance_cents), total: true });
  blocks.push(statementBlock(flow, w.totalsTitle, totals));
  if (invoice.vat_franchise) blocks.push(paragraphBlock(flow, w.franchise, { bold: true, size: 9.5 }, 8));
  if (input.balance_cents <= 0) blocks.push(paragraphBlock(flow, w.settled, { bold: true }, 10));

  const conditions = [`${w.dueOn(words.longDate(invoice.due_date))} ${w.noDiscount}`];
  if (input.buyer.kind !== "consumer") {
    conditions.push(w.penalties(invoice.penalty_rate_label));
    if (invoice.indemnity_applies) conditions.push(w.indemnity);
  }
  const title = paragraphBlock(flow, w.conditionsTitle, { bold: true, size: 10 }, 4);
  title.keepWithNext = true;
  blocks.push(title, ...conditions.map((c) => paragraphBlock(flow, c, { size: 9, align: "justify" }, 5)));

  if (input.balance_cents > 0) {
    const pay = paymentBlock(
      flow,
      {
        creditor: {
          name: input.seller.name,
          address_lines: [],
          iban: input.seller.iban ?? null,
          bic: input.seller.bic ?? null,
        },
        payment_reference: input.payment_reference,
        qr_png: input.qr_png ?? null,
      },
      w,
    );
    if (pay) blocks.push(pay);
  }
  return blocks;
}

/**
 * With `facturx`, the same invoice as a Factur-X PDF (pdf/facturx.ts): PDF/A-3b with embedded fonts and the CII XML
 * attached; its date (creation, modification, the attachment's) is then the invoice's issue date, not the day.
 */
export async function renderInvoice(input: InvoicePdfInput, facturx?: FacturXAttachment): Promise<Buffer> {
  const date = parseIsoDate((facturx && input.invoice.issue_date) || input.date);
  if (!date.ok) throw new RangeError(`invoice PDF date is not YYYY-MM-DD: ${input.date}`);
  const w = input.locale === "en" ? invoiceEn : invoiceFr;
  const words = wordingFor(input.locale);
  const title = toWinAnsi(w.title(input.invoice.kind, input.invoice.number));
  const author = toWinAnsi(input.seller.name);
  const made = new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day));
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: input.locale === "en" ? "en-GB" : "fr-FR",
    ...(facturx ? facturXOptions() : {}),
    info: {
      // pdfkit copies Title and Author into the XMP unescaped: a Factur-X PDF has them there, escaped, only.
      ...(facturx ? { ModDate: made } : { Title: title, Author: author }),
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: made,
    },
  });
  if (facturx) prepareFacturX(doc, facturx, { title, author, date: made });
  const output = toBuffer(doc);
  const flow = new Flow(doc, drawHead(doc, input, w));
  flowBlocks(flow, body(flow, input, w));
  finishPages(doc, (index, count) => {
    const width = A4.width - MARGIN.left - MARGIN.right;
    const small: Style = { size: 7.5, color: MUTED, lineGap: 0 };
    if (index > 0) {
      const head = `${w.title(input.invoice.kind, input.invoice.number)} – ${input.seller.name}`;
      drawText(doc, fitLine(doc, head, width, small), MARGIN.left, mm(12), width, small);
    }
    const foot = present([
      w.footer(input.invoice.number),
      input.seller.name,
      input.seller.siren && `${words.identity.siren} ${input.seller.siren}`,
    ]).join(" – ");
    drawText(doc, fitLine(doc, foot, width - 60, small), MARGIN.left, A4.height - mm(12), width - 60, small);
    drawText(doc, `${index + 1}/${count}`, MARGIN.left + width - 60, A4.height - mm(12), 60, {
      size: 8,
      align: "right",
    });
  });
  doc.end();
  return output;
}
