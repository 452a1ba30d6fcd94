import type { EInvoiceSyntax } from "./types.js";
import type { XmlNode } from "./xml.js";

/** What the first bytes of a file say it is: a PDF, an XML document, or neither (a tracking sheet, maybe). */
export function detectContainer(head: Buffer): "pdf" | "xml" | undefined {
  const start = head.subarray(0, 1024).toString("latin1");
  // The header may follow some bytes (readers look within the first 1024), but it starts a line.
  if (/(^|[\r\n])%PDF-\d/.test(start)) return "pdf";
  const text = start.replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  if (text.startsWith("<?xml") || /^<(!--|[A-Za-z_])/.test(text)) return "xml";
  return undefined;
}

/** The syntax of a parsed XML invoice, from its root element (namespace prefixes dropped). */
export function detectSyntax(root: XmlNode): EInvoiceSyntax | undefined {
  if (typeof root === "string") return undefined;
  if (root.CrossIndustryInvoice !== undefined) return "cii";
  if (root.Invoice !== undefined || root.CreditNote !== undefined) return "ubl";
  return undefined;
}
