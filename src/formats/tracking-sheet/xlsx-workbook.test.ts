import { readFileSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { writeTrackingWorkbook } from "../tracking-export/index.js";
import { peekRecords } from "./peek.js";
import { brief, collect, TempDir } from "./test-helpers.js";
import type { CellValue } from "./types.js";
import { XLSX_LIMITS, XlsxWorkbook } from "./xlsx-workbook.js";

const tmp = new TempDir();
afterAll(() => tmp.remove());

// ---------------------------------------------------------------------------------------------------------
// A ZIP writer, so that tests choose the order of the parts, their compression and the ZIP64 records.

interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Stored rather than deflated. */
  store?: boolean;
  /** The uncompressed size the headers declare, when it is not the true one (a forged zip). */
  declaredSize?: number;
}

function zip(parts: ZipPart[], options: { zip64?: boolean; flags?: number } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === "string" ? Buffer.from(part.data, "utf8") : part.data;
    const body = part.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(part.name, "utf8");
    const crc = crc32(raw);
    const method = part.store ? 0 : 8;
    const flags = options.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(part.declaredSize ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, body);
    let extra = Buffer.alloc(0);
    if (options.zip64) {
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(part.declaredSize ?? raw.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(45, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : body.length, 20);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : (part.declaredSize ?? raw.length), 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    central.push(header, name, extra);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    end.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...chunks, cd, ...end, eocd]);
}

// ---------------------------------------------------------------------------------------------------------
// The parts of a workbook, as Excel writes them.

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return `${DECLARATION}<Relationships xmlns="${PKG_REL}">${rels
    .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`)
    .join("")}</Relationships>`;
}

const ROOT_RELS = relationships([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }]);
const CONTENT_TYPES = `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;

function workbookXml(sheets: string[], extra = ""): string {
  return `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${extra}<sheets>${sheets
    .map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;
}

function workbookRels(sheets: number, extra: { id: string; type: string; target: string }[] = []): string {
  const rels = [];
  for (let i = 1; i <= sheets; i++) {
    rels.push({ id: `rId${i}`, type: "worksheet", target: `worksheets/sheet${i}.xml` });
  }
  return relationships([
    ...rels,
    { id: "rIdS", type: "sharedStrings", target: "sharedStrings.xml" },
    { id: "rIdT", type: "styles", target: "styles.xml" },
    ...extra,
  ]);
}

/** cellXfs: 0 General, 1 built-in date (14), 2 custom dd/mm/yyyy (164), 3 custom amount (165). */
const STYLES = `${DECLARATION}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="166" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;

function sharedStringsXml(strings: string[]): string {
  return `${DECLARATION}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`)
    .join("")}</sst>`;
}

function sheetXml(rows: string, root = "worksheet"): string {
  return `${DECLARATION}<${root} xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1"/><sheetData>${rows}</sheetData></${root}>`;
}

// ---------------------------------------------------------------------------------------------------------
// A tracking sheet of 300 invoices in shared strings, dates and numbers, and the rows the reader must give.

const HEADER = ["Numéro", "Client", "Date d'émission", "Échéance", "Montant TTC", "Déjà payé"];
const INVOICES = 300;

