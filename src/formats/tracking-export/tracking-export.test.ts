import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATE_FORMAT, EURO_FORMAT, type TrackingExportRow, writeTrackingWorkbook } from "./index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "relance-tracking-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function row(overrides: Partial<TrackingExportRow>): TrackingExportRow {
  return {
    client: "Boulangerie Fournier SARL",
    number: "F-2025-0001",
    issue_date: "2025-01-15",
    due_date: "2025-02-14",
    total_cents: 120_000,
    paid_cents: 0,
    balance_cents: 120_000,
    days_late: 0,
    stage: "Relancé",
    last_action: null,
    next_action: null,
    ...overrides,
  };
}

const AS_OF = "2025-06-30";
const ROWS: TrackingExportRow[] = [
  row({
    number: "F-2025-0101",
    issue_date: "2025-06-20",
    due_date: "2025-07-20",
    total_cents: 123_456,
    balance_cents: 123_456,
    stage: "À venir",
    next_action: "Rappel avant échéance le 15/07/2025",
  }),
  row({
    client: "<script>alert(1)</script>",
    number: "F-2025-0050",
    issue_date: "2025-05-02",
    due_date: "2025-06-01",
    total_cents: 50_000,
    paid_cents: 20_000,
    balance_cents: 30_000,
    days_late: 29,
    last_action: "Relance e-mail du 05/06/2025",
    next_action: "Appel le 02/07/2025",
  }),
  row({
    client: '=HYPERLINK("http://x")',
    number: "F-2025-0030",
    issue_date: "2025-04-01",
    due_date: "2025-05-01",
    total_cents: 10_001,
    balance_cents: 10_001,
    days_late: 60,
    stage: "Mise en demeure",
  }),
  row({
    client: "+33 6 12 34 56 78",
    number: "-F-2025-0020",
    issue_date: "2025-03-01",
    due_date: "2025-03-31",
    total_cents: 99,
    balance_cents: 99,
    days_late: 91,
    last_action: "@SUM(A1:A2)",
  }),
  row({
    client: "Garage des Brotteaux SARL",
    number: "F-2024-0007",
    issue_date: "2024-01-03",
    due_date: "2024-02-02",
    total_cents: 240_000,
    paid_cents: 40_000,
    balance_cents: 200_000,
    days_late: 514,
    stage: "Contentieux",
  }),
];

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe("writeTrackingWorkbook", () => {
  it("writes the tracking sheet with typed, formatted cells, a frozen header and an autofilter", async () => {
    const path = join(dir, "suivi.xlsx");
    const result = await writeTrackingWorkbook(path, ROWS, {
      locale: "fr",
      organizationName: "Atelier Lumen",
      asOf: AS_OF,
    });
    expect(result.rows).toBe(5);

    const wb = await read(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Suivi", "Synthèse"]);
    const ws = sheetOf(wb, "Suivi");

    expect(ws.getRow(1).values).toEqual([
      undefined,
      "Client",
      "Numéro",
      "Date d'émission",
      "Échéance",
      "Montant TTC",
      "Payé",
      "Solde",
      "Jours de retard",
      "Étape",
      "Dernière action",
      "Prochaine action",
    ]);
    for (let c = 1; c <= 11; c++) expect(ws.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(6);

    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:K1");
    for (let c = 1; c <= 11; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);

    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe("Boulangerie Fournier SARL");
    expect(r2.getCell(2).value).toBe("F-2025-0101");
    expect(r2.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(r2.getCell(3).value).toEqual(new Date(Date.UTC(2025, 5, 20)));
    expect(r2.getCell(3).numFmt).toBe(DATE_FORMAT);
    expect(r2.getCell(4).value).toEqual(new Date(Date.UTC(2025, 6, 20)));
    expect(r2.getCell(4).numFmt).toBe("dd/mm/yyyy");
    expect(r2.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(r2.getCell(5).value).toBe(1234.56);
    expect(r2.getCell(5).numFmt).toBe(EURO_FORMAT);
    expect(EURO_FORMAT).toBe('#,##0.00 "€"');
    expect(r2.getCell(6).value).toBe(0);
    expect(r2.getCell(6).numFmt).toBe(EURO_FORMAT);
    expect(r2.getCell(7).value).toBe(1234.56);
    expect(r2.getCell(7).numFmt).toBe(EURO_FORMAT);
    expect(r2.getCell(8).value).toBe(0);
    expect(r2.getCell(9).value).toBe("À venir");
    expect(r2.getCell(10).value).toBeNull();
    expect(r2.getCell(11).value).toBe("Rappel avant échéance le 15/07/2025");

    const r3 = ws.getRow(3);
    expect(r3.getCell(5).value).toBe(500);
    expect(r3.getCell(6).value).toBe(200);
    expect(r3.getCell(7).value).toBe(300);
    expect(r3.getCell(8).value).toBe(29);
    expect(r3.getCell(10).value).toBe("Relance e-mail du 05/06/2025");
    expect(ws.getRow(5).getCell(7).value).toBe(0.99);
    expect(ws.getRow(6).getCell(3).value).toEqual(new Date(Date.UTC(2024, 0, 3)));
  });

  it("stores hostile texts as plain strings, never as formulas", async () => {
    const path = join(dir, "injection.xlsx");
    await writeTrackingWorkbook(path, ROWS, { locale: "fr", organizationName: "=1+1", asOf: AS_OF });
    const wb = await read(path);
    const ws = sheetOf(wb, "Suivi");
    const cells: [ExcelJS.Cell, string][] = [
      [ws.getCell("A3"), "<script>alert(1)</script>"],
      [ws.getCell("A4"), '=HYPERLINK("http://x")'],
      [ws.getCell("A5"), "+33 6 12 34 56 78"],
      [ws.getCell("B5"), "-F-2025-0020"],
      [ws.getCell("J5"), "@SUM(A1:A2)"],
      [sheetOf(wb, "Synthèse").getCell("A1"), "=1+1"],
    ];
    for (const [cell, expected] of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(expected);
      expect(cell.formula).toBeUndefined();
      expect(cell.hyperlink).toBeUndefined();
    }
  });

  it("summarises the balance by aging bucket as of the given date", async () => {
    const path = join(dir, "synthese.xlsx");
    const result = await writeTrackingWorkbook(path, ROWS, {
      locale: "fr",
      organizationName: "Atelier Lumen",
      asOf: AS_OF,
    });
    expect(result.summary).toEqual([
      { bucket: "not_due", count: 1, balance_cents: 123_456 },
      { bucket: "d1_30", count: 1, balance_cents: 30_000 },
      { bucket: "d31_60", count: 1, balance_cents: 10_001 },
      { bucket: "d61_90", count: 0, balance_cents: 0 },
      { bucket: "over_90", count: 2, balance_cents: 200_099 },
    ]);

    const ws = sheetOf(await read(path), "Synthèse");
    expect(ws.getCell("A1").value).toBe("Atelier Lumen");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").value).toBe("Situation au 30/06/2025");
    expect(ws.getRow(4).values).toEqual([undefined, "Ancienneté", "Nombre de factures", "Solde"]);
    const table = [5, 6, 7, 8, 9, 10].map((r) => {
      const cells = ws.getRow(r);
      return [cells.getCell(1).value, cells.getCell(2).value, cells.getCell(3).value];
    });
    expect(table).toEqual([
      ["Non échu", 1, 1234.56],
      ["1–30 jours", 1, 300],
      ["31–60 jours", 1, 100.01],
      ["61–90 jours", 0, 0],
      ["> 90 jours", 2, 2000.99],
      ["Total", 5, 3635.56],
    ]);
    for (let r = 5; r <= 10; r++) expect(ws.getRow(r).getCell(3).numFmt).toBe(EURO_FORMAT);
    expect(ws.getCell("A10").font?.bold).toBe(true);
  });

  it("speaks English, takes an async iterable and handles an empty ledger", async () => {
    const path = join(dir, "tracking-en.xlsx");
    async function* rows() {
      yield* ROWS.slice(0, 2);
    }
    const result = await writeTrackingWorkbook(path, rows(), {
      locale: "en",
      organizationName: "Atelier Lumen",
      asOf: AS_OF,
    });
    expect(result.rows).toBe(2);
    const wb = await read(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tracking", "Summary"]);
    const ws = sheetOf(wb, "Tracking");
    expect(ws.getCell("B1").value).toBe("Number");
    expect(ws.getCell("E1").value).toBe("Amount incl. VAT");
    expect(ws.getCell("K1").value).toBe("Next action");
    const summary = sheetOf(wb, "Summary");
    expect(summary.getCell("A2").value).toBe("Position as of 30 Jun 2025");
    expect(summary.getCell("A5").value).toBe("Not due");
    expect(summary.getCell("A10").value).toBe("Total");
    expect(summary.getCell("B10").value).toBe(2);

    const emptyPath = join(dir, "empty.xlsx");
    const empty = await writeTrackingWorkbook(emptyPath, [], {
      locale: "fr",
      organizationName: "Atelier Lumen",
      asOf: AS_OF,
    });
    expect(empty.rows).toBe(0);
    expect(empty.summary.every((s) => s.count === 0 && s.balance_cents === 0)).toBe(true);
    const emptyWb = await read(emptyPath);
    expect(sheetOf(emptyWb, "Suivi").rowCount).toBe(1);
    expect(sheetOf(emptyWb, "Synthèse").getCell("B10").value).toBe(0);
  });

  it("streams many rows across write batches", async () => {
    const path = join(dir, "many.xlsx");
    const n = 3_000;
    function* rows() {
      for (let i = 0; i < n; i++) {
        yield row({ number: `F-2025-${String(i + 1).padStart(4, "0")}`, balance_cents: i, total_cents: i });
      }
    }
    const result = await writeTrackingWorkbook(path, rows(), {
      locale: "fr",
      organizationName: "Atelier Lumen",
      asOf: AS_OF,
    });
    expect(result.rows).toBe(n);
    expect(result.summary.find((s) => s.bucket === "over_90")).toEqual({
      bucket: "over_90",
      count: n,
      balance_cents: (n * (n - 1)) / 2,
    });
    const ws = sheetOf(await read(path), "Suivi");
    expect(ws.rowCount).toBe(n + 1);
    expect(ws.getCell(`B${n + 1}`).value).toBe("F-2025-3000");
    expect(ws.getCell(`G${n + 1}`).value).toBe(29.99);
  });

  it("rejects a bad date and leaves no partial file behind", async () => {
    const path = join(dir, "bad.xlsx");
    const rows = [row({}), row({ due_date: "14/02/2025" })];
    await expect(
      writeTrackingWorkbook(path, rows, { locale: "fr", organizationName: "Atelier Lumen", asOf: AS_OF }),
    ).rejects.toThrow(/row 3: due_date/);
    expect(existsSync(path)).toBe(false);

    async function* failing() {
      yield row({});
      throw new Error("database went away");
    }
    await expect(
      writeTrackingWorkbook(path, failing(), {
        locale: "fr",
        organizationName: "Atelier Lumen",
        asOf: AS_OF,
      }),
    ).rejects.toThrow("database went away");
    expect(existsSync(path)).toBe(false);

    await expect(
      writeTrackingWorkbook(join(dir, "no-such-dir", "x.xlsx"), [row({})], {
        locale: "fr",
        organizationName: "Atelier Lumen",
        asOf: AS_OF,
      }),
    ).rejects.toThrow(/ENOENT/);
  });
});
