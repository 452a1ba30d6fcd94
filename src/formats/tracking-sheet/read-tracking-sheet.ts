import { open } from "node:fs/promises";
import { extname } from "node:path";
import { readCsv } from "./csv-source.js";
import { fileErrorEvent } from "./sheet.js";
import type { ReadOptions, TrackingEvent } from "./types.js";
import { readXlsx } from "./xlsx-source.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function formatFromExtension(path: string): "csv" | "xlsx" | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  return undefined;
}

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

/** Unknown extension: a zip is an xlsx, an OLE2 file (old .xls) or .xls/.ods is refused, anything else is CSV. */
async function* readByContent(path: string, options: ReadOptions): AsyncGenerator<TrackingEvent> {
  const ext = extname(path).toLowerCase();
  let zip: boolean;
  let ole2: boolean;
  try {
    zip = await startsWith(path, ZIP_MAGIC);
    ole2 = !zip && (await startsWith(path, OLE2_MAGIC));
  } catch {
    yield* readCsv(path, options); // reports the I/O problem
    return;
  }
  if (zip) yield* readXlsx(path, options);
  else if (ole2 || ext === ".xls" || ext === ".ods") {
    yield fileErrorEvent(options.locale, "file.unsupported_format", { extension: ext || path });
  } else yield* readCsv(path, options);
}

/**
 * Reads a tracking sheet ("document de suivi"), CSV or XLSX, as a stream of events: first `header`, then one
 * `row` per valid data row and one `error` per problem (reading goes on after a bad row so that every problem
 * is reported; after header problems nothing more is read), with `progress` now and then. Never throws on bad
 * input: a missing, empty or unreadable file is reported as file-level errors (line 0, column "").
 */
export function readTrackingSheet(path: string, options: ReadOptions): AsyncGenerator<TrackingEvent> {
  const format = options.format ?? formatFromExtension(path);
  if (format === "csv") return readCsv(path, options);
  if (format === "xlsx") return readXlsx(path, options);
  return readByContent(path, options);
}