function trackingParts(): { parts: Record<string, string>; expected: unknown[] } {
  const strings = [...HEADER];
  const index = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  let rows = `<row r="1">${HEADER.map((_, c) => `<c r="${"ABCDEF"[c]}1" t="s"><v>${c}</v></c>`).join("")}</row>`;
  const expected: unknown[] = [];
  for (let i = 0; i < INVOICES; i++) {
    const line = i + 2;
    const number = `F-${String(i).padStart(4, "0")}`;
    const client = `Client ${i % 17} & fils <SARL>`;
    const issue = 45658 + (i % 200); // 2025-01-01 onwards
    const total = 100 + i * 3.25;
    const paid = i % 3 === 0 ? total : 0;
    rows +=
      `<row r="${line}" spans="1:6"><c r="A${line}" t="s"><v>${index(number)}</v></c>` +
      `<c r="B${line}" t="s"><v>${index(client)}</v></c>` +
      `<c r="C${line}" s="1"><v>${issue}</v></c><c r="D${line}" s="2"><v>${issue + 30}</v></c>` +
      `<c r="E${line}" s="3"><v>${total}</v></c>` +
      // a formula whose cached result is 0 is 0 (not an empty cell)
      `<c r="F${line}" s="3"><f>IF(MOD(ROW(),3)=2,E${line},0)</f><v>${paid}</v></c></row>`;
    const iso = (serial: number) => new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);
    expected.push({
      line,
      number,
      client,
      issue_date: iso(issue),
      due_date: iso(issue + 30),
      total_cents: Math.round(total * 100),
      paid_cents: Math.round(paid * 100),
    });
  }
  return {
    parts: {
      "[Content_Types].xml": CONTENT_TYPES,
      "_rels/.rels": ROOT_RELS,
      "xl/workbook.xml": workbookXml(["Suivi"]),
      "xl/_rels/workbook.xml.rels": workbookRels(1),
      "xl/styles.xml": STYLES,
      "xl/sharedStrings.xml": sharedStringsXml(strings),
      "xl/worksheets/sheet1.xml": sheetXml(rows),
    },
    expected,
  };
}

/** The parts in the given order (names first, the others after in their order), deflated. */
function inOrder(parts: Record<string, string>, first: string[]): ZipPart[] {
  const names = [...first, ...Object.keys(parts).filter((n) => !first.includes(n))];
  return names.map((name) => ({ name, data: parts[name] as string }));
}

/** The worst order for a reader that follows the file: the worksheet first, what it needs last. */
const WORST_ORDER = [
  "xl/worksheets/sheet1.xml",
  "[Content_Types].xml",
  "_rels/.rels",
  "xl/styles.xml",
  "xl/sharedStrings.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/workbook.xml",
];

/** A minimal workbook of one sheet, its rows given as XML, plus parts to add or replace. */
function book(rows: string, overrides: Record<string, string | undefined> = {}): ZipPart[] {
  const parts: Record<string, string | undefined> = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": workbookXml(["Suivi"]),
    "xl/_rels/workbook.xml.rels": workbookRels(1),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": sharedStringsXml(["Numéro", "Client", "Montant"]),
    "xl/worksheets/sheet1.xml": sheetXml(rows),
    ...overrides,
  };
  return Object.entries(parts)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, data]) => ({ name, data }));
}

async function rowsOf(file: string): Promise<{ line: number; cells: CellValue[] }[]> {
  const workbook = await XlsxWorkbook.open(file);
  const out = [];
  try {
    for await (const batch of workbook.rows()) out.push(...batch);
  } finally {
    await workbook.close();
  }
  return out;
}

let files = 0;
function writeZip(parts: ZipPart[], options?: Parameters<typeof zip>[1]): string {
  return tmp.write(`book-${++files}.xlsx`, zip(parts, options));
}

