import { TextDecoder } from "node:util";
import { XlsxFormatError } from "./zip.js";

/**
 * A small streaming XML tokenizer for the parts of an XLSX file: start tags (with their raw attribute text),
 * end tags and character data, fed chunk by chunk. It knows what OOXML parts contain — elements, attributes,
 * text, entity and character references, CDATA, comments, processing instructions — and refuses document type
 * declarations (OPC forbids them; no entity is ever expanded). Names are given without their namespace prefix.
 * It checks what a reader needs and no more: every tag closed, nothing left over at the end.
 */
export interface XmlHandler {
  /** A start tag: local name, the raw attribute text (see `parseAttributes`), and whether it is `<…/>`. */
  open(name: string, attributes: string, selfClosing: boolean): void;
  /** An end tag, also called right after `open` for `<…/>`. */
  close(name: string): void;
  /** Character data, references decoded (may come in several pieces). */
  text(text: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const COLON = 0x3a;

/** No single tag or text node of a spreadsheet part is near this long (a cell holds at most 32,767 characters). */
const MAX_TOKEN = 4 * 1024 * 1024;

export class XmlScanner {
  private rest = "";
  private depth = 0;
  private seenRoot = false;
  private decoder: TextDecoder | undefined;

  constructor(private readonly handler: XmlHandler) {}

  /** Bytes of the part: UTF-8, or UTF-16 with a byte order mark (both allowed by OPC). */
  writeBytes(chunk: Uint8Array): void {
    if (this.decoder === undefined) {
      const b0 = chunk[0];
      const b1 = chunk[1];
      const encoding =
        b0 === 0xff && b1 === 0xfe ? "utf-16le" : b0 === 0xfe && b1 === 0xff ? "utf-16be" : "utf-8";
      this.decoder = new TextDecoder(encoding); // invalid bytes become U+FFFD, as exceljs did
    }
    this.write(this.decoder.decode(chunk, { stream: true }));
  }

  write(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = buf.length;
    const h = this.handler;
    let pos = 0;
    while (pos < n) {
      if (buf.charCodeAt(pos) !== LT) {
        const lt = buf.indexOf("<", pos);
        if (lt === -1) break; // the text goes on in the next chunk
        if (this.depth > 0) h.text(decodeXml(buf.slice(pos, lt)));
        else if (buf.slice(pos, lt).trim() !== "") throw new XlsxFormatError("text outside the root element");
        pos = lt;
      }
      if (pos + 1 >= n) break;
      const c1 = buf.charCodeAt(pos + 1);
      if (c1 === SLASH) {
        const gt = buf.indexOf(">", pos + 2);
        if (gt === -1) break;
        if (this.depth === 0) throw new XlsxFormatError("unexpected end tag");
        this.depth--;
        h.close(localName(buf, pos + 2, trimEnd(buf, pos + 2, gt)));
        pos = gt + 1;
      } else if (c1 === BANG) {
        if (n - pos < 4) break;
        if (buf.startsWith("<!--", pos)) {
          const end = buf.indexOf("-->", pos + 4);
          if (end === -1) break;
          pos = end + 3;
        } else {
          if (n - pos < 9) break;
          if (!buf.startsWith("<![CDATA[", pos)) throw new XlsxFormatError("unsupported markup (DTD?)");
          const end = buf.indexOf("]]>", pos + 9);
          if (end === -1) break;
          if (this.depth === 0) throw new XlsxFormatError("text outside the root element");
          h.text(buf.slice(pos + 9, end));
          pos = end + 3;
        }
      } else if (c1 === QUESTION) {
        const end = buf.indexOf("?>", pos + 2);
        if (end === -1) break;
        pos = end + 2;
      } else {
        // a start tag: up to the first ">" outside quotes (">" may appear in an attribute value)
        let i = pos + 1;
        let quote = 0;
        for (; i < n; i++) {
          const c = buf.charCodeAt(i);
          if (quote !== 0) {
            if (c === quote) quote = 0;
          } else if (c === GT) break;
          else if (c === QUOTE || c === APOSTROPHE) quote = c;
        }
        if (i >= n) break;
        let nameEnd = pos + 1;
        while (nameEnd < i && !isNameEnd(buf.charCodeAt(nameEnd))) nameEnd++;
        if (nameEnd === pos + 1) throw new XlsxFormatError("bad start tag");
        const selfClosing = buf.charCodeAt(i - 1) === SLASH;
        if (this.depth === 0) {
          if (this.seenRoot) throw new XlsxFormatError("more than one root element");
          this.seenRoot = true;
        }
        const name = localName(buf, pos + 1, nameEnd);
        h.open(name, buf.slice(nameEnd, selfClosing ? i - 1 : i), selfClosing);
        if (selfClosing) h.close(name);
        else this.depth++;
        pos = i + 1;
      }
    }
    this.rest = pos < n ? buf.slice(pos) : "";
    if (this.rest.length > MAX_TOKEN) throw new XlsxFormatError("XML token too long");
  }

  /** At the end of the part: the document must be complete. */
  end(): void {
    if (this.decoder !== undefined) this.write(this.decoder.decode());
    if (this.rest.trim() !== "" || this.depth !== 0 || !this.seenRoot) {
      throw new XlsxFormatError("truncated XML part");
    }
  }
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH || c === GT;
}

function trimEnd(buf: string, start: number, end: number): number {
  while (end > start && buf.charCodeAt(end - 1) <= 0x20) end--;
  return end;
}

/** The name between start and end, without its prefix. */
function localName(buf: string, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (buf.charCodeAt(i) === COLON) return buf.slice(i + 1, end);
  }
  return buf.slice(start, end);
}

const REFERENCE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is kept as written. */
export function decodeXml(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(
    REFERENCE,
    (m, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
      if (named !== undefined) return NAMED[named] ?? m;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    },
  );
}

/**
 * The attributes of a start tag by qualified name ("r", "r:id"…), values decoded. Lenient: a malformed
 * attribute ends the list.
 */
export function parseAttributes(raw: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    const nameStart = i;
    while (i < n) {
      const c = raw.charCodeAt(i);
      if (c === 0x3d || c <= 0x20) break;
      i++;
    }
    const name = raw.slice(nameStart, i);
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    if (name === "" || raw.charCodeAt(i) !== 0x3d) break;
    i++;
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    const quote = raw.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOSTROPHE) break;
    const end = raw.indexOf(quote === QUOTE ? '"' : "'", i + 1);
    if (end === -1) break;
    out[name] = decodeXml(raw.slice(i + 1, end));
    i = end + 1;
  }
  return out;
}
