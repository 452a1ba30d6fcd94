/**
 * The acknowledgement of debt (reconnaissance de dette) of a payment plan, as a PDF (pdfkit, standard fonts): the
 * parties, the debt invoice by invoice and its total, the schedule, the déchéance du terme clause, the interruption
 * of prescription, the handwritten mention « bon pour reconnaissance de dette de … » in words and figures (Code
 * civil 1376), place, date and both signatures (LAW.md §6). Deterministic: the PDF's dates come from `input.date`.
 */
import PDFDocument from "pdfkit";
import { parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { amountInFrenchWords } from "../core/money-words.js";
import { present, toBuffer } from "./figures.js";
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
  textHeight,
} from "./layout.js";
import { groupIban } from "./letter-blocks.js";
import type { LetterParty } from "./letters.js";
import { gridBlock, statementBlock } from "./table.js";
import { type AcknowledgementWording, acknowledgementWording } from "./wording-acknowledgement.js";

export interface AcknowledgementInput {
  locale: "fr" | "en";
  /** The document's date, YYYY-MM-DD; also the PDF's creation date. */
  date: string;
  place?: string | null;
  creditor: LetterParty & { iban?: string | null; signatory?: string | null };
  debtor: LetterParty & { kind: "business" | "consumer" | "public"; representative?: string | null };
  invoices: {
    number: string;
    issue_date: string | null;
    due_date: string;
    total_cents: number;
    balance_cents: number;
  }[];
  installments: { position: number; due_on: string; amount_cents: number }[];
  total_cents: number;
  grace_days: number;
}

function partyBlock(
  flow: Flow,
  party: LetterParty,
  role: string,
  w: AcknowledgementWording,
  extra: string[],
): Block {
  const lines = present([
    present([party.legal_form, party.siren && `${w.siren} ${party.siren}`]).join(" – "),
    ...party.address_lines.slice(0, 5),
    ...extra,
  ]);
  const nameH = textHeight(flow.doc, party.name, flow.width - 20, { bold: true, size: 10.5 });
  const restH = textHeight(flow.doc, [...lines, role].join("\n"), flow.width - 20, { size: 9.5, lineGap: 1 });
  return {
    height: nameH + restH + 12,
    draw: (f) => {
      f.doc
        .moveTo(f.left, f.y)
        .lineTo(f.left, f.y + nameH + restH)
        .lineWidth(1.2)
        .strokeColor(RULE)
        .stroke();
      drawText(f.doc, party.name, f.left + 10, f.y, f.width - 20, { bold: true, size: 10.5 });
      drawText(f.doc, [...lines, role].join("\n"), f.left + 10, f.y + nameH, f.width - 20, {
        size: 9.5,
        lineGap: 1,
      });
      f.y += nameH + restH + 12;
    },
  };
}

/** Two signature boxes side by side: the creditor's and the debtor's (with room for the handwritten mention). */
function signaturesBlock(flow: Flow, input: AcknowledgementInput, w: AcknowledgementWording): Block {
  const gap = 16;
  const width = (flow.width - gap) / 2;
  const height = 120;
  const head: Style = { bold: true, size: 10, lineGap: 0 };
  const small: Style = { size: 8.5, color: MUTED, lineGap: 0 };
  const box = (f: Flow, x: number, title: string, name: string) => {
    f.doc.roundedRect(x, f.y, width, height, 3).lineWidth(0.6).strokeColor(RULE).stroke();
    drawText(f.doc, title, x + 8, f.y + 8, width - 16, head);
    drawText(f.doc, fitLine(f.doc, name, width - 16, small), x + 8, f.y + 22, width - 16, small);
    drawText(f.doc, w.signature, x + 8, f.y + height - 16, width - 16, small);
  };
  return {
    height: height + 10,
    draw: (f) => {
      const creditor = present([input.creditor.signatory, input.creditor.name]).join(" – ");
      const debtor = present([input.debtor.representative, input.debtor.name]).join(" – ");
      box(f, f.left, w.signCreditor, creditor);
      box(f, f.left + width + gap, w.signDebtor, debtor);
      f.y += height + 10;
    },
  };
}

