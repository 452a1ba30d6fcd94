/**
 * Reads a bank statement file whatever its format, told from its content when not given (camt.053 by its root
 * element, OFX by its header or <OFX> tag, CFONB 120 by its first record): the bytes are decoded as UTF-8, or as
 * Windows-1252 when they are not valid UTF-8 (older OFX and CFONB exports). The file is read whole: a statement of
 * a small business is a few megabytes at most (MAX_STATEMENT_BYTES).
 */
import iconv from "iconv-lite";
import { readCamt053 } from "./camt053.js";
import { readCfonb120 } from "./cfonb120.js";
import { type CsvField, readCsvStatement } from "./csv.js";
import { readOfx } from "./ofx.js";
import { type StatementFormat, type StatementResult, statementProblem } from "./types.js";

export const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;

export type DetectedFormat = StatementFormat | "unknown";

export function decodeStatement(bytes: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return utf8.includes("\uFFFD") ? iconv.decode(Buffer.from(bytes), "windows-1252") : utf8;
}

export function detectStatementFormat(text: string): DetectedFormat {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (/<BkToCstmrStmt[\s>]/.test(text.slice(0, 65536)) || /camt\.053\./.test(head)) return "camt053";
  if (/^OFXHEADER\s*:/i.test(head) || /<OFX>/i.test(head) || /<\?OFX\s/i.test(head)) return "ofx";
  const firstLine = head.split(/\r\n|\r|\n/)[0] ?? "";
  if (/^01[0-9A-Z ]{5}/.test(firstLine)) {
    if (firstLine.length <= 120 && firstLine.trimEnd().length > 90) return "cfonb120";
    const body = text.replace(/^\uFEFF/, "").replace(/[\r\n]+$/, "");
    if (!/[\r\n]/.test(body) && body.length % 120 === 0) return "cfonb120";
  }
  if (/^<\?xml|^</.test(head)) return "unknown";
  return /[;,\t]/.test(head.split(/\r?\n/)[0] ?? "") ? "csv" : "unknown";
}

export function readStatement(
  bytes: Uint8Array,
  format?: StatementFormat,
  options: { map?: Readonly<Record<string, CsvField>> } = {},
): StatementResult {
  if (bytes.byteLength === 0) return { ok: false, problems: [statementProblem("statement.empty")] };
  if (bytes.byteLength > MAX_STATEMENT_BYTES) {
    return { ok: false, problems: [statementProblem("statement.too_large", { max: "50 MB" })] };
  }
  const text = decodeStatement(bytes);
  const detected = format ?? detectStatementFormat(text);
  switch (detected) {
    case "camt053":
      return readCamt053(text);
    case "cfonb120":
      return readCfonb120(text);
    case "ofx":
      return readOfx(text);
    case "csv":
      return readCsvStatement(text, options);
    default:
      return { ok: false, problems: [statementProblem("statement.unknown_format")] };
  }
}