const HEADER_ROW = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`;
/** A header the reader accepts. */
const INLINE_HEADER = `<row r="1">${["N°", "Client", "Date", "Total"]
  .map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`)
  .join("")}</row>`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("XLSX reading whatever the order of the parts", () => {
  it("gives the same rows on 50 concurrent reads of a file whose worksheet comes first and workbook last", async () => {
    const { parts, expected } = trackingParts();
    const file = writeZip(inOrder(parts, WORST_ORDER));
    const reads = await Promise.all(Array.from({ length: 50 }, () => collect(file)));
    for (const r of reads) {
      expect(r.errors).toEqual([]);
      expect(r.header?.columns.map((c) => c.field)).toEqual([
        "number",
        "client",
        "issue_date",
        "due_date",
        "total",
        "paid",
      ]);
      expect(r.rows).toEqual(expected);
    }
    // and the same again in Excel's order, stored rather than deflated, and in a ZIP64 archive
    const excel = inOrder(parts, ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]);
    const others = [
      writeZip(excel),
      writeZip(excel.map((p) => ({ ...p, store: true }))),
      writeZip(inOrder(parts, WORST_ORDER), { zip64: true }),
    ];
    for (const other of others) expect((await collect(other)).rows).toEqual(expected);
  });

  it("previews the same first records on concurrent reads", async () => {
    const { parts } = trackingParts();
    const file = writeZip(inOrder(parts, WORST_ORDER));
    const previews = await Promise.all(Array.from({ length: 20 }, () => peekRecords(file, "xlsx", 3)));
    for (const p of previews) {
      expect(p).toEqual([
        { line: 1, cells: HEADER },
        { line: 2, cells: ["F-0000", "Client 0 & fils <SARL>", "2025-01-01", "2025-01-31", "100", "100"] },
        { line: 3, cells: ["F-0001", "Client 1 & fils <SARL>", "2025-01-02", "2025-02-01", "103.25", "0"] },
      ]);
    }
  });

  it("reads back the tracking export (exceljs' streaming writer puts the workbook part last), concurrently", async () => {
    const file = tmp.file("export.xlsx");
    const rows = Array.from({ length: 120 }, (_, i) => ({
      client: `Client ${i}`,
      number: `F-${i}`,
      issue_date: i % 5 === 0 ? null : "2025-01-15",
      due_date: "2025-02-14",
      total_cents: 10_000 + i,
      paid_cents: i % 2 === 0 ? 0 : 5_000,
      balance_cents: i % 2 === 0 ? 10_000 + i : 5_000 + i,
      days_late: 136,
      stage: "Relance 1",
      last_action: null,
      next_action: "Appeler",
    }));
    await writeTrackingWorkbook(file, rows, {
      locale: "fr",
      organizationName: "Atelier",
      asOf: "2025-06-30",
    });
    const map = {
      "Jours de retard": "ignore",
      Étape: "ignore",
      "Dernière action": "ignore",
      "Prochaine action": "ignore",
    } as const;
    const reads = await Promise.all(Array.from({ length: 20 }, () => collect(file, { locale: "fr", map })));
    for (const r of reads) {
      expect(r.errors).toEqual([]);
      expect(r.rows).toHaveLength(120);
      expect(r.rows[1]).toEqual({
        line: 3,
        number: "F-1",
        client: "Client 1",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        total_cents: 10_001,
        paid_cents: 5_000,
      });
      expect(r.rows[0]).not.toHaveProperty("issue_date");
    }
  });

  it("reads a workbook written by exceljs' in-memory writer, with the 1904 date system", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Suivi");
    ws.addRow(["N°", "Client", "Date", "Total"]);
    ws.addRow([
      "F1",
      { richText: [{ text: "Café " }, { font: { bold: true }, text: "des Arts" }] },
      utc(2025, 1, 31),
      10,
    ]);
    const file = tmp.file("memory.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await collect(file);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        number: "F1",
        client: "Café des Arts",
        issue_date: "2025-01-31",
        total_cents: 1000,
        paid_cents: 0,
      },
    ]);
  });
});

