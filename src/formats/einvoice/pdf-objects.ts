import { inflateSync } from "node:zlib";

/**
 * A minimal, read-only PDF object reader: enough to find a PDF's embedded files. It scans the file for indirect
 * objects ("12 0 obj … endobj") and the objects inside object streams, parses their values, and decodes streams
 * that are plain or FlateDecode. It never follows anything outside the file, executes nothing, bounds nesting and
 * the size of every inflated stream.
 */

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];
export interface PdfName {
  type: "name";
  value: string;
}
export interface PdfString {
  type: "string";
  /** The string's bytes, one char per byte (latin1). */
  bytes: string;
}
export interface PdfRef {
  type: "ref";
  num: number;
  gen: number;
}
export interface PdfDict {
  type: "dict";
  entries: Map<string, PdfValue>;
}
export interface PdfObject {
  value: PdfValue;
  /** Offsets [start, end) of the stream's raw data in the file, when the object is a stream. */
  stream?: { start: number; end: number };
  /** Set for objects read from an object stream: their streams are not theirs to have. */
  inObjectStream?: boolean;
}

/** The largest stream inflated (an embedded invoice XML is a few hundred kB at most). */
export const MAX_INFLATED_BYTES = 20 * 1024 * 1024;
const MAX_DEPTH = 64;

export class PdfSyntaxError extends Error {}

const WHITESPACE = new Set(["\0", "\t", "\n", "\f", "\r", " "]);
const DELIMITERS = new Set(["(", ")", "<", ">", "[", "]", "{", "}", "/", "%"]);

export class PdfValueParser {
  constructor(
    private readonly s: string,
    public pos: number,
  ) {}

  skipWhitespace(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos] as string;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === "%") {
        while (this.pos < s.length && s[this.pos] !== "\n" && s[this.pos] !== "\r") this.pos++;
      } else break;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos] as string;
      if (WHITESPACE.has(c) || DELIMITERS.has(c)) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError("nesting too deep");
    this.skipWhitespace();
    const s = this.s;
    const c = s[this.pos];
    if (c === undefined) throw new PdfSyntaxError("unexpected end");
    if (c === "/") {
      this.pos++;
      return {
        type: "name",
        value: this.regular().replace(/#([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
      };
    }
    if (c === "<" && s[this.pos + 1] === "<") return this.dict(depth);
    if (c === "<") return this.hexString();
    if (c === "(") return this.literalString();
    if (c === "[") {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhitespace();
        if (s[this.pos] === "]") {
          this.pos++;
          return items;
        }
        items.push(this.value(depth + 1));
      }
    }
    const token = this.regular();
    if (token === "") throw new PdfSyntaxError(`unexpected ${c}`);
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) throw new PdfSyntaxError(`unexpected ${token.slice(0, 20)}`);
    if (/^\d+$/.test(token)) {
      const ref = /^\s+(\d+)\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/.exec(s.slice(this.pos, this.pos + 32));
      if (ref) {
        this.pos += ref[0].length;
        return { type: "ref", num: Number(token), gen: Number(ref[1]) };
      }
    }
    return Number(token);
  }

  private dict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipWhitespace();
      if (this.s.startsWith(">>", this.pos)) {
        this.pos += 2;
        return { type: "dict", entries };
      }
      const key = this.value(depth + 1);
      if (key === null || typeof key !== "object" || Array.isArray(key) || key.type !== "name") {
        throw new PdfSyntaxError("dictionary key is not a name");
      }
      entries.set(key.value, this.value(depth + 1));
    }
  }

  private hexString(): PdfString {
    const end = this.s.indexOf(">", this.pos);
    if (end < 0) throw new PdfSyntaxError("unterminated hex string");
    let hex = this.s.slice(this.pos + 1, end).replace(/\s/g, "");
    this.pos = end + 1;
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new PdfSyntaxError("bad hex string");
    if (hex.length % 2 === 1) hex += "0";
    let bytes = "";
    for (let i = 0; i < hex.length; i += 2) bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    return { type: "string", bytes };
  }

  private literalString(): PdfString {
    const s = this.s;
    let depth = 0;
    let out = "";
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos++] as string;
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) return { type: "string", bytes: out };
        depth--;
      } else if (c === "\\") {
        const e = s[this.pos++];
        const simple: Record<string, string> = {
          n: "\n",
          r: "\r",
          t: "\t",
          b: "\b",
          f: "\f",
          "(": "(",
          ")": ")",
          "\\": "\\",
        };
        if (e === undefined) break;
        if (e in simple) out += simple[e];
        else if (/[0-7]/.test(e)) {
          let octal = e;
          while (octal.length < 3 && /[0-7]/.test(s[this.pos] ?? "")) octal += s[this.pos++];
          out += String.fromCharCode(parseInt(octal, 8) & 0xff);
        } else if (e === "\r") {
          if (s[this.pos] === "\n") this.pos++;
        } else if (e !== "\n") out += e;
        continue;
      }
      out += c;
    }
    throw new PdfSyntaxError("unterminated string");
  }
}

export function isDict(v: PdfValue | undefined): v is PdfDict {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.type === "dict";
}

