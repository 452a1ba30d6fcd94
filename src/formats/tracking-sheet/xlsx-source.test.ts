import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { brief, collect, TempDir } from "./test-helpers.js";

const tmp = new TempDir();
afterAll(() => tmp.remove());

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function writeWorkbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const file = tmp.file(name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("readTrackingSheet — XLSX", () => {
  it("reads the same rows as the CSV export, whatever the cell types", async () => {
    const file = await writeWorkbook("suivi.xlsx", (wb) => {
      const ws = wb.addWorksheet("Suivi");
      ws.addRow([]); // a blank first row: the header is the first non-empty one
      ws.addRow([
        "Numéro",
        "Client",
        "SIREN",
        "Date d'émission",
        "Échéance",
        "Montant TTC",
        "Déjà payé",
        "Statut",
      ]);
      // dates as Date cells, amounts as numbers, SIREN as a number
      ws.addRow([
        "F2025-001",
        "Boulangerie Martin",
        732829320,
        utc(2025, 1, 31),
        utc(2025, 3, 2),
        1234.56,
        0,
        "Payée",
      ]);
      // dates and amounts as text, client as rich text, total as a formula
      const r = ws.addRow([
        "F2025-002",
        { richText: [{ text: "Société Générale " }, { font: { bold: true }, text: "d'Électricité" }] },
        "552 100 554",
        "15/02/2025",
        "2025-03-17",
        { formula: "10000+2000", result: 12000 },
        "4 000,00",
      ]);
      r.commit();
      // a date typed as a serial number in a date column, an integer invoice number
      ws.addRow([3, "Café des Arts", null, 45717, utc(2025, 3, 31), 360]);
      ws.addRow([]);
      ws.addRow(["F2025-004", "Client sans montant", null, utc(2025, 1, 1), "31/02/2025", "abc"]);
      wb.addWorksheet("Autre").addRow(["rien", "à", "voir"]);
    });
    const r = await collect(file);
    expect(r.header?.columns.map((c) => c.field)).toEqual([
      "number",
      "client",
      "siren",
      "issue_date",
      "due_date",
      "total",
      "paid",
      "ignore",
    ]);
    expect(r.header?.encoding).toBeUndefined();
    expect(r.rows).toEqual([
      {
        line: 3,
        number: "F2025-001",
        client: "Boulangerie Martin",
        siren: "732829320",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        total_cents: 123456,
        paid_cents: 0,
      },
      {
        line: 4,
        number: "F2025-002",
        client: "Société Générale d'Électricité",
        siren: "552100554",
        issue_date: "2025-02-15",
        due_date: "2025-03-17",
        total_cents: 1200000,
        paid_cents: 400000,
      },
      {
        line: 5,
        number: "3",
        client: "Café des Arts",
        issue_date: "2025-03-01",
        due_date: "2025-03-31",
        total_cents: 36000,
        paid_cents: 0,
      },
    ]);
    expect(brief(r.errors)).toEqual([
      { line: 7, column: "Échéance", code: "date.impossible" },
      { line: 7, column: "Montant TTC", code: "amount.invalid" },
    ]);
    expect(r.progress.at(-1)?.bytesRead).toBe(r.progress.at(-1)?.totalBytes);
  });

  it("reports header problems on the header's row", async () => {
    const file = await writeWorkbook("bad-header.xlsx", (wb) => {
      const ws = wb.addWorksheet("Suivi");
      ws.addRow(["Numéro", "Client", "Commercial", "Échéance", "Montant"]);
      ws.addRow(["F1", "A", "Paul", utc(2025, 1, 31), 10]);
    });
    const r = await collect(file, { locale: "en" });
    expect(brief(r.errors)).toEqual([{ line: 1, column: "Commercial", code: "column.unknown" }]);
    expect(r.rows).toEqual([]);
    const fixed = await collect(file, { locale: "en", map: { Commercial: "ignore" } });
    expect(fixed.rows.map((row) => row.due_date)).toEqual(["2025-01-31"]);
  });

  it("reads the first tab even when it is not the first worksheet part", async () => {
    const file = await writeWorkbook("tabs.xlsx", (wb) => {
      wb.addWorksheet("Brouillon").addRow(["pas", "un", "suivi"]);
      const ws = wb.addWorksheet("Suivi");
      // moved before "Brouillon" in the workbook (orderNo is not in exceljs' types), but stored as sheet2.xml
      (ws as unknown as { orderNo: number }).orderNo = 0;
      ws.addRow(["N°", "Client", "Date", "Total"]);
      ws.addRow(["F1", "A", utc(2025, 1, 31), 10]);
    });
    const r = await collect(file);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((row) => row.number)).toEqual(["F1"]);
  });

  it("reports a file that is not a workbook", async () => {
    const file = tmp.write("broken.xlsx", Buffer.from("PK\u0003\u0004 this is not a zip"));
    const r = await collect(file);
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.invalid_xlsx" }]);
  });

  it("detects an xlsx without the extension", async () => {
    const file = await writeWorkbook("export", (wb) => {
      const ws = wb.addWorksheet("Suivi");
      ws.addRow(["N°", "Client", "Date", "Total"]);
      ws.addRow(["F1", "A", utc(2025, 1, 31), 10]);
    });
    expect((await collect(file)).rows.map((r) => r.number)).toEqual(["F1"]);
  });
});
