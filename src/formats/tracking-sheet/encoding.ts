import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import iconv from "iconv-lite";

export type TextEncoding = "utf-8" | "windows-1252";

/**
 * 64 KiB: larger chunks decode into strings that V8 allocates in large-object space, which made decoding
 * 4× slower in measurements (Node 20).
 */
export const CHUNK_SIZE = 64 * 1024;

export type Sniff = { kind: "binary" } | { kind: "text"; encoding: TextEncoding };

/**
 * Length of the prefix of `buf` that ends on a complete UTF-8 sequence: a multi-byte character cut by the
 * chunk boundary is left for the next chunk.
 */
export function completeUtf8Length(buf: Uint8Array): number {
  const n = buf.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need =
      b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * First pass over the whole file, streaming: NUL bytes anywhere (UTF-16, binary, a renamed .xls or .pdf) →
 * binary; else valid UTF-8 (BOM or not) → utf-8; else windows-1252.
 *
 * The UTF-8 check uses `buffer.isUtf8` per chunk (with the cut character carried over), equivalent to a
 * fatal streaming TextDecoder and about 3× faster since it builds no strings.
 */
export async function sniffEncoding(path: string): Promise<Sniff> {
  let utf8 = true;
  let carry: Buffer | undefined;
  for await (const raw of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const chunk = raw as Buffer;
    if (chunk.indexOf(0) !== -1) return { kind: "binary" };
    if (!utf8) continue;
    const bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const complete = completeUtf8Length(bytes);
    if (!isUtf8(bytes.subarray(0, complete))) {
      utf8 = false;
      carry = undefined;
      continue;
    }
    carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : undefined;
  }
  if (carry !== undefined) utf8 = false; // the file ends inside a character
  return { kind: "text", encoding: utf8 ? "utf-8" : "windows-1252" };
}

export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/** A streaming decoder; the UTF-8 one keeps a leading BOM (callers strip it). */
export function createTextDecoder(encoding: TextEncoding): TextDecoderLike {
  if (encoding === "utf-8") {
    const decoder = new StringDecoder("utf8");
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
  }
  const decoder = iconv.getDecoder("windows-1252");
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? "" };
}
