import type { Locale, MessageCode } from "../../core/messages.js";
import type { XlsxLimits } from "./xlsx-workbook.js";

export type TrackingField =
  | "number"
  | "client"
  | "siren"
  | "siret"
  | "email"
  | "issue_date"
  | "due_date"
  | "total"
  | "ht"
  | "vat"
  | "paid"
  | "balance"
  | "payment_date"
  | "kind"
  | "notes"
  | "ignore";

export type ClientKind = "business" | "consumer" | "public";

export interface TrackingRow {
  /** Line in the file, header = line 1 (CSV: physical line where the record starts; XLSX: worksheet row). */
  line: number;
  number: string;
  client: string;
  siren?: string;
  siret?: string;
  email?: string;
  kind?: ClientKind;
  /** YYYY-MM-DD */
  issue_date?: string;
  /** YYYY-MM-DD */
  due_date?: string;
  total_cents: number;
  ht_cents?: number;
  vat_cents?: number;
  /** 0 when absent; total − balance when only a balance column is given. */
  paid_cents: number;
  /** YYYY-MM-DD */
  payment_date?: string;
  notes?: string;
}

export interface RowError {
  line: number;
  /** The header text as in the file; "" for file-level and header-level problems that name no column. */
  column: string;
  code: MessageCode | string;
  /** In the requested locale. */
  message: string;
}

export interface ReadOptions {
  locale: Locale;
  /** Header text → field; wins over recognition. */
  map?: Record<string, TrackingField>;
  /** Default: from the extension (.csv/.tsv/.txt → csv, .xlsx → xlsx). */
  format?: "csv" | "xlsx";
  /** The XLSX reader's limits; default XLSX_LIMITS (tests lower them). */
  xlsxLimits?: Readonly<XlsxLimits>;
}

export interface TrackingColumn {
  header: string;
  field: TrackingField;
}

export type TrackingEvent =
  | {
      type: "header";
      columns: TrackingColumn[];
      encoding?: "utf-8" | "windows-1252";
      delimiter?: ";" | "," | "\t";
    }
  | { type: "row"; row: TrackingRow }
  | { type: "error"; error: RowError }
  | { type: "progress"; bytesRead: number; totalBytes: number };

/** A cell as the sources give it: CSV gives strings, XLSX also numbers, dates (UTC midnight) and booleans. */
export type CellValue = string | number | boolean | Date | null | undefined;
