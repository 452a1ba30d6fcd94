import { isDict, nameOf, PdfFile, type PdfValue, textOf } from "./pdf-objects.js";
import type { EInvoiceProblem } from "./types.js";
import { problem } from "./xml.js";

/** The names under which Factur-X, ZUGFeRD (1 and 2) and XRechnung embed their XML, compared in lower case. */
export const EMBEDDED_INVOICE_NAMES = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

const MAX_WALK_DEPTH = 16;

/** Every file specification (a dictionary with /EF) inside a value, inline ones included. */
function fileSpecs(value: PdfValue, out: PdfValue[], depth = 0): void {
  if (depth > MAX_WALK_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) fileSpecs(v, out, depth + 1);
  } else if (value.type === "dict") {
    if (value.entries.has("EF")) out.push(value);
    else for (const v of value.entries.values()) fileSpecs(v, out, depth + 1);
  }
}

/**
 * The invoice XML embedded in a Factur-X / ZUGFeRD PDF: the attachment named factur-x.xml, zugferd-invoice.xml or
 * xrechnung.xml (PDF/A-3 associated file), its stream inflated (FlateDecode). Reads the file's bytes only.
 */
export function extractEmbeddedInvoice(
  bytes: Buffer,
): { ok: true; name: string; xml: Buffer } | { ok: false; problem: EInvoiceProblem } {
  let pdf: PdfFile;
  try {
    pdf = new PdfFile(bytes);
  } catch (error) {
    return { ok: false, problem: problem("einvoice.pdf_unreadable", "PDF", { reason: String(error) }) };
  }
  if (pdf.encrypted) return { ok: false, problem: problem("einvoice.pdf_encrypted", "PDF") };
  const specs: PdfValue[] = [];
  for (const obj of pdf.objects.values()) fileSpecs(obj.value, specs);
  const attachments: string[] = [];
  for (const spec of specs) {
    if (!isDict(spec)) continue;
    const name = textOf(pdf.resolve(spec.entries.get("UF"))) ?? textOf(pdf.resolve(spec.entries.get("F")));
    if (name === undefined) continue;
    attachments.push(name);
    const base = name.split(/[\\/]/).pop()?.toLowerCase() ?? "";
    if (!EMBEDDED_INVOICE_NAMES.includes(base)) continue;
    const ef = pdf.resolve(spec.entries.get("EF"));
    if (!isDict(ef)) continue;
    const stream = pdf.get(ef.entries.get("UF") ?? ef.entries.get("F"));
    if (!stream?.stream) continue;
    const xml = pdf.decode(stream);
    if (xml === undefined) {
      const filter = isDict(stream.value) ? nameOf(stream.value.entries.get("Filter")) : undefined;
      return {
        ok: false,
        problem: problem("einvoice.pdf_unreadable", "PDF", { reason: `${name}: filter ${filter ?? "?"}` }),
      };
    }
    return { ok: true, name, xml };
  }
  return {
    ok: false,
    problem: problem("einvoice.pdf_no_invoice", "PDF", {
      names: EMBEDDED_INVOICE_NAMES.join(", "),
      found: attachments.length > 0 ? attachments.join(", ") : "—",
    }),
  };
}
