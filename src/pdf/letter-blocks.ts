/** The payment details box (IBAN, BIC, reference, EPC QR code) and the signature of a letter. */
import {
  type Block,
  clampedHeight,
  drawText,
  type Flow,
  fitLine,
  MUTED,
  RULE,
  type Style,
  textHeight,
} from "./layout.js";
import type { LetterInput } from "./letters.js";
import type { Wording } from "./wording.js";

const PAD = 10;
const QR = 64;
const LABEL_W = 118;
const LINE: Style = { size: 9.5, lineGap: 1 };
const CAPTION: Style = { size: 6.5, color: MUTED, align: "center", lineGap: 0 };

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189", kept on one line. */
export function groupIban(iban: string): string {
  return iban
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, "$1\u00A0");
}

export function paymentBlock(
  flow: Flow,
  input: Pick<LetterInput, "creditor" | "payment_reference" | "qr_png">,
  w: Pick<Wording, "payment">,
): Block | null {
  const { iban, bic, name } = input.creditor;
  const reference = input.payment_reference;
  const qr = input.qr_png ?? null;
  if (!iban && !reference && !qr) return null;

  const rows: [string, string][] = [];
  if (iban) rows.push([w.payment.beneficiary, name], [w.payment.iban, groupIban(iban)]);
  if (iban && bic) rows.push([w.payment.bic, bic]);
  if (reference) rows.push([w.payment.reference, reference]);

  const textW = flow.width - 2 * PAD - (qr ? QR + PAD + 30 : 0);
  const valueW = textW - LABEL_W;
  const titleH = iban ? textHeight(flow.doc, w.payment.title, textW, { bold: true, size: 10 }) + 6 : 0;
  const valueH = rows.map(([, v]) => clampedHeight(flow.doc, v, valueW, LINE, 3));
  const rowH = valueH.map((h) => h + 3);
  const textH = titleH + rowH.reduce((a, b) => a + b, 0);
  const captionH = qr ? textHeight(flow.doc, w.payment.qr, QR + 30, CAPTION) : 0;
  const inner = Math.max(textH, qr ? QR + 3 + captionH : 0);
  const height = inner + 2 * PAD;

  return {
    height: height + 12,
    draw: (f) => {
      const { doc } = f;
      doc.roundedRect(f.left, f.y, f.width, height, 4).lineWidth(0.6).strokeColor(RULE).stroke();
      let y = f.y + PAD;
      const x = f.left + PAD;
      if (iban) y += drawText(doc, w.payment.title, x, y, textW, { bold: true, size: 10 }) + 6;
      rows.forEach(([label, value], i) => {
        drawText(doc, label, x, y, LABEL_W, { ...LINE, color: MUTED });
        drawText(doc, value, x + LABEL_W, y, valueW, { ...LINE, bold: label === w.payment.iban }, valueH[i]);
        y += rowH[i] ?? 0;
      });
      if (qr) {
        const qx = f.left + f.width - PAD - QR - 10;
        doc.image(qr, qx, f.y + PAD, { fit: [QR, QR] });
        drawText(doc, w.payment.qr, qx - 15, f.y + PAD + QR + 3, QR + 30, CAPTION);
      }
      f.y += height + 12;
    },
  };
}

/** Space for a handwritten signature, then the signatory and the creditor, on the right half. */
export function signatureBlock(flow: Flow, input: LetterInput): Block {
  const x = flow.left + flow.width * 0.55;
  const width = flow.width * 0.45;
  const names = [input.creditor.signatory, input.creditor.name].filter(
    (s): s is string => !!s && s.trim() !== "",
  );
  const gap = 28;
  const style = (i: number): Style =>
    i === 0 ? { bold: true, size: 10, lineGap: 0 } : { size: 9.5, color: MUTED, lineGap: 0 };
  const fitted = names.map((n, i) => fitLine(flow.doc, n, width, style(i)));
  const heights = fitted.map((n, i) => textHeight(flow.doc, n, width, style(i)) + 2);
  return {
    height: gap + heights.reduce((a, b) => a + b, 0),
    draw: (f) => {
      let y = f.y + gap;
      fitted.forEach((n, i) => {
        drawText(f.doc, n, x, y, width, style(i));
        y += heights[i] ?? 0;
      });
      f.y = y;
    },
  };
}
