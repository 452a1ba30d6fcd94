import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { checkFile } from "./file.js";
import { SheetInterpreter } from "./sheet.js";
import type { CellValue, ReadOptions, TrackingEvent } from "./types.js";

/** What the streaming reader knows of xl/workbook.xml once read (not in exceljs' types). */
interface WorkbookModelView {
  model?: { sheets?: { name?: string }[] };
}

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
 * The first worksheet, streamed with exceljs' WorkbookReader (shared strings cached; styles cached too: they
 * tell date cells from numbers). Line numbers are worksheet row numbers; the first non-empty row is the header.
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
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let rowsSinceProgress = 0;
  let unreadable = false;
  try {
    for await (const worksheet of reader) {
      // Zip order is not tab order: when the workbook part came first, skip to the first tab.
      const firstTab = (reader as unknown as WorkbookModelView).model?.sheets?.[0]?.name;
      const name = (worksheet as unknown as { name?: string }).name;
      if (firstTab !== undefined && name !== undefined && name !== firstTab) continue;
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
    // exceljs/unzipper on a file that is not an xlsx: corrupt zip, missing parts, bad XML
    unreadable = true;
  } finally {
    input.destroy();
  }
  if (unreadable) sheet.fileError(0, "file.invalid_xlsx");
  else sheet.finish();
  for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
  yield { type: "progress", bytesRead: totalBytes, totalBytes };
}
