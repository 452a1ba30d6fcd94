/**
 * The duplicate of an invoice (duplicata), regenerated on demand for the client file or a call: the parties, the
 * number and dates, the lines when the invoice has them (an imported invoice may have only its totals), the totals
 * HT / TVA / TTC, the late-payment penalty clause and, between professionals, the 40 € indemnity (C. com. L441-9,
 * L441-10, D441-5), the payments and credit notes received and the balance. Every page says DUPLICATA. Output is
 * byte-for-byte deterministic: the PDF's date is `input.date`.
 */
import PDFDocument from "pdfkit";
import { parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { present, ratePercent, toBuffer } from "./figures.js";
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
import { groupIban } from "./letter-blocks.js";
import type { LetterParty } from "./letters.js";
import { drawPartyColumn, partyLines, saleLinesBlock } from "./sale-parts.js";
import { gridBlock, type StatementLine, statementBlock } from "./table.js";
import { toWinAnsi } from "./text.js";
import { wordingFor } from "./wording.js";

export interface DuplicateLine {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_ht_cents: number;
}

export interface DuplicateInput {
  locale: "fr" | "en";
  /** The day the duplicate is made, YYYY-MM-DD; also the PDF's creation date. */
  date: string;
  seller: LetterParty & { iban?: string | null; bic?: string | null };
  buyer: LetterParty & { kind: "business" | "consumer" | "public" };
  invoice: {
    number: string;
    kind: "invoice" | "deposit" | "credit_note";
    issue_date: string | null;
    delivery_date: string | null;
    due_date: string;
    lines: DuplicateLine[];
    /** Null on an imported invoice that gave only its TTC total. */
    total_ht_cents: number | null;
    total_vat_cents: number | null;
    total_ttc_cents: number;
    /** Per VAT rate, from the lines (empty without lines). */
    vat_breakdown: { rate_bp: number; base_cents: number; vat_cents: number }[];
    /** How the penalty rate reads, e.g. "taux BCE + 10 points". */
    penalty_rate_label: string;
    indemnity_applies: boolean;
  };
  payments: { date: string; method_label: string; reference: string | null; amount_cents: number }[];
  credit_notes: { number: string; issue_date: string | null; total_cents: number }[];
  balance_cents: number;
}

interface DuplicateWording {
  stamp: string;
  title(kind: DuplicateInput["invoice"]["kind"], number: string): string;
  made(date: string): string;
  seller: string;
  buyer: string;
  issue: string;
  delivery: string;
  due: string;
  columns: { description: string; quantity: string; unit: string; vat: string; total: string };
  noLines: string;
  totalsTitle: string;
  totalHt: string;
  vat(rate: string): string;
  vatTotal: string;
  totalTtc: string;
  paymentsTitle: string;
  paymentColumns: { date: string; method: string; reference: string; amount: string };
  creditNote(number: string, date: string): string;
  paid: string;
  statusTitle: string;
  balance: string;
  settled: string;
  conditionsTitle: string;
  dueOn(date: string): string;
  penalties(rate: string): string;
  indemnity: string;
  payTo(iban: string): string;
  footer(number: string, date: string): string;
}

const NB = "\u00A0";

const fr: DuplicateWording = {
  stamp: "DUPLICATA",
  title: (kind, number) =>
    `${kind === "credit_note" ? "Avoir" : kind === "deposit" ? "Facture d'acompte" : "Facture"} n°${NB}${number}`,
  made: (date) => `Duplicata établi le ${date}, conforme à la facture originale.`,
  seller: "Émetteur",
  buyer: "Client",
  issue: "Date d'émission",
  delivery: "Date de livraison ou d'exécution",
  due: "Date d'échéance",
  columns: { description: "Désignation", quantity: "Qté", unit: "PU HT", vat: "TVA", total: "Total HT" },
  noLines:
    "Le détail des lignes de cette facture n'est pas enregistré (facture importée) : seuls ses montants sont reproduits.",
  totalsTitle: "Montants",
  totalHt: "Total HT",
  vat: (rate) => `TVA ${rate}`,
  vatTotal: "Total TVA",
  totalTtc: "Total TTC",
  paymentsTitle: "Règlements reçus",
  paymentColumns: { date: "Date", method: "Mode", reference: "Référence", amount: "Montant" },
  creditNote: (number, date) => `Avoir n°${NB}${number}${date ? ` du ${date}` : ""}`,
  paid: "Total réglé et avoirs",
  statusTitle: "Situation au jour du duplicata",
  balance: "Reste à payer",
  settled: "Facture soldée.",
  conditionsTitle: "Conditions de paiement",
  dueOn: (date) => `Paiement à l'échéance du ${date}. Pas d'escompte pour paiement anticipé.`,
  penalties: (rate) =>
    `En cas de retard de paiement, des pénalités de retard sont exigibles de plein droit dès le lendemain de la date d'échéance, au ${rate} (art. L441-10 du Code de commerce).`,
  indemnity: `Tout retard de paiement entraîne en outre une indemnité forfaitaire pour frais de recouvrement de 40${NB}€ (art. L441-10 et D441-5 du Code de commerce).`,
  payTo: (iban) => `Règlement par virement sur l'IBAN ${iban}.`,
  footer: (number, date) => `Duplicata de la facture n°${NB}${number} – établi le ${date}`,
};

const en: DuplicateWording = {
  stamp: "DUPLICATA",
  title: (kind, number) =>
    `${kind === "credit_note" ? "Credit note" : kind === "deposit" ? "Deposit invoice" : "Invoice"} no. ${number}`,
  made: (date) => `Duplicate (duplicata) made on ${date}, true to the original invoice.`,
  seller: "Issued by",
  buyer: "Client",
  issue: "Issue date",
  delivery: "Delivery or service date",
  due: "Due date",
  columns: {
    description: "Description",
    quantity: "Qty",
    unit: "Unit price",
    vat: "VAT",
    total: "Net total",
  },
  noLines: "The lines of this invoice are not recorded (imported invoice): only its amounts are reproduced.",
  totalsTitle: "Amounts",
  totalHt: "Total excl. VAT (HT)",
  vat: (rate) => `VAT ${rate}`,
  vatTotal: "Total VAT (TVA)",
  totalTtc: "Total incl. VAT (TTC)",
  paymentsTitle: "Payments received",
  paymentColumns: { date: "Date", method: "Method", reference: "Reference", amount: "Amount" },
  creditNote: (number, date) => `Credit note no. ${number}${date ? ` of ${date}` : ""}`,
  paid: "Total paid and credited",
  statusTitle: "Position on the day of the duplicate",
  balance: "Balance due",
  settled: "Invoice settled.",
  conditionsTitle: "Payment terms",
  dueOn: (date) => `Payment due on ${date}. No discount for early payment.`,
  penalties: (rate) =>
    `Late payment penalties are due by law from the day after the due date, at the ${rate} (art. L441-10 of the French Commercial Code).`,
  indemnity:
    "Any late payment also incurs a fixed recovery fee (indemnité forfaitaire pour frais de recouvrement) of €40 (art. L441-10 and D441-5 of the French Commercial Code).",
  payTo: (iban) => `Payment by bank transfer to IBAN ${iban}.`,
  footer: (number, date) => `Duplicate of invoice no. ${number} – made on ${date}`,
};

const STAMP_COLOR = "#b42318";

/** The head of page 1: the parties side by side, the title with the DUPLICATA stamp, the dates. */
function drawHead(doc: Doc, input: DuplicateInput, w: DuplicateWording): number {
  const words = wordingFor(input.locale);
  const left = MARGIN.left;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const col = (width - mm(10)) / 2;
  const party = (label: string, p: LetterParty, x: number, y0: number) =>
    drawPartyColumn(doc, { x, y: y0, width: col }, label, p.name, partyLines(p, words.identity));

  // the stamp: a framed word, top right, on the first page
  const stampW = mm(52);
  const stampX = left + width - stampW;
  doc.save();
  doc.roundedRect(stampX, mm(14), stampW, mm(13), 3).lineWidth(1.6).strokeColor(STAMP_COLOR).stroke();
  doc.restore();
  drawText(doc, w.stamp, stampX, mm(14) + mm(3.2), stampW, {
    bold: true,
    size: 18,
    color: STAMP_COLOR,
    align: "center",
    lineGap: 0,
  });

  let y = mm(16);
  y += drawText(doc, w.title(input.invoice.kind, input.invoice.number), left, y, width - stampW - mm(6), {
    bold: true,
    size: 16,
    lineGap: 0,
  });
  y += drawText(doc, w.made(words.longDate(input.date)), left, y + 3, width - stampW - mm(6), {
    size: 9,
    color: MUTED,
  });
  y = Math.max(y, mm(30)) + 14;
  const a = party(w.seller, input.seller, left, y);
  const b = party(w.buyer, input.buyer, left + col + mm(10), y);
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

function body(flow: Flow, input: DuplicateInput, w: DuplicateWording): Block[] {
  const words = wordingFor(input.locale);
  const money = (n: number) => formatEuros(cents(n), input.locale);
  const { invoice } = input;
  const blocks: Block[] = [];
  if (invoice.lines.length > 0) {
    blocks.push(saleLinesBlock(flow, w.columns, invoice.lines, input.locale));
  } else {
    blocks.push(paragraphBlock(flow, w.noLines, { size: 9, color: MUTED }, 10));
  }

  const totals: StatementLine[] = [];
  if (invoice.total_ht_cents !== null)
    totals.push({ label: w.totalHt, amount: money(invoice.total_ht_cents) });
  if (invoice.vat_breakdown.length > 1) {
    for (const v of invoice.vat_breakdown) {
      totals.push({
        label: `${w.vat(ratePercent(v.rate_bp, input.locale))} (${money(v.base_cents)})`,
        amount: money(v.vat_cents),
      });
    }
  }
  if (invoice.total_vat_cents !== null) {
    const only = invoice.vat_breakdown.length === 1 ? invoice.vat_breakdown[0] : undefined;
    totals.push({
      label: only ? w.vat(ratePercent(only.rate_bp, input.locale)) : w.vatTotal,
      amount: money(invoice.total_vat_cents),
    });
  }
  totals.push({ label: w.totalTtc, amount: money(invoice.total_ttc_cents), total: true });
  blocks.push(statementBlock(flow, w.totalsTitle, totals));

  if (input.payments.length > 0 || input.credit_notes.length > 0) {
    const rows = [
      ...input.payments.map((p) => [
        words.shortDate(p.date),
        p.method_label,
        p.reference ?? "",
        money(p.amount_cents),
      ]),
      ...input.credit_notes.map((c) => [
        c.issue_date ? words.shortDate(c.issue_date) : "",
        w.creditNote(c.number, ""),
        "",
        money(Math.abs(c.total_cents)),
      ]),
    ];
    const title = paragraphBlock(flow, w.paymentsTitle, { bold: true, size: 10 }, 4);
    title.keepWithNext = true;
    blocks.push(
      title,
      gridBlock(
        flow,
        [
          { title: w.paymentColumns.date, width: 70 },
          { title: w.paymentColumns.method, width: 130 },
          { title: w.paymentColumns.reference, width: 0 },
          { title: w.paymentColumns.amount, width: 90, align: "right" },
        ],
        rows,
      ),
    );
  }
  const received = invoice.total_ttc_cents - input.balance_cents;
  blocks.push(
    statementBlock(flow, w.statusTitle, [
      { label: w.totalTtc, amount: money(invoice.total_ttc_cents) },
      { label: w.paid, amount: money(received) },
      { label: w.balance, amount: money(input.balance_cents), total: true },
    ]),
  );
  if (input.balance_cents <= 0) blocks.push(paragraphBlock(flow, w.settled, { bold: true }, 10));

  const conditions = [w.dueOn(words.longDate(invoice.due_date))];
  if (input.buyer.kind !== "consumer") {
    conditions.push(w.penalties(invoice.penalty_rate_label));
    if (invoice.indemnity_applies) conditions.push(w.indemnity);
  }
  if (input.seller.iban) conditions.push(w.payTo(groupIban(input.seller.iban)));
  const title = paragraphBlock(flow, w.conditionsTitle, { bold: true, size: 10 }, 4);
  title.keepWithNext = true;
  blocks.push(title, ...conditions.map((c) => paragraphBlock(flow, c, { size: 9, align: "justify" }, 5)));
  return blocks;
}

/** A light diagonal DUPLICATA across the page, behind nothing important (drawn last, very pale). */
function watermark(doc: Doc, text: string): void {
  doc.save();
  doc.rotate(-35, { origin: [A4.width / 2, A4.height / 2] });
  doc
    .font("Helvetica-Bold")
    .fontSize(96)
    .fillColor(STAMP_COLOR)
    .fillOpacity(0.07)
    .text(toWinAnsi(text), 0, A4.height / 2 - 48, { width: A4.width, align: "center", lineBreak: false });
  doc.restore();
}

export async function renderInvoiceDuplicate(input: DuplicateInput): Promise<Buffer> {
  const date = parseIsoDate(input.date);
  if (!date.ok) throw new RangeError(`duplicate date is not YYYY-MM-DD: ${input.date}`);
  const w = input.locale === "en" ? en : fr;
  const words = wordingFor(input.locale);
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: input.locale === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: toWinAnsi(`${w.stamp} – ${w.title(input.invoice.kind, input.invoice.number)}`),
      Author: toWinAnsi(input.seller.name),
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);
  const flow = new Flow(doc, drawHead(doc, input, w));
  flowBlocks(flow, body(flow, input, w));
  finishPages(doc, (index, count) => {
    const width = A4.width - MARGIN.left - MARGIN.right;
    const small: Style = { size: 7.5, color: MUTED, lineGap: 0 };
    if (index > 0) {
      const head = `${w.stamp} – ${w.title(input.invoice.kind, input.invoice.number)} – ${input.seller.name}`;
      drawText(doc, fitLine(doc, head, width, small), MARGIN.left, mm(12), width, small);
    }
    const foot = present([
      w.footer(input.invoice.number, words.shortDate(input.date)),
      input.seller.name,
      input.seller.siren && `${words.identity.siren} ${input.seller.siren}`,
    ]).join(" – ");
    drawText(doc, fitLine(doc, foot, width - 60, small), MARGIN.left, A4.height - mm(12), width - 60, small);
    drawText(doc, `${index + 1}/${count}`, MARGIN.left + width - 60, A4.height - mm(12), 60, {
      size: 8,
      align: "right",
    });
    watermark(doc, w.stamp);
  });
  doc.end();
  return output;
}
