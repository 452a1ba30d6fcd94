/**
 * Pieces of the documents of a sale (the quote, the issued invoice, its duplicate): a party's column in the head,
 * its identity lines, and the grid of lines.
 */
import { cents, formatEuros } from "../core/money.js";
import { present, quantity, ratePercent } from "./figures.js";
import { type Block, type Doc, drawText, type Flow, fitLine, MUTED, type Style } from "./layout.js";
import type { LetterParty } from "./letters.js";
import { gridBlock } from "./table.js";

export const SMALL: Style = { size: 8.5, color: MUTED, lineGap: 0.5 };

export interface IdentityWords {
  siren: string;
  vat: string;
  phone: string;
}

/** A party's address, legal form and SIREN, VAT number, e-mail and phone, as printed under its name. */
export function partyLines(p: LetterParty, identity: IdentityWords): string[] {
  return present([
    ...p.address_lines.slice(0, 5),
    present([p.legal_form, p.siren && `${identity.siren} ${p.siren}`]).join(" – "),
    p.vat_number && `${identity.vat} ${p.vat_number}`,
    present([p.email, p.phone && `${identity.phone} ${p.phone}`]).join(" – "),
  ]);
}

/** One party in the head: its label, its name, its lines; returns where the column ends. */
export function drawPartyColumn(
  doc: Doc,
  column: { x: number; y: number; width: number },
  label: string,
  name: string,
  lines: readonly string[],
): number {
  const { x, width } = column;
  let y = column.y;
  y += drawText(doc, label.toUpperCase(), x, y, width, { size: 7.5, color: MUTED, bold: true, lineGap: 0 });
  y += drawText(doc, name, x, y + 2, width, { bold: true, size: 11, lineGap: 0 }, 28) + 2;
  for (const line of lines) y += drawText(doc, fitLine(doc, line, width, SMALL), x, y, width, SMALL);
  return y;
}

export interface SaleLine {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_ht_cents: number;
}

/** The grid of lines: designation, quantity, unit price, VAT rate, total excluding VAT. */
export function saleLinesBlock(
  flow: Flow,
  titles: { description: string; quantity: string; unit: string; vat: string; total: string },
  lines: readonly SaleLine[],
  locale: "fr" | "en",
): Block {
  const money = (n: number) => formatEuros(cents(n), locale);
  return gridBlock(
    flow,
    [
      { title: titles.description, width: 0 },
      { title: titles.quantity, width: 48, align: "right" },
      { title: titles.unit, width: 76, align: "right" },
      { title: titles.vat, width: 48, align: "right" },
      { title: titles.total, width: 84, align: "right" },
    ],
    lines.map((l) => [
      l.description,
      quantity(l.quantity_milli, locale),
      money(l.unit_price_cents),
      ratePercent(l.vat_rate_bp, locale),
      money(l.total_ht_cents),
    ]),
  );
}
