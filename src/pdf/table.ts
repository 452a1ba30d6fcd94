/**
 * Tables of a business letter: a grid of one-line rows whose header repeats on every page it spans, and a
 * two-column statement (label, amount) with a total line, kept on one page.
 */
import {
  type Block,
  drawText,
  type Flow,
  fitLine,
  MUTED,
  RULE,
  SHADE,
  type Style,
  textHeight,
} from "./layout.js";

export interface Column {
  title: string;
  /** Points; one column may be 0 to take the width left by the others. */
  width: number;
  align?: "left" | "right";
}

const CELL: Style = { size: 8.5, lineGap: 0 };
const HEAD: Style = { size: 8, bold: true, color: MUTED, lineGap: 0 };
const PAD_X = 5;
const ROW_H = 15;

function widths(flow: Flow, columns: readonly Column[]): number[] {
  const fixed = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => (c.width === 0 ? flow.width - fixed : c.width));
}

export function gridBlock(
  flow: Flow,
  columns: readonly Column[],
  rows: readonly string[][],
  spaceAfter = 12,
): Block {
  const ws = widths(flow, columns);
  const headH =
    Math.max(...columns.map((c, i) => textHeight(flow.doc, c.title, (ws[i] ?? 0) - 2 * PAD_X, HEAD))) + 10;

  const drawHeader = (f: Flow) => {
    f.doc.rect(f.left, f.y, f.width, headH).fill(SHADE);
    let x = f.left;
    columns.forEach((c, i) => {
      const w = ws[i] ?? 0;
      drawText(f.doc, c.title, x + PAD_X, f.y + 5, w - 2 * PAD_X, { ...HEAD, align: c.align ?? "left" });
      x += w;
    });
    f.y += headH;
  };

  return {
    height: headH + rows.length * ROW_H + spaceAfter,
    minHeight: headH + Math.min(rows.length, 3) * ROW_H + spaceAfter,
    draw: (f) => {
      drawHeader(f);
      rows.forEach((row, r) => {
        if (f.y + ROW_H > f.bottom) {
          f.newPage();
          drawHeader(f);
        }
        if (r % 2 === 1) f.doc.rect(f.left, f.y, f.width, ROW_H).fill("#f7f8fa");
        let x = f.left;
        columns.forEach((c, i) => {
          const w = ws[i] ?? 0;
          const text = fitLine(f.doc, row[i] ?? "", w - 2 * PAD_X, CELL);
          drawText(f.doc, text, x + PAD_X, f.y + 4, w - 2 * PAD_X, { ...CELL, align: c.align ?? "left" });
          x += w;
        });
        f.y += ROW_H;
      });
      f.doc
        .moveTo(f.left, f.y)
        .lineTo(f.left + f.width, f.y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      f.y += spaceAfter;
    },
  };
}

export interface StatementLine {
  label: string;
  amount: string;
  total?: boolean;
}

/** Title, then label / amount lines; the amount column is `amountWidth` wide, right-aligned. */
export function statementBlock(
  flow: Flow,
  title: string,
  lines: readonly StatementLine[],
  amountWidth = 90,
  spaceAfter = 12,
): Block {
  const labelW = flow.width - amountWidth - 2 * PAD_X;
  const style = (l: StatementLine): Style => ({ size: 9.5, bold: l.total === true, lineGap: 1 });
  const heights = lines.map((l) => textHeight(flow.doc, l.label, labelW - PAD_X, style(l)) + 7);
  const titleH = textHeight(flow.doc, title, flow.width, { bold: true, size: 10 }) + 6;
  return {
    height: titleH + heights.reduce((a, b) => a + b, 0) + spaceAfter,
    draw: (f) => {
      drawText(f.doc, title, f.left, f.y, f.width, { bold: true, size: 10 });
      f.y += titleH;
      lines.forEach((l, i) => {
        const h = heights[i] ?? 0;
        if (l.total) {
          f.doc.rect(f.left, f.y, f.width, h).fill(SHADE);
        } else {
          f.doc
            .moveTo(f.left, f.y + h)
            .lineTo(f.left + f.width, f.y + h)
            .lineWidth(0.4)
            .strokeColor(RULE)
            .stroke();
        }
        drawText(f.doc, l.label, f.left + PAD_X, f.y + 3.5, labelW - PAD_X, style(l));
        drawText(f.doc, l.amount, f.left + labelW, f.y + 3.5, amountWidth + PAD_X, {
          ...style(l),
          align: "right",
        });
        f.y += h;
      });
      f.y += spaceAfter;
    },
  };
}
