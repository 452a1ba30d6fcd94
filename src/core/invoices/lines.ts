import type { Locale, MessageCode } from "../messages.js";
import { type Cents, cents, formatEuros, mulDiv, subCents } from "../money.js";
import { computeTotals, type LineInput, type Totals } from "./totals.js";

/** A line as typed on an invoice or a quote. */
export interface LineDraft extends LineInput {
  description: string;
}

/** A line ready to store: its position (from 1) and its net amount (HT, after discount). */
export interface PricedLine extends LineDraft {
  position: number;
  discount_cents: number;
  net_cents: number;
}

export interface LineProblem {
  /** Field path relative to the lines array: `2.discount_cents`. */
  path: string;
  code: MessageCode;
  params: Record<string, string | number>;
}

/**
 * Prices the lines of an invoice or a quote: each net rounded once (quantity × unit price, half up, minus the
 * discount), then the totals (VAT once per rate). A discount larger than its line is a problem of that line.
 */
export function priceLines(
  lines: readonly LineDraft[],
  locale: Locale = "fr",
): { ok: true; lines: PricedLine[]; totals: Totals } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const priced: PricedLine[] = [];
  for (const [index, line] of lines.entries()) {
    const discount = line.discount_cents ?? 0;
    let gross: Cents;
    try {
      gross = mulDiv(line.unit_price_cents, line.quantity_milli, 1000);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push({ path: `${index}`, code: "amount.out_of_range", params: { value: line.description } });
      continue;
    }
    if (discount > gross) {
      problems.push({
        path: `${index}.discount_cents`,
        code: "invoice.discount_exceeds_line",
        params: { discount: formatEuros(cents(discount), locale), amount: formatEuros(gross, locale) },
      });
    }
    priced.push({
      ...line,
      position: index + 1,
      discount_cents: discount,
      net_cents: subCents(gross, cents(discount)),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, lines: priced, totals: computeTotals(lines) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problems: [{ path: "", code: "amount.out_of_range", params: { value: "TTC" } }] };
  }
}
