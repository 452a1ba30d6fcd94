import type { Locale } from "../../core/messages.js";
import {
  peekRecords,
  type RowError,
  readTrackingSheet,
  TRACKING_FIELDS,
  type TrackingColumn,
  type TrackingField,
} from "../../formats/tracking-sheet/index.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { previewEInvoice } from "./preview-einvoice.js";
import { presentRowError, type UploadedSheet, withUploadedSheet } from "./uploaded-sheet.js";

/** How many data rows a preview shows. */
export const PREVIEW_ROWS = 10;

export interface ImportPreviewDto {
  headers: string[];
  /** The first data rows, each cell's raw text. */
  rows: string[][];
  /** What each header was recognised as (or mapped to); null when it is not recognised. */
  mapping: Record<string, TrackingField | null>;
  /** Every field a header can be mapped to. */
  fields: TrackingField[];
  /** The problems already visible in the header and in those rows. */
  errors: { line: number; column: string; code: string; message: string }[];
}

export interface PreviewImportOptions {
  ctx: AppContext;
  file: UploadedSheet;
  map?: Record<string, TrackingField>;
  locale?: Locale;
}

/**
 * What the import would make of a tracking sheet, read-only: its header and first rows as they are in the file,
 * how each header maps to a field, and the problems in those rows — found by the same reader as the import. A
 * file without any readable header is refused (400, with the reader's errors in `details`).
 */
export async function previewImport(options: PreviewImportOptions): Promise<ImportPreviewDto> {
  const { ctx, file } = options;
  const locale = options.locale ?? ctx.locale;
  return withUploadedSheet(file, async (path, format) => {
    if (format === "einvoice") return previewEInvoice(path, file.filename, locale);
    const records = await peekRecords(path, format, PREVIEW_ROWS + 1);
    const lastLine = records[PREVIEW_ROWS]?.line ?? Number.POSITIVE_INFINITY;
    let columns: TrackingColumn[] | undefined;
    const errors: RowError[] = [];
    const events = readTrackingSheet(path, { locale, format, ...(options.map ? { map: options.map } : {}) });
    for await (const event of events) {
      if (event.type === "header") columns = event.columns;
      else if (event.type === "row" && event.row.line > lastLine) break;
      else if (event.type === "error") {
        if (event.error.line > lastLine) break;
        errors.push(event.error);
      }
    }
    const present = (e: RowError) => presentRowError(e, path, file.filename);
    if (columns === undefined) {
      throw new AppError("invalid_input", "import.unreadable", {}, errors.map(present));
    }
    const unknown = new Set(errors.filter((e) => e.code === "column.unknown").map((e) => e.column));
    return {
      headers: columns.map((c) => c.header),
      rows: records.slice(1).map((r) => r.cells),
      mapping: Object.fromEntries(columns.map((c) => [c.header, unknown.has(c.header) ? null : c.field])),
      fields: [...TRACKING_FIELDS],
      errors: errors.map(present),
    };
  });
}
