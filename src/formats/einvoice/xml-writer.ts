/**
 * A small XML writer for the e-invoices Relance issues: elements in the order given (the schemas' sequences),
 * every text and attribute escaped, characters XML 1.0 forbids dropped, empty elements left out. UTF-8, two-space
 * indentation, deterministic.
 */

/** A child slot: an element, or nothing (undefined, false, "" from a `cond && el(…)`). */
export type XmlChild = XmlElement | undefined | false | "";

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  /** Text content, or child elements (undefined / false entries are skipped). */
  content?: string | readonly XmlChild[];
  /** Written (as `<name/>`) even when empty: an element the schema requires. */
  keep?: boolean;
}

/** An element; `content` undefined or "" → the element is omitted by the writer (unless it has attributes only). */
export function el(
  name: string,
  content?: string | readonly XmlChild[],
  attrs?: Record<string, string | undefined>,
): XmlElement {
  return { name, ...(content !== undefined ? { content } : {}), ...(attrs ? { attrs } : {}) };
}

/** Whether XML 1.0 allows a code point: not the controls other than tab, LF, CR, nor surrogates, U+FFFE, U+FFFF. */
function allowed(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000
  );
}

/** Text or an attribute value, escaped: & < > " ' and the forbidden characters removed. */
export function escapeXml(value: string): string {
  let kept = "";
  // by code point: a lone surrogate comes alone and is dropped, a pair is kept
  for (const c of value) if (allowed(c.codePointAt(0) ?? 0)) kept += c;
  return kept
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function isEmpty(e: XmlElement): boolean {
  if (typeof e.content === "string") return e.content === "";
  if (e.content === undefined) return true;
  return e.content.every((c) => !c || isEmpty(c));
}

function write(e: XmlElement, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  if (isEmpty(e)) {
    if (e.keep) out.push(`${pad}<${e.name}/>`);
    return;
  }
  const attrs = Object.entries(e.attrs ?? {})
    .filter((a): a is [string, string] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
  if (typeof e.content === "string") {
    out.push(`${pad}<${e.name}${attrs}>${escapeXml(e.content)}</${e.name}>`);
    return;
  }
  out.push(`${pad}<${e.name}${attrs}>`);
  for (const c of e.content ?? []) if (c) write(c, depth + 1, out);
  out.push(`${pad}</${e.name}>`);
}

/** The document: the XML declaration and the root element. */
export function xmlDocument(root: XmlElement): Buffer {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return Buffer.from(`${out.join("\n")}\n`, "utf8");
}

/** Integer cents as a decimal string with two decimals: 123456 → "1234.56", -5 → "-0.05". */
export function decimalOfCents(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount of cents: ${amount}`);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** An integer count of thousandths (or basis points with `places` 2) as a decimal string, trailing zeros cut. */
export function decimalOfScaled(value: number, places: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  const scale = 10 ** places;
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const fraction = String(abs % scale)
    .padStart(places, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / scale)}${fraction ? `.${fraction}` : ""}`;
}
