export { readCii } from "./cii.js";
export { detectContainer, detectSyntax } from "./detect.js";
export { EMBEDDED_INVOICE_NAMES, extractEmbeddedInvoice } from "./facturx-pdf.js";
export { readEInvoice, readEInvoiceXml } from "./read-einvoice.js";
export type {
  EInvoice,
  EInvoiceContainer,
  EInvoiceKind,
  EInvoiceParty,
  EInvoiceProblem,
  EInvoiceResult,
  EInvoiceSyntax,
} from "./types.js";
export { readUbl } from "./ubl.js";
