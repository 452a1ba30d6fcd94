import { type FileHandle, open } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

/**
 * A minimal ZIP reader for XLSX files: it reads the central directory at the end of the file, so any part can be
 * opened in any order, whatever the order of the entries in the file (exceljs' streaming reader reads the
 * entries in file order and, on files whose workbook part comes last, loses parts now and then). Entries are
 * streamed, stored or deflated; ZIP64 is understood; encrypted entries and other methods are refused.
 */

/** Thrown for anything that makes the file an unreadable ZIP/XLSX. */
export class XlsxFormatError extends Error {
  override name = "XlsxFormatError";
}

/**
 * Thrown when the file passes one of the reader's limits (too many entries, too much inflated: a zip bomb): the
 * file is refused with the message of `code` (xlsx-source.ts), not as merely unreadable.
 */
export class XlsxLimitError extends XlsxFormatError {
  override name = "XlsxLimitError";

  constructor(
    readonly code: "file.xlsx_too_many_entries" | "file.xlsx_part_too_large" | "file.xlsx_too_large",
    readonly params: Record<string, number>,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ZipEntry {
  /** The name as stored. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;
/** The central directory of an XLSX is a few kilobytes; this bounds what a forged size makes us read. */
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
/** An XLSX holds a few dozen parts (a few hundred with many sheets and pictures). */
export const MAX_ZIP_ENTRIES = 10_000;

export interface ZipEntryStream extends AsyncIterable<Buffer> {
  /** Compressed bytes read so far, out of `entry.compressedSize`. */
  readonly compressedBytesRead: number;
}

export class ZipFile {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
    entries: ZipEntry[],
  ) {
    for (const e of entries) {
      // Part names are case-insensitive in OPC; the first of two equal names wins.
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** Opens the file and reads its central directory; more than `maxEntries` entries are refused. */
  static async open(path: string, maxEntries = MAX_ZIP_ENTRIES): Promise<ZipFile> {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      const entries = await readCentralDirectory(handle, size, maxEntries);
      return new ZipFile(handle, size, entries);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** The entry of a part name (without leading "/"), case-insensitively. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The entry's uncompressed bytes, in chunks. Breaking out of the iteration stops the reading. */
  async stream(entry: ZipEntry): Promise<ZipEntryStream> {
    if (entry.flags & 1) throw new XlsxFormatError(`encrypted entry ${entry.name}`);
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw new XlsxFormatError(`unsupported compression method ${entry.method} for ${entry.name}`);
    }
    const header = Buffer.alloc(LOCAL_HEADER_SIZE);
    const { bytesRead } = await this.handle.read(header, 0, LOCAL_HEADER_SIZE, entry.localHeaderOffset);
    if (bytesRead < LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw new XlsxFormatError(`bad local header for ${entry.name}`);
    }
    const start =
      entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) throw new XlsxFormatError(`truncated entry ${entry.name}`);
    const raw =
      entry.compressedSize === 0
        ? undefined
        : this.handle.createReadStream({
            start,
            end: start + entry.compressedSize - 1,
            autoClose: false,
            highWaterMark: 64 * 1024,
          });
    let output: Readable;
    if (entry.method === STORED) output = raw ?? Readable.from([]);
    else {
      const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
      if (raw) pipeline(raw, inflate, () => undefined);
      else inflate.end(); // no data: inflate reports the missing end of stream
      output = inflate;
    }
    return {
      get compressedBytesRead() {
        return raw ? raw.bytesRead : 0;
      },
      [Symbol.asyncIterator]: () => output[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
    };
  }

  /** Closes the file. Streams still being read fail. */
  close(): Promise<void> {
    return this.handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new XlsxFormatError("unexpected end of file");
    done += bytesRead;
  }
  return buf;
}

async function readCentralDirectory(
  handle: FileHandle,
  size: number,
  maxEntries: number,
): Promise<ZipEntry[]> {
  if (size < EOCD_SIZE) throw new XlsxFormatError("not a zip file");
  const tailStart = Math.max(0, size - EOCD_SIZE - MAX_COMMENT - ZIP64_LOCATOR_SIZE);
  const tail = await readAt(handle, tailStart, size - tailStart);
  // The end-of-central-directory record is the last one whose comment ends the file (or before: be lenient).
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxFormatError("not a zip file: no end of central directory");
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
    const recordOffset = readUInt64(tail, locator + 8);
    const record = await readAt(handle, recordOffset, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new XlsxFormatError("bad zip64 record");
    count = readUInt64(record, 32);
    cdSize = readUInt64(record, 40);
    cdOffset = readUInt64(record, 48);
  }
  if (count > maxEntries) {
    throw new XlsxLimitError(
      "file.xlsx_too_many_entries",
      { count, max: maxEntries },
      `${count} entries, more than ${maxEntries}`,
    );
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) {
    throw new XlsxFormatError("bad central directory");
  }
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new XlsxFormatError("bad central directory entry");
    }
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new XlsxFormatError("bad central directory entry");
    const entry: ZipEntry = {
      // Names of XLSX parts are ASCII; UTF-8 (flag bit 11) or not, they decode the same.
      name: cd.toString("utf8", p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      flags,
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd, p + 46 + nameLength, p + 46 + nameLength + extraLength);
    entries.push(entry);
    p = end;
  }
  return entries;
}

/** The ZIP64 extra field holds, in this order, those of the three values that are 0xFFFFFFFF in the entry. */
function applyZip64Extra(entry: ZipEntry, buf: Buffer, start: number, end: number): void {
  const MAX = 0xffffffff;
  if (entry.uncompressedSize !== MAX && entry.compressedSize !== MAX && entry.localHeaderOffset !== MAX)
    return;
  let p = start;
  while (p + 4 <= end) {
    const id = buf.readUInt16LE(p);
    const length = buf.readUInt16LE(p + 2);
    let q = p + 4;
    const fieldEnd = q + length;
    if (fieldEnd > end) break;
    if (id === 0x0001) {
      if (entry.uncompressedSize === MAX && q + 8 <= fieldEnd) {
        entry.uncompressedSize = readUInt64(buf, q);
        q += 8;
      }
      if (entry.compressedSize === MAX && q + 8 <= fieldEnd) {
        entry.compressedSize = readUInt64(buf, q);
        q += 8;
      }
      if (entry.localHeaderOffset === MAX && q + 8 <= fieldEnd) entry.localHeaderOffset = readUInt64(buf, q);
      return;
    }
    p = fieldEnd;
  }
}

function readUInt64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new XlsxFormatError("zip offset out of range");
  return Number(value);
}
