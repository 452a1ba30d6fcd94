/**
 * A bill of exchange (lettre de change, C. com. L511-1) as a PDF: the classic French slip — the drawer's name, the
 * order « Contre cette LETTRE DE CHANGE … veuillez payer la somme de » with the amount in figures and in words,
 * the payee, the date and place of issue, the due date, the drawee (tiré) and the place of payment (domiciliation),
 * the acceptance box and the drawer's signature box — then, below the cutting line, the invoices it settles and
 * what the drawee is asked to do. Always in French (a French banking instrument). Deterministic: the PDF's date is
 * the issue date.
 */
import PDFDocument from "pdfkit";
import { BILL_TITLE, billOrder, LCR_SUBTITLE, placeOfPayment } from "../core/bills/text.js";
import { parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { toBuffer } from "./figures.js";
import {
  A4,
  type Doc,
  drawText,
  Flow,
  finishPages,
  fitLine,
  flowBlocks,
  INK,
  MARGIN,
  MUTED,
  mm,
  paragraphBlock,
  RULE,
  SHADE,
  type Style,
} from "./layout.js";
import { groupIban } from "./letter-blocks.js";
import type { LetterParty } from "./letters.js";
import { gridBlock } from "./table.js";
import { toWinAnsi } from "./text.js";
import { wordingFr } from "./wording-fr.js";

export interface BillInput {
  /** Printed as the bill's reference. */
  reference: string;
  amount_cents: number;
  issue_on: string; // YYYY-MM-DD
  issue_place: string;
  due_on: string; // YYYY-MM-DD
  drawer: LetterParty & { signatory?: string | null };
  payee_name: string;
  drawee: { name: string; address_lines: string[]; siren?: string | null };
  domiciliation: { bank: string | null; iban: string | null };
  lcr: boolean;
  invoices: { number: string; due_date: string; amount_cents: number }[];
}

const LABEL: Style = { size: 6.5, color: MUTED, lineGap: 0 };
const VALUE: Style = { size: 10, bold: true, lineGap: 0 };

/** A labelled box of the slip: a small caption above, the value inside. */
function box(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  h: number,
  label: string,
  value: string,
  style = VALUE,
) {
  doc.rect(x, y, w, h).lineWidth(0.6).strokeColor(INK).stroke();
  drawText(doc, fitLine(doc, label, w - 6, LABEL), x + 3, y + 2.5, w - 6, LABEL);
  drawText(doc, value, x + 4, y + 11, w - 8, style, h - 13);
}

/** The slip itself, framed, from `top`; returns the y below it. */
function drawSlip(doc: Doc, input: BillInput): number {
  const w = wordingFr;
  const left = MARGIN.left;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const top = mm(18);
  const height = mm(118);
  const money = formatEuros(cents(input.amount_cents), "fr");

  doc.rect(left, top, width, height).lineWidth(1.2).strokeColor(INK).stroke();
  doc.rect(left + 1.5, top + 1.5, width - 3, 22).fill(SHADE);

  // the drawer (tireur), top left; the title, top right
  let y = top + 6;
  drawText(
    doc,
    fitLine(doc, input.drawer.name, width * 0.5, { bold: true, size: 10 }),
    left + 8,
    y,
    width * 0.5,
    {
      bold: true,
      size: 10,
      lineGap: 0,
    },
  );
  drawText(doc, BILL_TITLE, left + width * 0.45, y - 1, width * 0.55 - 8, {
    bold: true,
    size: 15,
    align: "right",
    lineGap: 0,
  });
  y = top + 27;
  const drawerLines = [
    ...input.drawer.address_lines.slice(0, 2),
    input.drawer.siren ? `SIREN ${input.drawer.siren}` : "",
  ].filter((l) => l.trim() !== "");
  for (const line of drawerLines) {
    y += drawText(doc, fitLine(doc, line, width * 0.45, LABEL), left + 8, y, width * 0.45, {
      ...LABEL,
      size: 7.5,
    });
  }
  if (input.lcr) {
    drawText(doc, LCR_SUBTITLE, left + width * 0.45, top + 27, width * 0.55 - 8, {
      size: 8,
      color: MUTED,
      align: "right",
    });
  }
  drawText(doc, `Réf. ${input.reference}`, left + width * 0.45, top + 38, width * 0.55 - 8, {
    size: 7.5,
    color: MUTED,
    align: "right",
  });

  // the order to pay, amount in figures and words, and the payee
  y = Math.max(y, top + 50) + 4;
  y += drawText(doc, billOrder(input.amount_cents, input.payee_name), left + 8, y, width - 16, {
    size: 10.5,
    lineGap: 2,
  });
  y += 8;

  // the row of boxes of the bank format
  const gap = 6;
  const cols = [0.2, 0.2, 0.2, 0.4].map((f) => (width - 16 - 3 * gap) * f);
  const rowH = 30;
  let x = left + 8;
  const cells: [string, string][] = [
    ["Montant pour contrôle", money],
    ["Date de création", w.shortDate(input.issue_on)],
    ["Échéance", w.shortDate(input.due_on)],
    ["Lieu de création", input.issue_place],
  ];
  cells.forEach(([label, value], i) => {
    const cw = cols[i] ?? 0;
    box(doc, x, y, cw, rowH, label, value);
    x += cw + gap;
  });
  y += rowH + gap;

  // the drawee and the place of payment, then acceptance and signature
  const half = (width - 16 - gap) / 2;
  const draweeText = [
    input.drawee.name,
    ...input.drawee.address_lines.slice(0, 3),
    input.drawee.siren ? `SIREN ${input.drawee.siren}` : "",
  ]
    .filter((l) => l.trim() !== "")
    .join("\n");
  const place = placeOfPayment(input.domiciliation, input.drawee.address_lines);
  const domiciliation = [
    input.domiciliation.bank ?? "",
    input.domiciliation.iban ? `IBAN ${groupIban(input.domiciliation.iban)}` : "",
  ]
    .filter((l) => l.trim() !== "")
    .join("\n");
  const tallH = 58;
  box(doc, left + 8, y, half, tallH, "Nom et adresse du tiré", draweeText, { size: 9, lineGap: 0.5 });
  box(
    doc,
    left + 8 + half + gap,
    y,
    half,
    tallH,
    "Domiciliation – lieu de paiement",
    domiciliation || `Au domicile du tiré : ${place}`,
    { size: 9, lineGap: 0.5 },
  );
  y += tallH + gap;
  const signH = height - (y - top) - 8;
  box(doc, left + 8, y, half, signH, "Acceptation ou aval du tiré (date et signature)", "", VALUE);
  const signatory = [input.drawer.signatory, input.drawer.name].filter(
    (s): s is string => !!s && s.trim() !== "",
  );
  box(
    doc,
    left + 8 + half + gap,
    y,
    half,
    signH,
    "Signature du tireur",
    `${w.placeDate(input.issue_place, input.issue_on)}\n\n\n${signatory.join(" – ")}`,
    { size: 8.5, lineGap: 0.5 },
  );
  return top + height;
}

export async function renderBillOfExchange(input: BillInput): Promise<Buffer> {
  const date = parseIsoDate(input.issue_on);
  if (!date.ok) throw new RangeError(`bill issue date is not YYYY-MM-DD: ${input.issue_on}`);
  if (!parseIsoDate(input.due_on).ok)
    throw new RangeError(`bill due date is not YYYY-MM-DD: ${input.due_on}`);
  if (!Number.isSafeInteger(input.amount_cents) || input.amount_cents <= 0) {
    throw new RangeError(`bill amount must be positive cents: ${input.amount_cents}`);
  }
  const w = wordingFr;
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: "fr-FR",
    info: {
      Title: toWinAnsi(`${BILL_TITLE} – ${input.drawee.name} – ${w.shortDate(input.due_on)}`),
      Author: toWinAnsi(input.drawer.name),
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);
  const bottom = drawSlip(doc, input);

  // the cutting line
  const cut = bottom + mm(8);
  doc
    .moveTo(MARGIN.left, cut)
    .lineTo(A4.width - MARGIN.right, cut)
    .dash(3, { space: 3 })
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke()
    .undash();

  const flow = new Flow(doc, cut + mm(8));
  const money = (n: number) => formatEuros(cents(n), "fr");
  const title = paragraphBlock(
    flow,
    "Factures réglées par cette lettre de change",
    { bold: true, size: 10 },
    4,
  );
  title.keepWithNext = true;
  const total = input.invoices.reduce((s, i) => s + i.amount_cents, 0);
  flowBlocks(flow, [
    title,
    gridBlock(
      flow,
      [
        { title: "Facture n°", width: 0 },
        { title: "Échéance", width: 90 },
        { title: "Montant réglé", width: 110, align: "right" },
      ],
      [
        ...input.invoices.map((i) => [i.number, w.shortDate(i.due_date), money(i.amount_cents)]),
        ["Total", "", money(total)],
      ],
    ),
    paragraphBlock(
      flow,
      input.lcr
        ? `Cette lettre de change relevé sera présentée au paiement par notre banque à l'échéance du ${w.longDate(input.due_on)}, sur le compte domicilié ci-dessus.`
        : `Nous vous remercions de nous retourner cette lettre de change revêtue de votre acceptation (date et signature dans le cadre prévu) et de votre domiciliation bancaire. Elle sera présentée au paiement à l'échéance du ${w.longDate(input.due_on)}.`,
      { size: 9, align: "justify" },
      6,
    ),
    paragraphBlock(
      flow,
      "À défaut de paiement à l'échéance, la lettre de change sera retournée impayée et le recouvrement des factures ci-dessus reprendra, pénalités de retard et indemnité forfaitaire pour frais de recouvrement comprises (art. L441-10 et D441-5 du Code de commerce).",
      { size: 9, align: "justify", color: MUTED },
      6,
    ),
  ]);
  finishPages(doc, (index, count) => {
    const width = A4.width - MARGIN.left - MARGIN.right;
    const small: Style = { size: 7.5, color: MUTED, lineGap: 0 };
    const foot = `${BILL_TITLE} – ${input.drawer.name} – Réf. ${input.reference}`;
    drawText(doc, fitLine(doc, foot, width - 60, small), MARGIN.left, A4.height - mm(12), width - 60, small);
    drawText(doc, `${index + 1}/${count}`, MARGIN.left + width - 60, A4.height - mm(12), 60, {
      size: 8,
      align: "right",
    });
  });
  doc.end();
  return output;
}
