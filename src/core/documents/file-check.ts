import { fail, ok, type Result } from "../result.js";

/**
 * What an uploaded document may be, and the checks that its bytes are what its name says: the extension picks
 * the type, and the content must start with that type's signature (text types: readable UTF-8 or Windows-1252
 * without control bytes). Pure: the caller feeds the bytes as they stream in.
 */
export type DocumentFileType = "pdf" | "png" | "jpeg" | "xlsx" | "csv" | "txt";

export const DOCUMENT_EXTENSIONS: Readonly<Record<string, DocumentFileType>> = {
  pdf: "pdf",
  png: "png",
  jpg: "jpeg",
  jpeg: "jpeg",
  xlsx: "xlsx",
  csv: "csv",
  txt: "txt",
};

/** The name a user knows each binary type by (in messages). */
const TYPE_LABELS: Readonly<Record<"pdf" | "png" | "jpeg" | "xlsx", string>> = {
  pdf: "PDF",
  png: "PNG",
  jpeg: "JPEG",
  xlsx: "Excel (.xlsx)",
};

const SIGNATURES: Readonly<Record<"pdf" | "png" | "jpeg" | "xlsx", readonly number[]>> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  xlsx: [0x50, 0x4b, 0x03, 0x04], // a ZIP archive (Office Open XML)
};

const MIME_TYPES: Readonly<Record<"pdf" | "png" | "jpeg" | "xlsx", string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The lower-case extension of a file name, without the dot ("" when there is none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : "";
}

export const MAX_FILENAME_LENGTH = 200;

/**
 * The uploaded name as shown to users, never a path: the last segment after any `/` or `\`, without control or
 * invisible formatting characters (bidirectional overrides that disguise an extension), without leading dots,
 * at most 200 characters (the extension kept).
 */
export function sanitizeFilename(raw: string): string {
  const segments = raw.normalize("NFC").split(/[/\\]/);
  let name = (segments.at(-1) ?? "")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "")
    .trim()
    .replace(/^\.+/, "")
    .trim();
  if (name === "") name = "document";
  const chars = [...name];
  if (chars.length > MAX_FILENAME_LENGTH) {
    const extension = extensionOf(name);
    const suffix = extension && extension.length <= 10 ? `.${extension}` : "";
    name = chars.slice(0, MAX_FILENAME_LENGTH - suffix.length).join("") + suffix;
  }
  return name;
}

/** Windows-1252 leaves these five bytes undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Control bytes a text file may hold: tab, line feed, form feed, carriage return. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
const HEAD_LENGTH = 16;

export interface ContentFacts {
  size: number;
  /** The first bytes (up to 16). */
  head: Uint8Array;
  /** `utf-8` or `windows-1252` when the whole content is readable text, else null. */
  text: "utf-8" | "windows-1252" | null;
}

/** Follows the bytes of a file as they stream in, keeping only what the checks need. */
export class ContentScanner {
  private size = 0;
  private readonly head = new Uint8Array(HEAD_LENGTH);
  private headLength = 0;
  private controls = false;
  private cp1252 = true;
  private utf8 = true;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  push(chunk: Uint8Array): void {
    if (this.headLength < HEAD_LENGTH) {
      const take = chunk.subarray(0, HEAD_LENGTH - this.headLength);
      this.head.set(take, this.headLength);
      this.headLength += take.length;
    }
    this.size += chunk.length;
    if (!this.controls) {
      for (const byte of chunk) {
        if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) {
          this.controls = true;
          break;
        }
        if (this.cp1252 && CP1252_UNDEFINED.has(byte)) this.cp1252 = false;
      }
    }
    if (this.utf8 && !this.controls) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.utf8 = false;
      }
    }
  }

  finish(): ContentFacts {
    if (this.utf8 && !this.controls) {
      try {
        this.decoder.decode();
      } catch {
        this.utf8 = false;
      }
    }
    const text = this.controls ? null : this.utf8 ? "utf-8" : this.cp1252 ? "windows-1252" : null;
    return { size: this.size, head: this.head.slice(0, this.headLength), text };
  }
}

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return head.length >= signature.length && signature.every((b, i) => head[i] === b);
}

/**
 * The MIME type to store and serve, when the content is what the type says; else the problem (`document.*`).
 * Text is stored with its charset so that it is displayed as written.
 */
export function checkContent(type: DocumentFileType, facts: ContentFacts, filename: string): Result<string> {
  if (facts.size === 0) return fail("document.empty");
  if (type === "csv" || type === "txt") {
    if (facts.text === null) return fail("document.not_text", { filename });
    return ok(`${type === "csv" ? "text/csv" : "text/plain"}; charset=${facts.text}`);
  }
  if (!startsWith(facts.head, SIGNATURES[type])) {
    return fail("document.content_mismatch", { filename, expected: TYPE_LABELS[type] });
  }
  return ok(MIME_TYPES[type]);
}