export function isRef(v: PdfValue | undefined): v is PdfRef {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.type === "ref";
}

export function nameOf(v: PdfValue | undefined): string | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.type === "name" ? v.value : undefined;
}

/** A PDF text string: UTF-16BE with its BOM, UTF-8 with its BOM, else PDFDocEncoding (read as latin1). */
export function textOf(v: PdfValue | undefined): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v.type !== "string") return undefined;
  const bytes = Buffer.from(v.bytes, "latin1");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  return v.bytes;
}

/** Every indirect object of the file, the later definition of a number winning (incremental updates). */
export class PdfFile {
  readonly objects = new Map<number, PdfObject>();
  readonly encrypted: boolean;
  private readonly s: string;

  constructor(private readonly bytes: Buffer) {
    this.s = bytes.toString("latin1");
    this.encrypted = /\/Encrypt[\s/<]/.test(this.s);
    this.scan();
    for (const obj of [...this.objects.values()]) {
      if (isDict(obj.value) && nameOf(obj.value.entries.get("Type")) === "ObjStm") this.readObjectStream(obj);
    }
  }

  get(value: PdfValue | undefined): PdfObject | undefined {
    return isRef(value) ? this.objects.get(value.num) : undefined;
  }

  /** The value, following a reference. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return isRef(value) ? this.objects.get(value.num)?.value : value;
  }

  private scan(): void {
    const s = this.s;
    const header = /(\d+)\s+(\d+)\s+obj\b/g;
    for (let m = header.exec(s); m !== null; m = header.exec(s)) {
      try {
        const parser = new PdfValueParser(s, m.index + m[0].length);
        const value = parser.value();
        parser.skipWhitespace();
        const object: PdfObject = { value };
        if (s.startsWith("stream", parser.pos) && isDict(value)) {
          let start = parser.pos + "stream".length;
          if (s[start] === "\r") start++;
          if (s[start] === "\n") start++;
          const end = this.streamEnd(value, start);
          object.stream = { start, end };
          parser.pos = end;
        }
        this.objects.set(Number(m[1]), object);
        header.lastIndex = Math.max(parser.pos, header.lastIndex);
      } catch (error) {
        if (!(error instanceof PdfSyntaxError)) throw error;
      }
    }
  }

  /** Where a stream's data ends: by its /Length when it checks out, else at the next "endstream". */
  private streamEnd(dict: PdfDict, start: number): number {
    const s = this.s;
    let length = dict.entries.get("Length");
    if (isRef(length)) {
      const re = new RegExp(`(?:^|\\D)${length.num}\\s+${length.gen}\\s+obj\\s*(\\d+)\\s*endobj`);
      const m = re.exec(s);
      length = m ? Number(m[1]) : undefined;
    }
    if (typeof length === "number" && Number.isInteger(length) && length >= 0 && start + length <= s.length) {
      const after = s.slice(start + length, start + length + 32);
      if (/^\s*endstream/.test(after)) return start + length;
    }
    const end = s.indexOf("endstream", start);
    if (end < 0) throw new PdfSyntaxError("unterminated stream");
    let e = end;
    if (s[e - 1] === "\n") e--;
    if (s[e - 1] === "\r") e--;
    return e;
  }

  /** A stream's decoded bytes; undefined when its filter is not one this reader decodes. */
  decode(object: PdfObject): Buffer | undefined {
    if (!object.stream || !isDict(object.value)) return undefined;
    const raw = this.bytes.subarray(object.stream.start, object.stream.end);
    const filter = this.resolve(object.value.entries.get("Filter"));
    const filters = (
      Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter]
    ).map((f) => nameOf(this.resolve(f)));
    const parms = this.resolve(object.value.entries.get("DecodeParms"));
    const parmList = Array.isArray(parms) ? parms : [parms];
    let data: Buffer = raw;
    for (const [i, f] of filters.entries()) {
      if (f !== "FlateDecode" && f !== "Fl") return undefined;
      const p = this.resolve(parmList[i] ?? undefined);
      const predictor = isDict(p) ? p.entries.get("Predictor") : undefined;
      if (typeof predictor === "number" && predictor > 1) return undefined;
      try {
        data = inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
      } catch {
        return undefined;
      }
    }
    return data;
  }

  private readObjectStream(obj: PdfObject): void {
    const data = this.decode(obj);
    if (!data || !isDict(obj.value)) return;
    const n = obj.value.entries.get("N");
    const first = obj.value.entries.get("First");
    if (typeof n !== "number" || typeof first !== "number") return;
    const text = data.toString("latin1");
    const header = text.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i + 1 < header.length && i < 2 * n; i += 2) {
      const num = header[i] as number;
      const offset = header[i + 1] as number;
      if (!Number.isInteger(num) || !Number.isInteger(offset)) return;
      try {
        const value = new PdfValueParser(text, first + offset).value();
        if (!this.objects.has(num)) this.objects.set(num, { value, inObjectStream: true });
      } catch (error) {
        if (!(error instanceof PdfSyntaxError)) throw error;
      }
    }
  }
}
