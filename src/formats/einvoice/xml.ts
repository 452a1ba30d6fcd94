import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseIsoDate } from "../../core/calendar.js";
import { parseDecimalCents } from "../../core/money.js";
import type { EInvoiceProblem } from "./types.js";

/** A parsed element: its text, or an object of children (arrays when repeated), attributes under "@_". */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | undefined };

/** The largest XML invoice read (an EN 16931 invoice of thousands of lines stays far below). */
export const MAX_XML_BYTES = 20 * 1024 * 1024;

export function problem(
  code: EInvoiceProblem["code"],
  where: string,
  params: Record<string, string | number> = {},
  line = 0,
): EInvoiceProblem {
  return { code, params, where, line };
}

/**
 * Parses an invoice's XML safely: no DOCTYPE (so no entity can be declared, expanded or fetched: XXE and "billion
 * laughs" are impossible), well-formedness checked first so the error names its line; values kept as strings (no
 * number conversion: amounts are read as decimal strings); namespace prefixes dropped.
 */
export function parseXml(
  text: string,
): { ok: true; root: XmlNode } | { ok: false; problem: EInvoiceProblem } {
  if (Buffer.byteLength(text) > MAX_XML_BYTES) {
    return { ok: false, problem: problem("einvoice.too_large", "", { max: "20 MB" }) };
  }
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) {
    const line = text.slice(0, doctype.index).split("\n").length;
    return { ok: false, problem: problem("einvoice.doctype_forbidden", "", {}, line) };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return {
      ok: false,
      problem: problem("einvoice.malformed_xml", "", { reason: valid.err.msg }, valid.err.line),
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false,
  });
  return { ok: true, root: parser.parse(text) as XmlNode };
}

/** The child elements named `name` (none, one or several). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === "string") return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first element along a path of names. */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) {
    current = children(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

/** An element's text, trimmed; undefined when absent or empty. */
export function text(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const raw = typeof node === "string" ? node : node["#text"];
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  return value === "" ? undefined : value;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === "string") return undefined;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value.trim() : undefined;
}

/** Collects problems while fields are read, so every problem of the file is reported at once. */
export class FieldReader {
  readonly problems: EInvoiceProblem[] = [];

  required(value: string | undefined, where: string, field: string): string {
    if (value === undefined) this.problems.push(problem("einvoice.missing_field", where, { field }));
    return value ?? "";
  }

  /** A decimal amount in cents; `required` reports its absence. */
  amount(node: XmlNode | undefined, where: string, field: string, required: boolean): number | undefined {
    const value = text(node);
    if (value === undefined) {
      if (required) this.problems.push(problem("einvoice.missing_field", where, { field }));
      return undefined;
    }
    const parsed = parseDecimalCents(value);
    if (!parsed.ok) {
      this.problems.push(problem("einvoice.invalid_amount", where, { field, value }));
      return undefined;
    }
    return parsed.value;
  }

  /** A date as YYYY-MM-DD (UBL) or CII format 102 (YYYYMMDD). */
  date(value: string | undefined, where: string, field: string, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.problems.push(problem("einvoice.missing_field", where, { field }));
      return undefined;
    }
    const iso = /^\d{8}$/.test(value)
      ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`
      : value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !parseIsoDate(iso).ok) {
      this.problems.push(problem("einvoice.invalid_date", where, { field, value }));
      return undefined;
    }
    return iso;
  }
}
