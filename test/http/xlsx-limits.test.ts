import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { XLSX_LIMITS } from "../../src/formats/tracking-sheet/index.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";
import { organizationOf } from "./ledger-fixtures.js";

/**
 * The limits of an uploaded XLSX, a zip (OWASP ASVS 5.0 5.2.3): a part that inflates past 64 MiB (a zip bomb of
 * about 80 kB) and a zip of more than 10,000 entries are refused by the preview and the import with 400 and a
 * message that says why, and nothing is written; a worksheet that passes the total inflated limit after
 * thousands of rows were read and written (its zip lying about its size) rolls the whole import back. The files
 * are made with exceljs and re-zipped with fflate, the project's zip library.
 */
const PREVIEW = "/api/v1/imports/invoices/preview";
const IMPORT = "/api/v1/imports/invoices";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MIB = 1024 * 1024;
const ROWS = 1500;

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { line: number; column: string; code: string; message: string }[];
  };
}

/** A tracking sheet of `rows` invoices, as exceljs writes it, unzipped. */
async function trackingParts(rows: number, prefix = "F"): Promise<Record<string, Uint8Array>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Suivi");
  sheet.addRow(["Numéro", "Client", "Date d'émission", "Échéance", "Montant TTC"]);
  for (let i = 1; i <= rows; i++) {
    sheet.addRow([`${prefix}-${i}`, `Client ${i % 40}`, "01/04/2025", "01/05/2025", 100 + i]);
  }
  return unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** At least `bytes` of 32 KiB comments of spaces, put before `before` in a part: they deflate a thousand to one. */
function inflateWith(parts: Record<string, Uint8Array>, name: string, before: string, bytes: number): Buffer {
  const xml = strFromU8(parts[name] as Uint8Array);
  const at = xml.lastIndexOf(before);
  if (at < 0) throw new Error(`no ${before} in ${name}`);
  const comment = `<!--${" ".repeat(32 * 1024 - 7)}-->`;
  const filler = comment.repeat(Math.ceil(bytes / comment.length));
  return Buffer.from(zipSync({ ...parts, [name]: strToU8(xml.slice(0, at) + filler + xml.slice(at)) }));
}

/** The zip with the uncompressed size its central directory declares for `name` forged to `size` (a lying zip). */
function forgeDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) - 1; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    if (out.toString("utf8", p + 46, p + 46 + out.readUInt16LE(p + 28)) === name) {
      out.writeUInt32LE(size, p + 24);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

/** The workbook plus empty entries, `entries` in all. */
function withEntries(parts: Record<string, Uint8Array>, entries: number): Buffer {
  const all: Record<string, Uint8Array> = { ...parts };
  for (let i = Object.keys(parts).length; i < entries; i++) all[`xl/media/image${i}.png`] = new Uint8Array(0);
  return Buffer.from(zipSync(all, { level: 0 }));
}

let small: Record<string, Uint8Array>;
let bomb: Buffer;
let crowded: Buffer;
let fits: Buffer;
const TMP = mkdtempSync(join(tmpdir(), "relance-xlsx-limits-"));

beforeAll(async () => {
  small = await trackingParts(3);
  // the workbook part, read whole, inflates past 64 MiB
  bomb = inflateWith(small, "xl/workbook.xml", "</workbook>", XLSX_LIMITS.maxWholePart);
  crowded = withEntries(small, XLSX_LIMITS.maxEntries + 1);
  fits = withEntries(small, XLSX_LIMITS.maxEntries);
}, 60_000);
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe.each(testDialects())("XLSX limits on import (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;

  const upload = (url: string, content: Buffer, headers: Record<string, string> = {}) => {
    const body = multipartBody({}, { name: "file", filename: "suivi.xlsx", content, type: XLSX_TYPE });
    return owner.request("POST", url, body.payload, { headers: { ...body.headers, ...headers } });
  };
  const count = async (table: "invoice" | "client" | "payment") =>
    (await s.ctx.db.selectFrom(table).select("id").where("organization_id", "=", owner.orgId).execute())
      .length;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Morel" });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("refuses a zip bomb (a part past 64 MiB inflated) on preview and import: 400, nothing written", async () => {
    expect(bomb.length).toBeLessThan(MIB);
    for (const url of [PREVIEW, IMPORT]) {
      const res = await upload(url, bomb);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(400);
      const { error } = res.json() as ErrorBody;
      expect(error.code).toBe("invalid_input");
      expect(error.details?.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
        [
          0,
          "",
          "file.xlsx_part_too_large",
          "Classeur .xlsx refusé : une de ses parties dépasse 64 Mo une fois décompressée (fichier anormal ou « bombe zip »)",
        ],
      ]);
    }
    const en = (await upload(IMPORT, bomb, { "accept-language": "en" })).json() as ErrorBody;
    expect(en.error.details?.[0]?.message).toBe(
      "Workbook refused: one of its parts exceeds 64 MB once decompressed (an abnormal file or a zip bomb)",
    );
    expect(await count("invoice")).toBe(0);
    expect(await count("client")).toBe(0);
  });

  it("refuses a zip of more than 10,000 entries: 400, nothing written; 10,000 are imported", async () => {
    for (const url of [PREVIEW, IMPORT]) {
      const res = await upload(url, crowded);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(400);
      const { error } = res.json() as ErrorBody;
      expect(error.details?.map((d) => [d.code, d.message])).toEqual([
        [
          "file.xlsx_too_many_entries",
          "Classeur .xlsx refusé : il contient 10001 fichiers internes, au plus 10000 (fichier anormal)",
        ],
      ]);
    }
    expect(await count("invoice")).toBe(0);
    const ok = await upload(IMPORT, fits);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 3, error_count: 0 });
    expect(await count("invoice")).toBe(3);
  });

  it("rolls the whole import back when the worksheet passes the total limit after 1,500 rows", async () => {
    const org = await organizationOf(s, owner);
    const before = { invoice: await count("invoice"), client: await count("client") };
    const parts = await trackingParts(ROWS, "G");
    const path = join(TMP, `bomb-${dialect}.xlsx`);
    // the zip declares 1 kB for the worksheet, so that its rows are read (and written) before the limit is seen
    const sheet = "xl/worksheets/sheet1.xml";
    writeFileSync(path, forgeDeclaredSize(inflateWith(parts, sheet, "</sheetData>", 3 * MIB), sheet, 1000));
    const limits = { ...XLSX_LIMITS, maxInflated: 2 * MIB };
    const report = await importInvoices({ ctx: s.ctx, org, path, locale: "fr", xlsxLimits: limits });
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[0, "file.xlsx_too_large"]]);
    expect(report.errors[0]?.message).toBe(
      "Classeur .xlsx refusé : plus de 2 Mo une fois décompressé (fichier anormal ou « bombe zip »)",
    );
    expect(report.imported).toBe(0);
    // the first 1,000 rows were written in the transaction before the limit: none is left
    expect(await count("invoice")).toBe(before.invoice);
    expect(await count("client")).toBe(before.client);
    // under the default limits the same file imports whole
    const whole = await importInvoices({ ctx: s.ctx, org, path, locale: "fr" });
    expect(whole).toMatchObject({ error_count: 0, imported: ROWS });
    expect(await count("invoice")).toBe(before.invoice + ROWS);
  }, 60_000);
});