export async function renderAcknowledgement(input: AcknowledgementInput): Promise<Buffer> {
  const date = parseIsoDate(input.date);
  if (!date.ok) throw new RangeError(`document date is not YYYY-MM-DD: ${input.date}`);
  if (input.invoices.length === 0)
    throw new RangeError("an acknowledgement of debt needs at least one invoice");
  if (input.installments.length === 0)
    throw new RangeError("a payment schedule needs at least one installment");
  const owed = input.invoices.reduce((s, i) => s + cents(i.balance_cents), 0);
  const scheduled = input.installments.reduce((s, i) => s + cents(i.amount_cents), 0);
  // a document of debt must never state a sum that does not add up
  if (owed !== input.total_cents || scheduled !== input.total_cents) {
    throw new RangeError(`total ${input.total_cents}: invoices sum to ${owed}, installments to ${scheduled}`);
  }
  const w = acknowledgementWording(input.locale);
  const money = (n: number) => formatEuros(cents(n), input.locale);
  const words = amountInFrenchWords(cents(input.total_cents));
  const figures = money(input.total_cents);

  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: input.locale === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: `${w.page} – ${input.debtor.name}`,
      Author: input.creditor.name,
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);

  const width = A4.width - MARGIN.left - MARGIN.right;
  let y = mm(18);
  y += drawText(doc, w.title, MARGIN.left, y, width, { bold: true, size: 16, align: "center", lineGap: 0 });
  y += drawText(doc, w.subtitle, MARGIN.left, y + 2, width, { size: 11, align: "center", color: MUTED });
  const flow = new Flow(doc, y + 18);

  const p = (text: string, style: Style = {}) =>
    paragraphBlock(flow, text, { align: "justify", lineGap: 2, ...style }, 7);
  const heading = (text: string) => {
    const b = paragraphBlock(flow, text, { bold: true, size: 10.5 }, 4);
    b.keepWithNext = true;
    return b;
  };
  const creditorExtra = present([input.creditor.email, input.creditor.phone]);
  const debtorExtra = present([input.debtor.representative && w.representedBy(input.debtor.representative)]);
  const reference = input.invoices
    .map((i) => i.number)
    .join(" ")
    .slice(0, 140);
  const c = w.invoiceColumns;
  const s = w.scheduleColumns;
  const intro1 = p(w.acknowledges(words, figures, input.invoices.length));
  intro1.keepWithNext = true;
  const intro2 = p(w.schedule(input.installments.length, input.grace_days));
  intro2.keepWithNext = true;
  const mentionIntro = p(w.mentionIntro);
  mentionIntro.keepWithNext = true;
  const mention = paragraphBlock(flow, w.mention(words, figures), { bold: true, lineGap: 2 }, 10);
  mention.keepWithNext = true;
  const madeAt = p(w.madeAt(input.place ?? null, input.date));
  madeAt.keepWithNext = true;

  flowBlocks(flow, [
    p(w.between),
    partyBlock(flow, input.creditor, w.creditorRole, w, creditorExtra),
    partyBlock(flow, input.debtor, w.debtorRole, w, debtorExtra),
    heading(w.article1),
    intro1,
    gridBlock(
      flow,
      [
        { title: c.number, width: 0 },
        { title: c.issue, width: 66 },
        { title: c.due, width: 66 },
        { title: c.total, width: 90, align: "right" },
        { title: c.balance, width: 90, align: "right" },
      ],
      input.invoices.map((i) => [
        i.number,
        i.issue_date ? w.shortDate(i.issue_date) : "",
        w.shortDate(i.due_date),
        money(i.total_cents),
        money(i.balance_cents),
      ]),
      4,
    ),
    statementBlock(flow, "", [{ label: w.total, amount: figures, total: true }]),
    heading(w.article2),
    intro2,
    gridBlock(
      flow,
      [
        { title: s.position, width: 90 },
        { title: s.due, width: 0 },
        { title: s.amount, width: 120, align: "right" },
      ],
      input.installments.map((i) => [
        `${i.position}/${input.installments.length}`,
        w.longDate(i.due_on),
        money(i.amount_cents),
      ]),
      4,
    ),
    statementBlock(flow, "", [{ label: w.total, amount: figures, total: true }]),
    p(w.payment(input.creditor.iban ? groupIban(input.creditor.iban) : null, reference), { align: "left" }),
    heading(w.article3),
    p(w.acceleration(input.grace_days)),
    heading(w.article4),
    p(w.effects),
    madeAt,
    mentionIntro,
    mention,
    signaturesBlock(flow, input, w),
  ]);

  finishPages(doc, (index, count) => {
    const small: Style = { size: 7.5, color: MUTED, lineGap: 0 };
    const footY = A4.height - mm(12);
    const left = present([input.creditor.name, `${w.page} – ${input.debtor.name}`]).join(" – ");
    drawText(doc, fitLine(doc, left, width - 60, small), MARGIN.left, footY, width - 60, small);
    drawText(doc, `${index + 1}/${count}`, MARGIN.left + width - 60, footY, 60, { size: 8, align: "right" });
  });
  doc.end();
  return output;
}