describe("XLSX cells", () => {
  it("reads every kind of cell as exceljs did, and rich inline text whole", async () => {
    const file = writeZip(
      book(
        HEADER_ROW +
          '<row r="2">' +
          '<c r="A2" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c>' +
          '<c r="B2" t="str"><f>"a"&amp;"b"</f><v>A &amp;amp; B</v></c>' +
          '<c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="F2" s="2"><v>45688</v></c><c r="G2" s="3"><v>45688</v></c><c r="H2" t="d"><v>2025-03-04T00:00:00</v></c>' +
          '<c r="I2"><f>1+1</f></c><c r="J2" t="inlineStr"><is><t>line_x000D_&#10;next</t></is></c>' +
          '<c r="K2" t="s"><v>99</v></c><c r="L2" s="1"/>' +
          "</row>",
      ),
    );
    const rows = await rowsOf(file);
    expect(rows[1]).toEqual({
      line: 2,
      cells: [
        "Rich text ",
        "A &amp; B", // references decoded once, not twice
        true,
        "#N/A",
        undefined, // a formula's error result reads as an empty cell, as before
        utc(2025, 1, 31),
        45688, // an amount format is no date
        utc(2025, 3, 4),
        undefined, // no cached result
        "line\r\nnext",
      ], // K2 (unknown shared string) and L2 (no value) are no cells
    });
  });

  it("takes a row's format for the cells that have none, and reads rows and cells without references", async () => {
    const file = writeZip(
      book(
        `${HEADER_ROW}<row s="1" customFormat="1"><c><v>45688</v></c><c s="3"><v>45688</v></c><c t="s"><v>1</v></c></row>` +
          '<row><c r="C4"><v>7</v></c></row><row r="9"/><row><c><v>1.5</v></c></row>',
      ),
    );
    expect(await rowsOf(file)).toEqual([
      { line: 1, cells: ["Numéro", "Client", "Montant"] },
      { line: 2, cells: [utc(2025, 1, 31), 45688, "Client"] },
      { line: 3, cells: [undefined, undefined, 7] },
      { line: 9, cells: [] },
      { line: 10, cells: [1.5] },
    ]);
  });

  it("reads prefixed elements, comments, CDATA and a UTF-16 worksheet", async () => {
    const prefixed =
      `${DECLARATION}<!-- written by hand --><x:worksheet xmlns:x="${MAIN}"><x:sheetData>${HEADER_ROW.replace(/<(\/?)(row|c|v)\b/g, "<$1x:$2")}` +
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[<F1> & co]]></x:t></x:is></x:c><?pi ignored?></x:row></x:sheetData></x:worksheet>';
    expect((await rowsOf(writeZip(book("", { "xl/worksheets/sheet1.xml": prefixed }))))[1]).toEqual({
      line: 2,
      cells: ["<F1> & co"],
    });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        sheetXml(`${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>Œuvre ✓</t></is></c></row>`).replace(
          "UTF-8",
          "UTF-16",
        ),
        "utf16le",
      ),
    ]);
    const parts = book("").map((p) => (p.name.endsWith("sheet1.xml") ? { ...p, data: utf16 } : p));
    expect((await rowsOf(writeZip(parts)))[1]).toEqual({ line: 2, cells: ["Œuvre ✓"] });
  });

  it("decodes text cut anywhere between the chunks of a part", async () => {
    // Stored parts are read 64 KiB at a time: multi-byte characters and references straddle the chunks.
    const cell = (i: number) =>
      `<c r="A${i}" t="inlineStr"><is><t>é${"€".repeat(i % 7)}&amp;&#x1F600;${i}</t></is></c>`;
    let rows = HEADER_ROW;
    for (let i = 2; i < 6000; i++) rows += `<row r="${i}">${cell(i)}</row>`;
    const parts = book(rows).map((p) => ({ ...p, store: true }));
    const read = await rowsOf(writeZip(parts));
    expect(read).toHaveLength(5999);
    for (const row of read.slice(1)) {
      expect(row.cells).toEqual([`é${"€".repeat(row.line % 7)}&😀${row.line}`]);
    }
  });
});

