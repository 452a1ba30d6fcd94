import { readCii } from "./cii.js";
import { detectContainer, detectSyntax } from "./detect.js";
import { extractEmbeddedInvoice } from "./facturx-pdf.js";
import type { EInvoiceResult } from "./types.js";
import { readUbl } from "./ubl.js";
import { parseXml, problem } from "./xml.js";

/** The XML's text: UTF-8 (with or without BOM) or UTF-16 with its BOM. */
function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a CII or UBL XML document. */
export function readEInvoiceXml(bytes: Buffer): EInvoiceResult {
  const parsed = parseXml(decodeXml(bytes));
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const syntax = detectSyntax(parsed.root);
  if (syntax === "cii") return readCii(parsed.root);
  if (syntax === "ubl") return readUbl(parsed.root);
  return { ok: false, problems: [problem("einvoice.not_einvoice", "")] };
}

/**
 * Reads an e-invoice from a file's bytes, told by its content (never its name): a Factur-X / ZUGFeRD PDF (the
 * embedded XML), a CII XML or a UBL XML. Never throws on bad input: every problem comes back as a value.
 */
export function readEInvoice(bytes: Buffer): EInvoiceResult {
  const container = detectContainer(bytes);
  if (container === "pdf") {
    const embedded = extractEmbeddedInvoice(bytes);
    if (!embedded.ok) return { ok: false, problems: [embedded.problem] };
    const result = readEInvoiceXml(embedded.xml);
    if (result.ok) return result;
    return {
      ok: false,
      problems: result.problems.map((p) => ({
        ...p,
        where: p.where ? `${embedded.name}: ${p.where}` : embedded.name,
      })),
    };
  }
  if (container === "xml") return readEInvoiceXml(bytes);
  return { ok: false, problems: [problem("einvoice.not_einvoice", "")] };
}
