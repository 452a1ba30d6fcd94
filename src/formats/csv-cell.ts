/**
 * A text as one cell of the semicolon-separated CSV files Relance writes (opened in a French Excel).
 *
 * - A text a spreadsheet could run as a formula gets a leading apostrophe: one that starts with `=`, `+`, `-` or
 *   `@`, or with a control character — NUL, tab, carriage return, line feed and the rest of C0, and DEL — which a
 *   spreadsheet may skip before reading a formula (OWASP ASVS 5.0 1.2.10).
 * - Then, RFC 4180 (2.6, 2.7): a cell holding the separator, a double quote, a carriage return or a line feed is
 *   enclosed in double quotes, its double quotes doubled.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this looks for
const FORMULA_START = /^[=+\-@\u0000-\u001f\u007f]/;

export function csvCell(text: string): string {
  const s = FORMULA_START.test(text) ? `'${text}` : text;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
