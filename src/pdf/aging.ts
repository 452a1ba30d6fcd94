/**
 * The aging balance (balance âgée) as a PDF: one row per client with the five buckets of days past due and the
 * total, a totals row, as of a day. An internal document (no letterhead), French or English. Deterministic: the
 * PDF's date is `as_of`.
 */
import PDFDocument from "pdfkit";
import { formatIsoDate, parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { toBuffer } from "./figures.js";
import {
  type Doc,
  drawText,
  Flow,
  finishPages,
  flowBlocks,
  MARGIN,
  MUTED,
  mm,
  paragraphBlock,
} from "./layout.js";
import { gridBlock } from "./table.js";

export interface AgingPdfAmounts {
  not_due_cents: number;
  d1_30_cents: number;
  d31_60_cents: number;
  d61_90_cents: number;
  over_90_cents: number;
  total_cents: number;
}

export interface AgingPdfInput {
  as_of: string;
  locale: "fr" | "en";
  organization: { name: string };
  rows: (AgingPdfAmounts & { name: string })[];
  total: AgingPdfAmounts;
}

const WORDS = {
  fr: {
    title: "Balance âgée",
    asOf: (d: string) => `au ${d}`,
    cols: ["Client", "Non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j", "Total"],
    total: "Total",
    empty: "Aucune créance ouverte à cette date.",
    footer: (d: string) =>
      `Solde de chaque facture au ${d} : paiements et avoirs datés de ce jour ou avant ; factures annulées ou passées en perte exclues.`,
    page: (i: number, n: number) => `Page ${i} / ${n}`,
  },
  en: {
    title: "Aging balance",
    asOf: (d: string) => `as of ${d}`,
    cols: ["Client", "Not due", "1–30 d", "31–60 d", "61–90 d", "> 90 d", "Total"],
    total: "Total",
    empty: "Nothing owed on that day.",
    footer: (d: string) =>
      `Each invoice's balance on ${d}: payments and credit notes dated that day or before; cancelled and written-off invoices left out.`,
    page: (i: number, n: number) => `Page ${i} / ${n}`,
  },
} as const;

export async function renderAging(input: AgingPdfInput): Promise<Buffer> {
  const date = parseIsoDate(input.as_of);
  if (!date.ok) throw new RangeError(`aging date is not YYYY-MM-DD: ${input.as_of}`);
  const l = input.locale;
  const w = WORDS[l];
  const money = (n: number) => formatEuros(cents(n), l);
  const day = formatIsoDate(input.as_of, l);
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: l === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: `${w.title} ${w.asOf(day)}`,
      Author: input.organization.name,
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);
  const flow = new Flow(doc, MARGIN.top);
  drawText(doc, `${w.title} ${w.asOf(day)}`, flow.left, flow.y, flow.width, { bold: true, size: 16 });
  flow.y = doc.y + 2;
  drawText(doc, input.organization.name, flow.left, flow.y, flow.width, { size: 9, color: MUTED });
  flow.y = doc.y + mm(4);

  const amounts = (a: AgingPdfAmounts) => [
    money(a.not_due_cents),
    money(a.d1_30_cents),
    money(a.d31_60_cents),
    money(a.d61_90_cents),
    money(a.over_90_cents),
    money(a.total_cents),
  ];
  const blocks = [];
  if (input.rows.length === 0) blocks.push(paragraphBlock(flow, w.empty, { size: 9.5 }));
  else
    blocks.push(
      gridBlock(
        flow,
        w.cols.map((title, i) =>
          i === 0 ? { title, width: 0 } : { title, width: i === 6 ? 74 : 64, align: "right" as const },
        ),
        [...input.rows.map((r) => [r.name, ...amounts(r)]), [w.total, ...amounts(input.total)]],
      ),
    );
  blocks.push(paragraphBlock(flow, w.footer(day), { size: 8, color: MUTED }));
  flowBlocks(flow, blocks);
  finishPages(doc, (index, count) => {
    drawText(
      doc,
      w.page(index + 1, count),
      doc.page.width - MARGIN.right - 100,
      doc.page.height - MARGIN.bottom + mm(6),
      100,
      {
        size: 7.5,
        color: MUTED,
        align: "right",
      },
    );
  });
  doc.end();
  return output;
}