describe("XLSX workbook structure", () => {
  it("reads the first tab: by the workbook's order, through absolute targets, skipping a chart sheet", async () => {
    const sheet = (text: string) =>
      sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`);
    const parts = (rels: string, sheets: string[]) =>
      book("", {
        "xl/workbook.xml": workbookXml(sheets),
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": sheet("second tab"),
        "xl/worksheets/sheet2.xml": sheet("first tab"),
        "xl/chartsheets/sheet1.xml": `${DECLARATION}<chartsheet xmlns="${MAIN}"/>`,
      });
    // openpyxl writes absolute targets; the first tab is stored as sheet2.xml
    const absolute = relationships([
      { id: "rId1", type: "worksheet", target: "/xl/worksheets/sheet2.xml" },
      { id: "rId2", type: "worksheet", target: "/xl/worksheets/sheet1.xml" },
    ]);
    expect((await rowsOf(writeZip(parts(absolute, ["Un", "Deux"]))))[0]?.cells).toEqual(["first tab"]);
    const chartFirst = relationships([
      { id: "rId1", type: "chartsheet", target: "chartsheets/sheet1.xml" },
      { id: "rId2", type: "worksheet", target: "./worksheets/../worksheets/sheet2.xml" },
    ]);
    expect((await rowsOf(writeZip(parts(chartFirst, ["Graphique", "Suivi"]))))[0]?.cells).toEqual([
      "first tab",
    ]);
  });

  it("finds the parts by their relationships, case-insensitively, and does without styles and shared strings", async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>N°</t></is></c><c r="B1"><v>45688</v></c></row>';
    const renamed = [
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      {
        name: "_rels/.rels",
        data: relationships([{ id: "r", type: "officeDocument", target: "/Book/Main.xml" }]),
      },
      { name: "book/main.xml", data: workbookXml(["Suivi"]) },
      {
        name: "Book/_rels/Main.xml.rels",
        data: relationships([{ id: "rId1", type: "worksheet", target: "../Data/S.xml" }]),
      },
      { name: "data/s.xml", data: sheetXml(rows) },
    ];
    expect(await rowsOf(writeZip(renamed))).toEqual([{ line: 1, cells: ["N°", 45688] }]);
  });

  it("reports a workbook without a worksheet as empty", async () => {
    const r = await collect(writeZip(book("", { "xl/workbook.xml": workbookXml([]) })));
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.empty" }]);
  });

  const unreadable: [string, () => string][] = [
    ["a truncated worksheet", () => writeZip(book(`${INLINE_HEADER}<row r="2"><c r="A2"><v>1</v>`))],
    ["a missing worksheet part", () => writeZip(book("", { "xl/worksheets/sheet1.xml": undefined }))],
    [
      "a zip without a workbook",
      () => writeZip(book(HEADER_ROW).filter((p) => p.name !== "xl/workbook.xml")),
    ],
    [
      "a Word document",
      () =>
        writeZip([
          {
            name: "_rels/.rels",
            data: relationships([{ id: "r", type: "officeDocument", target: "word/document.xml" }]),
          },
          { name: "word/document.xml", data: '<w:document xmlns:w="urn:w"><w:body/></w:document>' },
        ]),
    ],
    [
      "a document type declaration",
      () => writeZip(book("", { "xl/workbook.xml": '<!DOCTYPE x [<!ENTITY a "b">]><x/>' })),
    ],
    ["an encrypted entry", () => writeZip(book(HEADER_ROW), { flags: 1 })],
    ["a cell past column XFD", () => writeZip(book('<row r="1"><c r="XFE1"><v>1</v></c></row>'))],
    [
      "corrupt deflated data",
      () => {
        const good = zip(book(HEADER_ROW, { "xl/worksheets/sheet1.xml": sheetXml(HEADER_ROW.repeat(50)) }));
        const at = good.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 40;
        good.fill(0xff, at, at + 16);
        return tmp.write(`corrupt-${++files}.xlsx`, good);
      },
    ],
    [
      "a file that is no zip",
      () => tmp.write(`nozip-${++files}.xlsx`, Buffer.from("PK\u0003\u0004 not a zip")),
    ],
  ];
  it.each(unreadable)("reports %s as an unreadable workbook", async (_, make) => {
    const r = await collect(make());
    expect(r.rows).toEqual([]);
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.invalid_xlsx" }]);
    expect(await peekRecords(make(), "xlsx", 5)).toEqual([]);
  });

  it("reports progress in order, ending at the file's size", async () => {
    // 20 times the 300 invoices: past the 5,000 rows between two progress events
    const { parts } = trackingParts();
    const sheet = parts["xl/worksheets/sheet1.xml"] as string;
    const body = sheet.slice(sheet.indexOf('<row r="2"'), sheet.indexOf("</sheetData>"));
    let many = "";
    for (let k = 0; k < 20; k++)
      many += body.replace(/ r="(\d+)"/g, (_, n) => ` r="${Number(n) + k * INVOICES}"`);
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(body, many);
    const file = writeZip(inOrder(parts, WORST_ORDER));
    const size = readFileSync(file).length;
    const r = await collect(file);
    expect(r.rows).toHaveLength(INVOICES * 20);
    const read = r.progress.map((p) => p.bytesRead);
    expect(read).toHaveLength(2);
    expect(read[0]).toBeGreaterThan(0);
    expect(read[0]).toBeLessThanOrEqual(size);
    expect(r.progress.at(-1)).toEqual({ type: "progress", bytesRead: size, totalBytes: size });
  });
});

describe("XLSX limits (zip bombs, OWASP ASVS 5.0 5.2.3)", () => {
  /** At least `bytes` of 32 KiB comments of spaces: they deflate about a thousand to one and mean nothing. */
  const filler = (bytes: number) => {
    const comment = `<!--${" ".repeat(32 * 1024 - 7)}-->`;
    return Buffer.from(comment.repeat(Math.ceil(bytes / comment.length)));
  };

  /** The parts with one replaced, in the worst order; `declaredSize` forges the size the zip declares for it. */
  const withPart = (
    parts: Record<string, string>,
    name: string,
    data: Buffer | string,
    declaredSize?: number,
  ) =>
    writeZip(
      inOrder(parts, WORST_ORDER).map((p) =>
        p.name === name ? { ...p, data, ...(declaredSize === undefined ? {} : { declaredSize }) } : p,
      ),
    );

  it("refuses a shared strings part that inflates past 64 MiB, a zip bomb of less than 1 MiB, even when it lies", async () => {
    const { parts } = trackingParts();
    const strings = parts["xl/sharedStrings.xml"] as string;
    const at = strings.lastIndexOf("</sst>");
    const bomb = Buffer.concat([
      Buffer.from(strings.slice(0, at)),
      filler(XLSX_LIMITS.maxWholePart),
      Buffer.from(strings.slice(at)),
    ]);
    // the zip declares the true size (refused before inflating), or 1 kB (refused while inflating, at 64 MiB)
    for (const declared of [undefined, 1000]) {
      const file = withPart(parts, "xl/sharedStrings.xml", bomb, declared);
      expect(readFileSync(file).length).toBeLessThan(1024 * 1024);
      const r = await collect(file);
      expect(r.rows).toEqual([]);
      expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.xlsx_part_too_large" }]);
      expect(r.errors[0]?.message).toBe(
        "Classeur .xlsx refusé : une de ses parties dépasse 64 Mo une fois décompressée (fichier anormal ou « bombe zip »)",
      );
      await expect(XlsxWorkbook.open(file)).rejects.toMatchObject({
        name: "XlsxLimitError",
        code: "file.xlsx_part_too_large",
        params: { max: 64 },
      });
    }
    expect(
      (await collect(withPart(parts, "xl/sharedStrings.xml", bomb), { locale: "en" })).errors,
    ).toMatchObject([
      {
        message:
          "Workbook refused: one of its parts exceeds 64 MB once decompressed (an abnormal file or a zip bomb)",
      },
    ]);
    // within the limit, the same filler is read as nothing
    const fits = await collect(
      withPart(
        parts,
        "xl/sharedStrings.xml",
        `${strings.slice(0, at)}${filler(1024 * 1024)}${strings.slice(at)}`,
      ),
    );
    expect(fits.errors).toEqual([]);
    expect(fits.rows).toHaveLength(INVOICES);
  });

  it("refuses a worksheet past the total limit: before reading it, or after its first rows when the zip lies", async () => {
    const { parts } = trackingParts();
    const sheet = parts["xl/worksheets/sheet1.xml"] as string;
    const at = sheet.indexOf("</sheetData>");
    const last =
      '<row r="900"><c r="A900" t="inlineStr"><is><t>F-LAST</t></is></c>' +
      '<c r="B900" t="inlineStr"><is><t>Client final</t></is></c>' +
      '<c r="C900" s="1"><v>45658</v></c><c r="D900" s="2"><v>45688</v></c><c r="E900" s="3"><v>100</v></c></row>';
    const rest = `${last}${sheet.slice(at)}`;
    const bomb = Buffer.concat([Buffer.from(sheet.slice(0, at)), filler(2 * 1024 * 1024), Buffer.from(rest)]);
    const limits = { ...XLSX_LIMITS, maxInflated: 1024 * 1024 };

    // the size the zip declares already passes the limit: refused before a row is read
    const honest = withPart(parts, "xl/worksheets/sheet1.xml", bomb);
    const refused = await collect(honest, { locale: "fr", xlsxLimits: limits });
    expect(refused.rows).toEqual([]);
    expect(brief(refused.errors)).toEqual([{ line: 0, column: "", code: "file.xlsx_too_large" }]);
    expect(refused.errors[0]?.message).toBe(
      "Classeur .xlsx refusé : plus de 1 Mo une fois décompressé (fichier anormal ou « bombe zip »)",
    );
    const en = await collect(honest, { locale: "en", xlsxLimits: limits });
    expect(en.errors[0]?.message).toBe(
      "Workbook refused: more than 1 MB once decompressed (an abnormal file or a zip bomb)",
    );

    // a zip that declares 1 kB: the rows before the filler are read, then the inflated bytes pass the limit
    const forged = withPart(parts, "xl/worksheets/sheet1.xml", bomb, 1000);
    const workbook = await XlsxWorkbook.open(forged, limits);
    const read: number[] = [];
    try {
      await expect(
        (async () => {
          for await (const batch of workbook.rows()) read.push(...batch.map((row) => row.line));
        })(),
      ).rejects.toMatchObject({ name: "XlsxLimitError", code: "file.xlsx_too_large", params: { max: 1 } });
    } finally {
      await workbook.close();
    }
    expect(read).toHaveLength(INVOICES + 1); // the header and every invoice, never row 900
    const r = await collect(forged, { locale: "fr", xlsxLimits: limits });
    expect(r.rows).toHaveLength(INVOICES);
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.xlsx_too_large" }]);

    // under the default limits the same files are read whole
    for (const file of [honest, forged]) {
      const whole = await collect(file);
      expect(whole.errors).toEqual([]);
      expect(whole.rows.map((row) => row.number).at(-1)).toBe("F-LAST");
    }
  });

  it("refuses a zip of more than 10,000 entries, and reads one of 10,000", async () => {
    const { parts } = trackingParts();
    const many = (entries: number) => {
      const base = inOrder(parts, []);
      const extra = Array.from({ length: entries - base.length }, (_, i) => ({
        name: `xl/media/image${i}.png`,
        data: Buffer.alloc(0),
        store: true,
      }));
      return writeZip([...base, ...extra]);
    };
    expect(XLSX_LIMITS.maxEntries).toBe(10_000);
    const ok = await collect(many(10_000));
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(INVOICES);

    const file = many(10_001);
    await expect(XlsxWorkbook.open(file)).rejects.toMatchObject({
      name: "XlsxLimitError",
      code: "file.xlsx_too_many_entries",
      params: { count: 10_001, max: 10_000 },
    });
    const r = await collect(file);
    expect(r.rows).toEqual([]);
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.xlsx_too_many_entries" }]);
    expect(r.errors[0]?.message).toBe(
      "Classeur .xlsx refusé : il contient 10001 fichiers internes, au plus 10000 (fichier anormal)",
    );
    expect(await peekRecords(file, "xlsx", 5)).toEqual([]);
  });
});

describe("the test ZIP writer", () => {
  it("writes archives exceljs reads", async () => {
    const { parts } = trackingParts();
    const file = writeZip(inOrder(parts, ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet("Suivi")?.getRow(2).getCell(1).value).toBe("F-0000");
  });
});
