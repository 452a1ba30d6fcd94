import { checkFile } from "./file.js";
import { SheetInterpreter } from "./sheet.js";
import type { ReadOptions, TrackingEvent } from "./types.js";
import { XlsxWorkbook } from "./xlsx-workbook.js";
import { XlsxLimitError } from "./zip.js";

/** Progress is reported at most once per this many rows (and at the end). */
const PROGRESS_ROWS = 5_000;

/**
 * The first worksheet (the first tab), streamed row by row (see XlsxWorkbook: the zip's central directory is
 * read first, so the order of the parts in the file does not matter). Line numbers are worksheet row numbers;
 * the first non-empty row is the header. Progress counts the worksheet's compressed bytes, scaled to the file.
 * A file past one of the reader's limits (XLSX_LIMITS: entries, inflated bytes) is refused with its own message,
 * after the rows already read: an import of it writes nothing (one transaction).
 */
export async function* readXlsx(path: string, options: ReadOptions): AsyncGenerator<TrackingEvent> {
  const size = await checkFile(path, options.locale);
  if (typeof size !== "number") {
    yield size;
    return;
  }
  const totalBytes = size;
  const out: TrackingEvent[] = [];
  const sheet = new SheetInterpreter(options, out);
  let book: XlsxWorkbook | undefined;
  let rowsSinceProgress = 0;
  let unreadable = false;
  let limit: XlsxLimitError | undefined;
  try {
    book = await XlsxWorkbook.open(path, options.xlsxLimits);
    rows: for await (const batch of book.rows()) {
      for (const row of batch) {
        sheet.accept(row.cells, row.line);
        for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
        out.length = 0;
        if (sheet.failed) break rows;
        if (++rowsSinceProgress >= PROGRESS_ROWS) {
          rowsSinceProgress = 0;
          yield { type: "progress", bytesRead: Math.round(totalBytes * book.progress), totalBytes };
        }
      }
    }
  } catch (e) {
    // not a zip, missing parts, bad XML, I/O error while reading; or a limit passed
    unreadable = true;
    if (e instanceof XlsxLimitError) limit = e;
  } finally {
    await book?.close();
  }
  if (sheet.failed) return;
  if (limit) sheet.fileError(0, limit.code, limit.params);
  else if (unreadable) sheet.fileError(0, "file.invalid_xlsx");
  else sheet.finish();
  for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
  yield { type: "progress", bytesRead: totalBytes, totalBytes };
}
