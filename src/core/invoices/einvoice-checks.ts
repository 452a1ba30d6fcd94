import { mulDiv } from "../money.js";
import type { EInvoiceDocument } from "./einvoice.js";

/** A reason an e-invoice may not be written: a message code (core/i18n/einvoice-out.ts) and its parameters. */
export interface EInvoiceCheckProblem {
  code:
    | "einvoice_out.no_lines"
    | "einvoice_out.not_cents"
    | "einvoice_out.negative_price"
    | "einvoice_out.line_net"
    | "einvoice_out.line_total"
    | "einvoice_out.tax_basis"
    | "einvoice_out.vat_base"
    | "einvoice_out.vat_amount"
    | "einvoice_out.vat_missing"
    | "einvoice_out.tax_total"
    | "einvoice_out.grand_total"
    | "einvoice_out.due_payable";
  params: Record<string, string | number>;
}

/**
 * Per rate, the VAT may differ by one cent from base × rate rounded: a final invoice's VAT is the work's minus the
 * deposits' rate by rate (core/quotes/deposit.ts finalTotals) and a credit note's is its invoice's proportional
 * share (core/invoices/credit-notes.ts); EN 16931's own validation artefacts allow a rounding tolerance here too.
 */
const VAT_TOLERANCE_CENTS = 1;

const eur = (n: number) => (n / 100).toFixed(2);

/**
 * Whether the document's totals add up, in the manner of EN 16931's business rules, before any XML is written:
 * at least one line (BR-16), positive prices (BR-27), each line net = quantity × price − allowance (rounded to the
 * cent), Σ line nets = line total (BR-CO-10), tax basis = line total (BR-CO-13, no document-level allowances),
 * each VAT breakdown's base = Σ its lines (BR-S-08…) and its VAT = base × rate rounded (BR-CO-17, ± 1 cent), a
 * breakdown for every category and rate used, tax total = Σ VAT (BR-CO-14), grand total = basis + tax (BR-CO-15),
 * due payable = grand total − prepaid (BR-CO-16). Returns every problem found; none means it may be written.
 */
export function checkEInvoiceTotals(doc: EInvoiceDocument): EInvoiceCheckProblem[] {
  const problems: EInvoiceCheckProblem[] = [];
  const amounts = [
    doc.lineTotalCents,
    doc.taxBasisCents,
    doc.taxTotalCents,
    doc.grandTotalCents,
    doc.prepaidCents,
    doc.duePayableCents,
    ...doc.lines.flatMap((l) => [l.netCents, l.netPriceCents, l.allowanceCents, l.quantityMilli]),
    ...doc.vat.flatMap((v) => [v.baseCents, v.vatCents, v.rateBp]),
  ];
  if (amounts.some((a) => !Number.isSafeInteger(a))) {
    return [{ code: "einvoice_out.not_cents", params: {} }];
  }
  if (doc.lines.length === 0)
    problems.push({ code: "einvoice_out.no_lines", params: { number: doc.number } });
  const bases = new Map<string, number>();
  let lineSum = 0;
  for (const line of doc.lines) {
    if (line.netPriceCents < 0) {
      problems.push({ code: "einvoice_out.negative_price", params: { line: line.id } });
    }
    const expected = mulDiv(line.netPriceCents, line.quantityMilli, 1000) - line.allowanceCents;
    if (expected !== line.netCents) {
      problems.push({
        code: "einvoice_out.line_net",
        params: { line: line.id, stated: eur(line.netCents), expected: eur(expected) },
      });
    }
    lineSum += line.netCents;
    const key = `${line.category}/${line.rateBp}`;
    bases.set(key, (bases.get(key) ?? 0) + line.netCents);
  }
  if (lineSum !== doc.lineTotalCents) {
    problems.push({
      code: "einvoice_out.line_total",
      params: { stated: eur(doc.lineTotalCents), expected: eur(lineSum) },
    });
  }
  if (doc.taxBasisCents !== doc.lineTotalCents) {
    problems.push({
      code: "einvoice_out.tax_basis",
      params: { stated: eur(doc.taxBasisCents), expected: eur(doc.lineTotalCents) },
    });
  }
  let vatSum = 0;
  for (const v of doc.vat) {
    const key = `${v.category}/${v.rateBp}`;
    const rate = `${v.category} ${v.rateBp / 100} %`;
    const base = bases.get(key) ?? 0;
    bases.delete(key);
    if (base !== v.baseCents) {
      problems.push({
        code: "einvoice_out.vat_base",
        params: { rate, stated: eur(v.baseCents), expected: eur(base) },
      });
    }
    const vat = mulDiv(v.baseCents, v.rateBp, 10_000);
    if (Math.abs(vat - v.vatCents) > VAT_TOLERANCE_CENTS) {
      problems.push({
        code: "einvoice_out.vat_amount",
        params: { rate, stated: eur(v.vatCents), expected: eur(vat) },
      });
    }
    vatSum += v.vatCents;
  }
  for (const key of bases.keys()) {
    const [category, bp] = key.split("/");
    problems.push({
      code: "einvoice_out.vat_missing",
      params: { rate: `${category} ${Number(bp) / 100} %` },
    });
  }
  if (vatSum !== doc.taxTotalCents) {
    problems.push({
      code: "einvoice_out.tax_total",
      params: { stated: eur(doc.taxTotalCents), expected: eur(vatSum) },
    });
  }
  if (doc.taxBasisCents + doc.taxTotalCents !== doc.grandTotalCents) {
    problems.push({
      code: "einvoice_out.grand_total",
      params: { stated: eur(doc.grandTotalCents), expected: eur(doc.taxBasisCents + doc.taxTotalCents) },
    });
  }
  if (doc.grandTotalCents - doc.prepaidCents !== doc.duePayableCents) {
    problems.push({
      code: "einvoice_out.due_payable",
      params: { stated: eur(doc.duePayableCents), expected: eur(doc.grandTotalCents - doc.prepaidCents) },
    });
  }
  return problems;
}
