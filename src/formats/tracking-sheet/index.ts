export { TRACKING_FIELDS } from "./headers.js";
export { parseMapOption } from "./map-option.js";
export { peekRecords, type SheetRecord } from "./peek.js";
export { readTrackingSheet } from "./read-tracking-sheet.js";
export type {
  ClientKind,
  ReadOptions,
  RowError,
  TrackingColumn,
  TrackingEvent,
  TrackingField,
  TrackingRow,
} from "./types.js";
export { XLSX_LIMITS, type XlsxLimits } from "./xlsx-workbook.js";
