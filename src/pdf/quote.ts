/**
 * The quote (devis) as a PDF: the parties (seller with SIREN and VAT number, or the VAT franchise mention), number,
 * date and validity, the lines, totals HT / TVA per rate / TTC, the deposit asked and the remainder, payment terms,
 * the late-payment penalties and, between professionals, the 40 € indemnity, and the « Bon pour accord » block
 * (date, signature, « lu et approuvé »). LAW.md §9. Output is byte-for-byte deterministic: the PDF's date is
 * `input.date`.
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
  RULE,
  type Style,
} from "./layout.js";
import { groupIban } from "./letter-blocks.js";
import type { LetterParty } from "./letters.js";
import { type QuoteWording, quoteEn, quoteFr } from "./quote-wording.js";
import { drawPartyColumn, partyLines, saleLinesBlock } from "./sale-parts.js";
import { type StatementLine, statementBlock } from "./table.js";
import { toWinAnsi } from "./text.js";
import { wordingFor } from "./wording.js";

export interface QuotePdfInput {
  locale: "fr" | "en";
  /** The day the PDF is made, YYYY-MM-DD; the PDF's creation date. */
  date: string;
  seller: LetterParty & { iban?: string | null };
  buyer: LetterParty & { kind: "business" | "consumer" | "public" };
  quote: {
    number: string;
    issue_date: string;
    valid_until: string | null;
    lines: {
      description: string;
      quantity_milli: number;
      unit_price_cents: number;
      vat_rate_bp: number;
      total_ht_cents: number;
    }[];
    total_ht_cents: number;
    total_vat_cents: number;
    total_ttc_cents: number;
    vat_breakdown: { rate_bp: number; base_cents: number; vat_cents: number }[];
    deposit_percent: number;
    deposit_cents: number;
    /** The seller is in the VAT franchise (micro-entrepreneur): « TVA non applicable, art. 293 B du CGI ». */
    vat_franchise: boolean;
    /** The payment term as it reads ("30 jours"). */
    payment_term: string;
    /** How the penalty rate reads after « au », e.g. "taux de refinancement de la BCE majoré de 10 points". */
    penalty_rate_label: string;
  };
}

/** The head of page 1: the title, the parties side by side (the seller's letterhead left), the dates. */
function drawHead(doc: Doc, input: QuotePdfInput, w: QuoteWording): number {
  const words = wordingFor(input.locale);
  const left = MARGIN.left;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const col = (width - mm(10)) / 2;
  const party = (label: string, p: LetterParty, x: number, y0: number) =>
    drawPartyColumn(doc, { x, y: y0, width: col }, label, p.name, partyLines(p, words.identity));
  let y = mm(16);
  y += drawText(doc, w.title(input.quote.number), left, y, width, { bold: true, size: 16, lineGap: 0 }) + 12;
  const a = party(w.seller, input.seller, left, y);
  const b = party(w.buyer, input.buyer, left + col + mm(10), y);
  y = Math.max(a, b) + 14;
  const dates: [string, string][] = [
    [w.issue, words.shortDate(input.quote.issue_date)],
    [w.validUntil, input.quote.valid_until ? words.shortDate(input.quote.valid_until) : w.noValidity],
  ];
  const cell = width / dates.length;
  dates.forEach(([label, value], i) => {
    drawText(doc, label, left + i * cell, y, cell - 6, { size: 8, color: MUTED, lineGap: 0 });
    drawText(doc, value, left + i * cell, y + 11, cell - 6, { bold: true, size: 10.5, lineGap: 0 });
  });
  return y + 36;
}

