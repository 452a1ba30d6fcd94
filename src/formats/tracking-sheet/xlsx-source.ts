import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { SheetInterpreter } from "./sheet.js";
import type { CellValue, ReadOptions, TrackingEvent } from "./types.js";

/** Progress is reported at most once per this many rows (and at the end). */
const PROGRESS_ROWS = 5_000;

/** An exceljs cell value reduced to what the row reader knows: formula → result, rich text → its text… */
export function plainCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "object" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("formula" in v || "sharedFormula" in v) {
    return v.result === undefined ? undefined : plainCellValue(v.result as ExcelJS.CellValue);
  }
  if ("hyperlink" in v) return plainCellValue(v.text as ExcelJS.CellValue);
  if ("error" in v) return v.error;
  return undefined;
}

/**
 * The first worksheet, streamed with exceljs' WorkbookReader (shared strings are cached, styles too: they tell
 * date cells from numbers). Line numbers are worksheet row numbers.
 */
export async function* readXlsx(
  path: string,
  totalBytes: number,
  options: ReadOptions,
): AsyncGenerator<TrackingEvent> {
  const out: TrackingEvent[] = [];
  const sheet = new SheetInterpreter(options, out);
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let rowsSinceProgress = 0;
  let failure = false;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values;
        const cells: CellValue[] = [];
        if (Array.isArray(values)) {
          for (let i = 1; i < values.length; i++) cells.push(plainCellValue(values[i]));
        }
        sheet.accept(cells, row.number);
        for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
        out.length = 0;
        if (sheet.failed) return;
        if (++rowsSinceProgress >= PROGRESS_ROWS) {
          rowsSinceProgress = 0;
          yield { type: "progress", bytesRead: input.bytesRead, totalBytes };
        }
      }
      break; // the first worksheet only
    }
  } catch {
    failure = true;
  } finally {
    input.destroy();
  }
  if (failure) sheet.fileError(0, "file.invalid_xlsx");
  else sheet.finish();
  for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
  yield { type: "progress", bytesRead: totalBytes, totalBytes };
}
