/**
 * The first page's head of a letter (the creditor's letterhead, the debtor's address in the window of a DL
 * envelope, place and date, registered-letter line, object, salutation) and every page's running head and
 * footer ("1/2").
 */
import { A4, type Doc, drawText, fitLine, INK, MARGIN, MUTED, mm, RULE, type Style } from "./layout.js";
import type { LetterInput, LetterParty } from "./letters.js";
import type { LetterCase, Wording } from "./wording.js";

/** The address window of a French DL envelope (window on the right): 20 mm from the right edge. */
const WINDOW = { x: mm(108), y: mm(46), width: A4.width - mm(20) - mm(108) };
const HEAD_WIDTH = mm(84);
const SMALL: Style = { size: 8.5, color: MUTED, lineGap: 0.5 };

const present = (xs: readonly (string | null | undefined | false)[]): string[] =>
  xs.filter((x): x is string => typeof x === "string" && x.trim() !== "");

function identityLines(p: LetterParty, w: Wording): string[] {
  return present([
    present([p.legal_form, p.siren && `${w.identity.siren} ${p.siren}`]).join(" – "),
    ...p.address_lines.slice(0, 5),
    present([p.email, p.phone && `${w.identity.phone} ${p.phone}`]).join(" – "),
    p.vat_number && `${w.identity.vat} ${p.vat_number}`,
  ]);
}

/** One fitted line per entry; returns the y below them. */
function lines(
  doc: Doc,
  texts: readonly string[],
  x: number,
  y: number,
  width: number,
  style: Style,
): number {
  let at = y;
  for (const t of texts) at += drawText(doc, fitLine(doc, t, width, style), x, at, width, style);
  return at;
}

/** Draws the head of page 1 and returns where the body starts. */
export function drawLetterHead(doc: Doc, input: LetterInput, w: Wording, c: LetterCase): number {
  const { creditor, debtor } = input;
  const left = MARGIN.left;

  let y = mm(16);
  y += drawText(doc, creditor.name, left, y, HEAD_WIDTH, { bold: true, size: 13, lineGap: 0 }, 32);
  y = lines(doc, identityLines(creditor, w), left, y + 3, HEAD_WIDTH, SMALL);

  drawText(
    doc,
    w.placeDate(input.place ?? null, input.date),
    WINDOW.x,
    mm(34),
    WINDOW.width,
    { size: 10 },
    14,
  );
  let a = WINDOW.y;
  a += drawText(doc, debtor.name, WINDOW.x, a, WINDOW.width, { bold: true, size: 10.5, lineGap: 0 }, 26);
  const attention =
    debtor.contact_name && debtor.kind !== "consumer" ? [w.attention(debtor.contact_name)] : [];
  a = lines(doc, [...attention, ...debtor.address_lines.slice(0, 6)], WINDOW.x, a + 1, WINDOW.width, {
    size: 10,
    lineGap: 0.5,
  });

  y = Math.max(y, a, mm(70)) + 18;
  if (input.kind === "mise_en_demeure") {
    y += drawText(
      doc,
      w.registered(input.registered_number ?? null),
      left,
      y,
      WINDOW.x + WINDOW.width - left,
      {
        bold: true,
        size: 9.5,
      },
    );
    y += 4;
  }
  const first = input.invoices[0]?.number ?? "";
  y += drawText(
    doc,
    w.object(c, fitLine(doc, first, mm(60), { bold: true })),
    left,
    y,
    A4.width - left - MARGIN.right,
    {
      bold: true,
      size: 10.5,
    },
  );
  y += 14;
  y += drawText(
    doc,
    w.salutation(input.debtor.contact_name ?? null),
    left,
    y,
    HEAD_WIDTH * 2,
    { size: 10 },
    26,
  );
  return y + 10;
}

/** Fold marks for a DL envelope (the sheet folded in three), on page 1's left edge. */
export function drawFoldMarks(doc: Doc): void {
  for (const at of [mm(99), mm(198)]) {
    doc.moveTo(mm(4), at).lineTo(mm(8), at).lineWidth(0.4).strokeColor(RULE).stroke();
  }
}

/** The running head of pages 2+ and the footer of every page. */
export function decoratePage(
  doc: Doc,
  input: LetterInput,
  w: Wording,
  c: LetterCase,
  index: number,
  count: number,
) {
  const width = A4.width - MARGIN.left - MARGIN.right;
  const small: Style = { size: 7.5, color: MUTED, lineGap: 0 };
  if (index > 0) {
    const head = `${input.creditor.name} – ${w.runningHead(c, input.date)}`;
    drawText(doc, fitLine(doc, head, width * 0.6, small), MARGIN.left, mm(12), width * 0.6, small);
    const debtor = fitLine(doc, input.debtor.name, width * 0.38, small);
    drawText(doc, debtor, MARGIN.left + width * 0.62, mm(12), width * 0.38, { ...small, align: "right" });
    doc
      .moveTo(MARGIN.left, mm(16))
      .lineTo(MARGIN.left + width, mm(16))
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  }
  const footY = A4.height - mm(12);
  const legal = present([
    input.creditor.name,
    input.creditor.siren && `${w.identity.siren} ${input.creditor.siren}`,
  ]);
  drawText(doc, fitLine(doc, legal.join(" – "), width - 60, small), MARGIN.left, footY, width - 60, small);
  drawText(doc, `${index + 1}/${count}`, MARGIN.left + width - 60, footY, 60, {
    size: 8,
    color: INK,
    align: "right",
  });
}
