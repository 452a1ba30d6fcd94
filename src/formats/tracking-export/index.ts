/**
 * The tracking document ("document de suivi"): the spreadsheet a freelancer used to keep by hand, one row per
 * open invoice plus a summary by age of the debt. Written with exceljs's streaming writer so that a ledger of
 * 100,000 open invoices is exported with flat memory.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import { formatDate, type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { AGING_BUCKETS, type AgingBucket, agingBucket, agingLabel } from "../../core/invoices/balance.js";
import type { Locale } from "../../core/messages.js";
import { addCents, type Cents, cents, ZERO } from "../../core/money.js";
import { unwrap } from "../../core/result.js";
import { TRACKING_COLUMNS, TRACKING_LABELS, type TrackingColumn } from "./labels.js";

export { TRACKING_COLUMNS, TRACKING_LABELS, type TrackingColumn, type TrackingLabels } from "./labels.js";

export interface TrackingExportRow {
  client: string;
  number: string;
  /** YYYY-MM-DD */
  /** Null when the tracking sheet the invoice came from had only a due date. */
  issue_date: string | null;
  /** YYYY-MM-DD */
  due_date: string;
  total_cents: number;
  paid_cents: number;
  balance_cents: number;
  days_late: number;
  /** Already localised. */
  stage: string;
  last_action: string | null;
  next_action: string | null;
}

export interface TrackingExportOptions {
  locale: Locale;
  organizationName: string;
  /** YYYY-MM-DD: the day the aging buckets are computed for. */
  asOf: string;
}

export interface TrackingSummaryLine {
  bucket: AgingBucket;
  count: number;
  balance_cents: number;
}

export interface TrackingExportResult {
  rows: number;
  /** One line per bucket, in AGING_BUCKETS order (empty buckets included). */
  summary: TrackingSummaryLine[];
}

export const DATE_FORMAT = "dd/mm/yyyy";
export const EURO_FORMAT = '#,##0.00 "€"';
const INTEGER_FORMAT = "0";
/** Excel refuses longer cell texts. */
const MAX_CELL_TEXT = 32_767;
/** Rows written between two checks of the output's backpressure. */
const ROWS_PER_BATCH = 500;

const COLUMN_LAYOUT: Record<TrackingColumn, { width: number; numFmt?: string }> = {
  client: { width: 34 },
  number: { width: 15 },
  issue_date: { width: 15, numFmt: DATE_FORMAT },
  due_date: { width: 13, numFmt: DATE_FORMAT },
  total: { width: 15, numFmt: EURO_FORMAT },
  paid: { width: 15, numFmt: EURO_FORMAT },
  balance: { width: 15, numFmt: EURO_FORMAT },
  days_late: { width: 15, numFmt: INTEGER_FORMAT },
  stage: { width: 22 },
  last_action: { width: 40 },
  next_action: { width: 40 },
};

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECF1" } },
  border: { bottom: { style: "thin", color: { argb: "FF8A94A6" } } },
  alignment: { vertical: "middle" },
};

/** A date cell: exceljs writes Dates as UTC, so midnight UTC is the calendar day whatever the host zone. */
function dateCell(d: PlainDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function euros(c: number): number {
  return cents(c) / 100;
}

/**
 * Always a string cell (exceljs never turns a string into a formula, so "=HYPERLINK(…)" stays text); control
 * characters are dropped by exceljs, over-long texts are cut to what Excel accepts.
 */
function text(s: string | null): string | null {
  if (s === null || s === "") return null;
  return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
}

function parseDateField(value: string, field: string, row: number): PlainDate {
  const r = parseIsoDate(value);
  if (!r.ok)
    throw new RangeError(`tracking export, row ${row}: ${field} is not a YYYY-MM-DD date: "${value}"`);
  return r.value;
}

type Writable = NodeJS.WritableStream & { writableNeedDrain?: boolean };

/**
 * exceljs's streaming writer ignores backpressure: rows pile up in zlib's and the file's buffers unless the
 * event loop gets a chance to flush them. Waits until the sheet's zip entry and the file have drained.
 */
async function relieve(sheet: ExcelJS.Worksheet, file: WriteStream): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const p of pipes) if (p.writableNeedDrain) await once(p, "drain");
  if (file.writableNeedDrain) await once(file, "drain");
  await new Promise<void>((resolve) => setImmediate(resolve));
}

function writeSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  options: TrackingExportOptions,
  asOf: PlainDate,
  summary: TrackingSummaryLine[],
): void {
  const labels = TRACKING_LABELS[options.locale];
  const sheet = workbook.addWorksheet(labels.summarySheet);
  sheet.columns = [
    { key: "bucket", width: 28 },
    { key: "count", width: 20, style: { numFmt: INTEGER_FORMAT } },
    { key: "balance", width: 18, style: { numFmt: EURO_FORMAT } },
  ];
  const title = sheet.addRow([text(options.organizationName)]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  sheet.addRow([labels.asOf(formatDate(asOf, options.locale))]).commit();
  sheet.addRow([]).commit();

  const header = sheet.addRow([labels.bucket, labels.count, labels.balance]);
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();

  let count = 0;
  let balance: Cents = ZERO;
  for (const line of summary) {
    sheet.addRow([agingLabel(line.bucket, options.locale), line.count, euros(line.balance_cents)]).commit();
    count += line.count;
    balance = addCents(balance, cents(line.balance_cents));
  }
  const total = sheet.addRow([labels.total, count, euros(balance)]);
  total.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = { top: { style: "thin" } };
  });
  total.commit();
  sheet.commit();
}

/**
 * Writes the tracking workbook to `path`: sheet "Suivi" (one row per invoice of `rows`, in the given order) and
 * sheet "Synthèse" (balance by aging bucket as of `options.asOf`). On failure the partial file is removed.
 */
export async function writeTrackingWorkbook(
  path: string,
  rows: AsyncIterable<TrackingExportRow> | Iterable<TrackingExportRow>,
  options: TrackingExportOptions,
): Promise<TrackingExportResult> {
  const asOf = unwrap(parseIsoDate(options.asOf));
  const labels = TRACKING_LABELS[options.locale];
  const file = createWriteStream(path);
  const closed = new Promise<void>((resolve) => file.once("close", () => resolve()));
  // An error on the file (missing directory, full disk) stops the export; exceljs would wait forever.
  let fileError: unknown = null;
  const failed = new Promise<never>((_, reject) =>
    file.on("error", (e) => {
      fileError ??= e;
      reject(fileError);
    }),
  );
  failed.catch(() => undefined);

  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true });
    workbook.creator = options.organizationName;

    // The sheets are numbered in creation order and each is written to the zip as it is committed: sheet 1
    // streams first, the summary is created and written once its numbers are known.
    const sheet = workbook.addWorksheet(labels.trackingSheet, {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = TRACKING_COLUMNS.map((key) => {
      const layout = COLUMN_LAYOUT[key];
      return layout.numFmt === undefined
        ? { key, width: layout.width }
        : { key, width: layout.width, style: { numFmt: layout.numFmt } };
    });
    const header = sheet.addRow(TRACKING_COLUMNS.map((key) => labels.columns[key]));
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TRACKING_COLUMNS.length } };

    const tally = new Map<AgingBucket, { count: number; balance: Cents }>(
      AGING_BUCKETS.map((b) => [b, { count: 0, balance: ZERO }]),
    );
    let written = 0;
    for await (const row of rows) {
      if (fileError !== null) throw fileError;
      const line = written + 2;
      const issue = row.issue_date === null ? null : parseDateField(row.issue_date, "issue_date", line);
      const due = parseDateField(row.due_date, "due_date", line);
      sheet
        .addRow([
          text(row.client),
          text(row.number),
          issue === null ? null : dateCell(issue),
          dateCell(due),
          euros(row.total_cents),
          euros(row.paid_cents),
          euros(row.balance_cents),
          row.days_late,
          text(row.stage),
          text(row.last_action),
          text(row.next_action),
        ])
        .commit();
      const bucket = tally.get(agingBucket(due, asOf));
      if (bucket) {
        bucket.count++;
        bucket.balance = addCents(bucket.balance, cents(row.balance_cents));
      }
      written++;
      if (written % ROWS_PER_BATCH === 0) await relieve(sheet, file);
    }
    sheet.commit();

    const summary = AGING_BUCKETS.map((bucket) => {
      const t = tally.get(bucket) ?? { count: 0, balance: ZERO };
      return { bucket, count: t.count, balance_cents: t.balance };
    });
    writeSummarySheet(workbook, options, asOf, summary);
    await Promise.race([workbook.commit(), failed]);
    await closed;
    if (fileError !== null) throw fileError;
    return { rows: written, summary };
  } catch (error) {
    file.destroy();
    await closed;
    await rm(path, { force: true });
    throw error;
  }
}
