/**
 * The cash-flow forecast as a workbook (docs/forecast.md): sheet « Prévision » (one row per week: expected, low,
 * high, items), « Prévu et encaissé » (the past weeks), « Détail » (each invoice, installment and bill counted).
 * A few hundred rows: written in memory. Amounts are numbers in euros (cents ÷ 100, exact for any safe integer
 * of cents below 2^53 ÷ 100) in the € format, dates real dates; texts are string cells (exceljs never makes a
 * string a formula, so a client named "=HYPERLINK(…)" stays text), cut to what Excel accepts.
 */
import ExcelJS from "exceljs";
import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { cents } from "../../core/money.js";
import { unwrap } from "../../core/result.js";
import { DATE_FORMAT, EURO_FORMAT } from "../tracking-export/index.js";

export interface ForecastWorkbookData {
  as_of: string;
  weeks: {
    start: string;
    end: string;
    expected_cents: number;
    low_cents: number;
    high_cents: number;
    invoices: number;
  }[];
  litigation_cents: number;
  beyond_cents: number;
  past: { start: string; end: string; expected_cents: number; actual_cents: number }[];
  lines: {
    kind: string;
    reference: string;
    client: string;
    stage: string;
    amount_cents: number;
    weight_permille: number;
    weighted_cents: number;
    expected_on: string | null;
    low_on: string | null;
    high_on: string | null;
  }[];
}

const MAX_CELL_TEXT = 32_767;

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECF1" } },
  border: { bottom: { style: "thin", color: { argb: "FF8A94A6" } } },
};

function euros(c: number): number {
  return cents(c) / 100;
}

/** A date cell: exceljs writes Dates as UTC, so midnight UTC is the calendar day whatever the host zone. */
function dateCell(iso: string | null): Date | null {
  if (iso === null) return null;
  const d: PlainDate = unwrap(parseIsoDate(iso));
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function text(s: string): string | null {
  if (s === "") return null;
  return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
}

function sheetWith(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number; numFmt?: string }[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) =>
    c.numFmt === undefined ? { width: c.width } : { width: c.width, style: { numFmt: c.numFmt } },
  );
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  return sheet;
}

/** The workbook's bytes. */
export async function forecastWorkbook(
  data: ForecastWorkbookData,
  locale: Locale,
  creator: string,
): Promise<Buffer> {
  const m = (code: MessageCode, params: Record<string, string | number> = {}) =>
    formatMessage(locale, code, params);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;

  const weeks = sheetWith(workbook, m("forecast.sheet.weeks"), [
    { header: m("forecast.col.start"), width: 13, numFmt: DATE_FORMAT },
    { header: m("forecast.col.end"), width: 13, numFmt: DATE_FORMAT },
    { header: m("forecast.col.expected"), width: 16, numFmt: EURO_FORMAT },
    { header: m("forecast.col.low"), width: 16, numFmt: EURO_FORMAT },
    { header: m("forecast.col.high"), width: 16, numFmt: EURO_FORMAT },
    { header: m("forecast.col.items"), width: 12 },
  ]);
  for (const w of data.weeks)
    weeks.addRow([
      dateCell(w.start),
      dateCell(w.end),
      euros(w.expected_cents),
      euros(w.low_cents),
      euros(w.high_cents),
      w.invoices,
    ]);
  weeks.addRow([]);
  weeks.addRow([text(m("forecast.label.beyond")), null, euros(data.beyond_cents)]);
  weeks.addRow([text(m("forecast.label.litigation")), null, euros(data.litigation_cents)]);

  const past = sheetWith(workbook, m("forecast.sheet.past"), [
    { header: m("forecast.col.start"), width: 13, numFmt: DATE_FORMAT },
    { header: m("forecast.col.end"), width: 13, numFmt: DATE_FORMAT },
    { header: m("forecast.col.expected"), width: 16, numFmt: EURO_FORMAT },
    { header: m("forecast.col.actual"), width: 16, numFmt: EURO_FORMAT },
  ]);
  for (const p of data.past)
    past.addRow([dateCell(p.start), dateCell(p.end), euros(p.expected_cents), euros(p.actual_cents)]);

  const lines = sheetWith(workbook, m("forecast.sheet.lines"), [
    { header: m("forecast.col.kind"), width: 22 },
    { header: m("forecast.col.reference"), width: 16 },
    { header: m("forecast.col.client"), width: 32 },
    { header: m("forecast.col.stage"), width: 26 },
    { header: m("forecast.col.amount"), width: 15, numFmt: EURO_FORMAT },
    { header: m("forecast.col.weight"), width: 15 },
    { header: m("forecast.col.weighted"), width: 15, numFmt: EURO_FORMAT },
    { header: m("forecast.col.expected_on"), width: 14, numFmt: DATE_FORMAT },
    { header: m("forecast.col.low_on"), width: 14, numFmt: DATE_FORMAT },
    { header: m("forecast.col.high_on"), width: 14, numFmt: DATE_FORMAT },
  ]);
  for (const l of data.lines)
    lines.addRow([
      text(m(`forecast.kind.${l.kind}` as MessageCode)),
      text(l.reference),
      text(l.client),
      text(m(`forecast.stage.${l.stage}` as MessageCode)),
      euros(l.amount_cents),
      l.weight_permille,
      euros(l.weighted_cents),
      dateCell(l.expected_on),
      dateCell(l.low_on),
      dateCell(l.high_on),
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
