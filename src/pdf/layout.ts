/**
 * A small layout layer over pdfkit for business documents: A4 geometry, text that is always made drawable
 * (text.ts) before it is measured or drawn, a vertical flow that starts new pages, blocks that can be kept
 * together (no signature alone at the top of a page), and tables whose header repeats on every page.
 */
import type PDFDocument from "pdfkit";
import { toWinAnsi } from "./text.js";

export type Doc = InstanceType<typeof PDFDocument>;

export const A4 = { width: 595.28, height: 841.89 } as const;
const MM = 72 / 25.4;
export const mm = (n: number) => n * MM;

/** Body margins; the first page's header is placed absolutely above the flow. */
export const MARGIN = { top: mm(24), bottom: mm(20), left: mm(22), right: mm(20) } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = "#1a1a1a";
export const MUTED = "#5b6270";
export const RULE = "#c5cad3";
export const SHADE = "#eef0f4";

export interface Style {
  bold?: boolean;
  size?: number;
  color?: string;
  align?: "left" | "right" | "center" | "justify";
  lineGap?: number;
}

function apply(doc: Doc, style: Style): void {
  doc
    .font(style.bold ? "Helvetica-Bold" : "Helvetica")
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? INK);
}

function options(width: number, style: Style, extra: PDFKit.Mixins.TextOptions = {}) {
  return { width, align: style.align ?? "left", lineGap: style.lineGap ?? 2, ...extra };
}

export function textHeight(doc: Doc, text: string, width: number, style: Style = {}): number {
  apply(doc, style);
  return doc.heightOfString(toWinAnsi(text), options(width, style));
}

/** The height of `text` wrapped in `width`, at most `maxLines` lines (draw it with that height as `maxHeight`). */
export function clampedHeight(doc: Doc, text: string, width: number, style: Style, maxLines: number): number {
  const line = textHeight(doc, "X", width, style);
  return Math.min(textHeight(doc, text, width, style), maxLines * line + 0.5);
}

/** Draws `text` wrapped in `width`; `maxHeight` cuts it with an ellipsis. Returns the height used. */
export function drawText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  style: Style = {},
  maxHeight?: number,
): number {
  apply(doc, style);
  const extra = maxHeight === undefined ? {} : { height: maxHeight, ellipsis: true };
  doc.text(toWinAnsi(text), x, y, options(width, style, extra));
  return doc.y - y;
}

/** One line: `text` cut with "…" so that it fits in `width`. */
export function fitLine(doc: Doc, text: string, width: number, style: Style = {}): string {
  apply(doc, style);
  const clean = toWinAnsi(text).replace(/\n/g, " ");
  if (doc.widthOfString(clean) <= width) return clean;
  let lo = 0;
  let hi = clean.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${clean.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${clean.slice(0, lo).trimEnd()}…`;
}

/** The vertical cursor of the body: `ensure` starts a new page when what follows does not fit. */
export class Flow {
  y: number;
  readonly left = MARGIN.left;
  readonly width = CONTENT_WIDTH;
  readonly bottom = A4.height - MARGIN.bottom;
  readonly pageHeight = A4.height - MARGIN.top - MARGIN.bottom;

  constructor(
    readonly doc: Doc,
    startY: number,
  ) {
    this.y = startY;
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` fits; a height taller than a page is started where it is. */
  ensure(height: number): void {
    if (height > this.remaining() && height <= this.pageHeight && this.y > MARGIN.top) this.newPage();
  }

  /** A paragraph of body text; one taller than a page flows over pages by itself (pdfkit). */
  paragraph(text: string, style: Style = {}, spaceAfter = 8): void {
    const h = textHeight(this.doc, text, this.width, style);
    this.ensure(h);
    drawText(this.doc, text, this.left, this.y, this.width, style);
    this.y = (h > this.pageHeight ? this.doc.y : this.y + h) + spaceAfter;
  }
}

/** A piece of the letter's body: `height` is measured before drawing, to keep pieces together. */
export interface Block {
  /** Height of the whole block, spacing after included. */
  height: number;
  /** For a block that splits over pages itself (a table): what must fit to start it on this page. */
  minHeight?: number;
  /** Keep on the same page as the next block (a closing formula with the signature…). */
  keepWithNext?: boolean;
  draw(flow: Flow): void;
}

export function paragraphBlock(flow: Flow, text: string, style: Style = {}, spaceAfter = 8): Block {
  return {
    height: textHeight(flow.doc, text, flow.width, style) + spaceAfter,
    draw: (f) => f.paragraph(text, style, spaceAfter),
  };
}

/** Draws the blocks in order; a chain of `keepWithNext` blocks moves to a new page as a whole when needed. */
export function flowBlocks(flow: Flow, blocks: readonly Block[]): void {
  let i = 0;
  while (i < blocks.length) {
    let j = i;
    while (blocks[j]?.keepWithNext && j + 1 < blocks.length) j++;
    const group = blocks.slice(i, j + 1);
    const need = group.reduce(
      (h, b, k) => h + (k === group.length - 1 ? (b.minHeight ?? b.height) : b.height),
      0,
    );
    flow.ensure(need);
    for (const block of group) {
      flow.ensure(block.minHeight ?? block.height);
      block.draw(flow);
    }
    i = j + 1;
  }
}

/** Writes the running head (pages 2+) and the footer of every page once the body is laid out. */
export function finishPages(doc: Doc, decorate: (index: number, count: number) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text below the bottom margin would otherwise start a new page
    decorate(i - start, count);
    doc.page.margins.bottom = bottom;
  }
}
