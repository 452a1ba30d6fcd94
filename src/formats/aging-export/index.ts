/**
 * The aging balance (balance âgée) as a workbook: one sheet, one row per client (name, the five buckets of days
 * past due, total, invoices counted), a totals row, the as-of note below. A row per client: written in memory.
 * Amounts are numbers in euros in the € format; names are string cells (exceljs never makes a string a formula,
 * so a client named "=HYPERLINK(…)" stays text), cut to what Excel accepts.
 */
import ExcelJS from "exceljs";
import { formatIsoDate } from "../../core/calendar.js";
import { AGING_BUCKETS, agingLabel } from "../../core/invoices/balance.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { cents } from "../../core/money.js";
import { EURO_FORMAT } from "../tracking-export/index.js";

export interface AgingWorkbookAmounts {
  not_due_cents: number;
  d1_30_cents: number;
  d31_60_cents: number;
  d61_90_cents: number;
  over_90_cents: number;
  total_cents: number;
  invoices: number;
}

export interface AgingWorkbookData {
  as_of: string;
  rows: (AgingWorkbookAmounts & { name: string })[];
  total: AgingWorkbookAmounts;
}

const MAX_CELL_TEXT = 32_767;

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECF1" } },
  border: { bottom: { style: "thin", color: { argb: "FF8A94A6" } } },
};

const euros = (c: number) => cents(c) / 100;
const text = (s: string) => (s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s);

function amounts(a: AgingWorkbookAmounts): (number | string)[] {
  return [
    euros(a.not_due_cents),
    euros(a.d1_30_cents),
    euros(a.d31_60_cents),
    euros(a.d61_90_cents),
    euros(a.over_90_cents),
    euros(a.total_cents),
    a.invoices,
  ];
}

/** The workbook's bytes. */
export async function agingWorkbook(
  data: AgingWorkbookData,
  locale: Locale,
  creator: string,
): Promise<Buffer> {
  const m = (code: Parameters<typeof formatMessage>[1], params: Record<string, string | number> = {}) =>
    formatMessage(locale, code, params);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  const sheet = workbook.addWorksheet(m("aging.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { width: 36 },
    ...AGING_BUCKETS.map(() => ({ width: 15, style: { numFmt: EURO_FORMAT } })),
    { width: 16, style: { numFmt: EURO_FORMAT } },
    { width: 10 },
  ];
  const header = sheet.addRow([
    m("aging.col.client"),
    ...AGING_BUCKETS.map((b) => agingLabel(b, locale)),
    m("aging.col.total"),
    m("aging.col.invoices"),
  ]);
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  for (const r of data.rows) sheet.addRow([text(r.name), ...amounts(r)]);
  const total = sheet.addRow([m("aging.total"), ...amounts(data.total)]);
  total.font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([m("aging.footer", { date: formatIsoDate(data.as_of, locale) })]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