/** « Bon pour accord »: the sentence, then a date box and a signature box side by side. */
function agreementBlock(w: QuoteWording): Block {
  const boxH = mm(32);
  const titleH = 16;
  const textH = 14;
  return {
    height: titleH + textH + boxH + 12,
    draw: (f) => {
      drawText(f.doc, w.agreementTitle, f.left, f.y, f.width, { bold: true, size: 10 });
      f.y += titleH;
      drawText(f.doc, w.agreementText, f.left, f.y, f.width, { size: 9 });
      f.y += textH;
      const dateW = f.width * 0.3;
      const gap = mm(6);
      const signW = f.width - dateW - gap;
      f.doc.save();
      f.doc.lineWidth(0.6).strokeColor(RULE);
      f.doc.rect(f.left, f.y, dateW, boxH).stroke();
      f.doc.rect(f.left + dateW + gap, f.y, signW, boxH).stroke();
      f.doc.restore();
      drawText(f.doc, w.date, f.left + 5, f.y + 5, dateW - 10, { size: 8.5, color: MUTED });
      drawText(f.doc, w.signature, f.left + dateW + gap + 5, f.y + 5, signW - 10, {
        size: 8.5,
        color: MUTED,
      });
      f.y += boxH + 12;
    },
  };
}

function body(flow: Flow, input: QuotePdfInput, w: QuoteWording): Block[] {
  const words = wordingFor(input.locale);
  const money = (n: number) => formatEuros(cents(n), input.locale);
  const { quote } = input;
  const blocks: Block[] = [saleLinesBlock(flow, w.columns, quote.lines, input.locale)];

  const totals: StatementLine[] = [{ label: w.totalHt, amount: money(quote.total_ht_cents) }];
  if (quote.vat_franchise) {
    totals.push({ label: w.vatFranchise, amount: money(0) });
  } else {
    for (const v of quote.vat_breakdown) {
      totals.push({
        label: `${w.vat(ratePercent(v.rate_bp, input.locale))} (${money(v.base_cents)})`,
        amount: money(v.vat_cents),
      });
    }
    if (quote.vat_breakdown.length > 1)
      totals.push({ label: w.vatTotal, amount: money(quote.total_vat_cents) });
  }
  totals.push({ label: w.totalTtc, amount: money(quote.total_ttc_cents), total: true });
  blocks.push(statementBlock(flow, w.totalsTitle, totals));
  if (quote.vat_franchise) blocks.push(paragraphBlock(flow, w.vatFranchise, { size: 9, bold: true }, 10));

  const depositTitle = paragraphBlock(flow, w.depositTitle, { bold: true, size: 10 }, 4);
  depositTitle.keepWithNext = true;
  blocks.push(depositTitle);
  if (quote.deposit_percent > 0) {
    const deposit = [
      w.deposit(quote.deposit_percent, money(quote.deposit_cents)),
      w.remainder(money(quote.total_ttc_cents - quote.deposit_cents)),
    ];
    if (input.buyer.kind === "consumer") deposit.push(w.consumerAcompte);
    blocks.push(...deposit.map((t) => paragraphBlock(flow, t, { size: 9, align: "justify" }, 5)));
  } else {
    blocks.push(paragraphBlock(flow, w.noDeposit, { size: 9 }, 5));
  }

  const conditions = present([
    quote.valid_until && w.validity(words.longDate(quote.valid_until)),
    w.paymentTerm(quote.payment_term),
    w.noDiscount,
    input.buyer.kind !== "consumer" && w.penalties(quote.penalty_rate_label),
    input.buyer.kind !== "consumer" && w.indemnity,
    input.seller.iban && w.payTo(groupIban(input.seller.iban)),
  ]);
  const title = paragraphBlock(flow, w.conditionsTitle, { bold: true, size: 10 }, 4);
  title.keepWithNext = true;
  blocks.push(title, ...conditions.map((c) => paragraphBlock(flow, c, { size: 9, align: "justify" }, 5)));
  blocks.push(agreementBlock(w));
  return blocks;
}

export async function renderQuotePdf(input: QuotePdfInput): Promise<Buffer> {
  const date = parseIsoDate(input.date);
  if (!date.ok) throw new RangeError(`quote PDF date is not YYYY-MM-DD: ${input.date}`);
  const w = input.locale === "en" ? quoteEn : quoteFr;
  const words = wordingFor(input.locale);
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: input.locale === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: toWinAnsi(w.title(input.quote.number)),
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
      const head = `${w.title(input.quote.number)} – ${input.seller.name}`;
      drawText(doc, fitLine(doc, head, width, small), MARGIN.left, mm(12), width, small);
    }
    const foot = present([
      w.footer(input.quote.number),
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
