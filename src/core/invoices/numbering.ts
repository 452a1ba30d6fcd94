/**
 * The invoice numbering series: `F-<year of issue>-` followed by a counter padded to 4 digits (F-2026-0001). The
 * number must be unique, chronological and continuous within a series (CGI ann. II art. 242 nonies A, 1°): a new
 * series each year is allowed. Credit notes keep their own numbers (`AV-<invoice number>`).
 */
export const SERIES_DIGITS = 4;

/** The series an invoice issued on `issueIso` (YYYY-MM-DD) belongs to. */
export function invoiceSeriesPrefix(issueIso: string): string {
  return `F-${issueIso.slice(0, 4)}-`;
}

/** The `n`-th number of a series: `F-2026-` and 7 → `F-2026-0007`. */
export function seriesNumber(prefix: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`invalid series counter: ${n}`);
  return `${prefix}${String(n).padStart(SERIES_DIGITS, "0")}`;
}
