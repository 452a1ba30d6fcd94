import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { readCsv } from "./csv-source.js";
import { SheetInterpreter } from "./sheet.js";
import type { ReadOptions, TrackingEvent } from "./types.js";
import { readXlsx } from "./xlsx-source.js";

type Format = "csv" | "xlsx" | { unsupported: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

async function startsWith(path: string, magic: readonly number[]): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(buf, 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => buf[i] === b);
  } finally {
    await handle.close();
  }
}

/** By extension; an unknown extension is decided by the content (zip → xlsx, old .xls → unsupported, else csv). */
async function detectFormat(path: string): Promise<Format> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (await startsWith(path, ZIP_MAGIC)) return "xlsx";
  if (ext === ".xls" || ext === ".ods" || (await startsWith(path, OLE2_MAGIC)))
    return { unsupported: ext || path };
  return "csv";
}

/**
 * Reads a tracking sheet ("document de suivi"), CSV or XLSX, as a stream of events: first `header`, then one
 * `row` per valid data row and one `error` per problem (reading goes on after a bad row so that every problem is
 * reported; after header problems nothing more is read), with `progress` now and then. Never throws on bad
 * input: unreadable files are reported as file-level errors (line 0, column "").
 */
export async function* readTrackingSheet(path: string, options: ReadOptions): AsyncGenerator<TrackingEvent> {
  const out: TrackingEvent[] = [];
  const fileLevel = new SheetInterpreter(options, out);
  let totalBytes: number;
  let format: Format;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    totalBytes = info.size;
    format = options.format ?? (await detectFormat(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") fileLevel.fileError(0, "file.not_found", { path });
    else fileLevel.fileError(0, "file.unreadable", { path, reason: code ?? String(e) });
    yield* out;
    return;
  }
  if (totalBytes === 0) {
    fileLevel.fileError(0, "file.empty");
    yield* out;
    return;
  }
  if (typeof format === "object") {
    fileLevel.fileError(0, "file.unsupported_format", { extension: format.unsupported });
    yield* out;
    return;
  }
  try {
    if (format === "xlsx") yield* readXlsx(path, totalBytes, options);
    else yield* readCsv(path, totalBytes, options);
  } catch (e) {
    // I/O failure in the middle of the file (the parsers themselves do not throw on bad content)
    const code = (e as NodeJS.ErrnoException).code;
    fileLevel.fileError(0, "file.unreadable", { path, reason: code ?? String(e) });
    yield* out;
  }
}
