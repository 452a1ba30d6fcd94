import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EINVOICE_SAMPLES, samplePath } from "../../src/formats/einvoice/test-samples.js";
import { testDialects } from "../support/databases.js";
import { FRENCH_SHEET } from "../support/files.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";

const PREVIEW = "/api/v1/imports/invoices/preview";
const IMPORT = "/api/v1/imports/invoices";
const EXPORT = "/api/v1/exports/tracking.xlsx";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What FRENCH_SHEET leaves owed: 1 234,56 + (480 − 200) + 350 + (12 500 − 5 000) €; F-2025-003 is paid. */
const FRENCH_OUTSTANDING = 1234_56 + (480_00 - 200_00) + 350_00 + (12_500_00 - 5_000_00);

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { line?: number; column?: string; message: string; path?: string }[] | null;
  };
}

function upload(
  agent: Agent,
  url: string,
  file: { filename: string; content: Buffer | string; type?: string } | null,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const body = multipartBody(
    fields,
    file
      ? {
          name: "file",
          filename: file.filename,
          content: typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content,
          type: file.type ?? "text/csv",
        }
      : undefined,
  );
  return agent.request("POST", url, body.payload, { headers: { ...body.headers, ...headers } });
}

/** This file's own temporary folder (os.tmpdir() follows TMPDIR), so that other runs never show up in it. */
const TMP = mkdtempSync(join(tmpdir(), "relance-imports-test-"));
const previousTmp = process.env.TMPDIR;
process.env.TMPDIR = TMP;

afterAll(() => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(TMP, { recursive: true, force: true });
});

function uploadDirs(): string[] {
  return readdirSync(TMP).filter((n) => n.startsWith("relance-upload-") || n.startsWith("relance-export-"));
}

/** A workbook as exceljs writes it (`xl/workbook.xml` last: the order that used to trip the import's reader). */
async function xlsxBuffer(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Suivi");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(testDialects())("tracking-sheet import and export over HTTP on %s", (dialect) => {
  let srv: TestServer;
  let owner: Agent;
  let other: Agent;
  let dirsBefore: string[];

  const count = async (table: "invoice" | "client" | "payment", orgId = owner.orgId) =>
    (await srv.ctx.db.selectFrom(table).select("id").where("organization_id", "=", orgId).execute()).length;
  const dashboard = async (agent: Agent) =>
    (await agent.get("/api/v1/dashboard")).json() as {
      outstanding_cents: number;
      counts: { invoices: number };
    };

  beforeAll(async () => {
    dirsBefore = uploadDirs();
    srv = await startTestServer(dialect);
    owner = await signUp(srv.app, { organization: "Plomberie Martin & Fils" });
    other = await signUp(srv.app, { organization: "Autre SARL" });
  });
  afterAll(async () => srv?.close());

  describe("preview", () => {
    it("shows a French CSV's headers, raw rows and what each header was recognised as", async () => {
      const res = await upload(owner, PREVIEW, { filename: "suivi.csv", content: FRENCH_SHEET });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.headers).toEqual([
        "Numéro",
        "Client",
        "SIREN",
        "E-mail",
        "Date d'émission",
        "Échéance",
        "Montant TTC",
        "Déjà payé",
        "Type",
      ]);
      expect(body.rows).toHaveLength(5);
      expect(body.rows[0]).toEqual([
        "F-2025-001",
        "Boulangerie Dupont",
        "732 829 320",
        "compta@dupont.fr",
        "02/01/2025",
        "31/01/2025",
        "1\u00a0234,56",
        "",
        "B2B",
      ]);
      expect(body.mapping).toEqual({
        Numéro: "number",
        Client: "client",
        SIREN: "siren",
        "E-mail": "email",
        "Date d'émission": "issue_date",
        Échéance: "due_date",
        "Montant TTC": "total",
        "Déjà payé": "paid",
        Type: "kind",
      });
      expect(body.fields).toEqual(
        expect.arrayContaining(["number", "client", "total", "due_date", "ignore"]),
      );
      expect(body.errors).toEqual([]);
      expect(await count("invoice")).toBe(0);
    });

    it("shows an unknown column as null with its error, still shows the rows, and follows `map`", async () => {
      const sheet = ["Numéro;Client;Vendeur;Échéance;Montant TTC", "F-1;Dupont;Paul;31/01/2025;100,00"].join(
        "\n",
      );
      const res = await upload(owner, PREVIEW, { filename: "suivi.csv", content: sheet });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.mapping.Vendeur).toBeNull();
      expect(body.rows).toEqual([["F-1", "Dupont", "Paul", "31/01/2025", "100,00"]]);
      expect(body.errors).toEqual([
        expect.objectContaining({ line: 1, column: "Vendeur", code: "column.unknown" }),
      ]);

      const mapped = await upload(
        owner,
        PREVIEW,
        { filename: "suivi.csv", content: sheet },
        { map: "Vendeur=ignore" },
      );
      expect(mapped.statusCode).toBe(200);
      expect(mapped.json().mapping.Vendeur).toBe("ignore");
      expect(mapped.json().errors).toEqual([]);
    });

    it("shows the first 10 rows and only the problems in them, with line and column", async () => {
      const lines = ["Numéro;Client;Échéance;Montant TTC"];
      for (let i = 1; i <= 12; i++) {
        const amount = i === 3 ? "abc" : "10,00";
        const due = i === 12 ? "31/02/2025" : "15/02/2025";
        lines.push(`F-${i};Client ${i};${due};${amount}`);
      }
      const res = await upload(owner, PREVIEW, { filename: "long.csv", content: lines.join("\n") });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.rows).toHaveLength(10);
      expect(body.rows[9][0]).toBe("F-10");
      expect(body.errors).toEqual([expect.objectContaining({ line: 4, column: "Montant TTC" })]);
    });

    it("reads an XLSX workbook (dates and numbers as their text)", async () => {
      const content = await xlsxBuffer([
        ["N° facture", "Client", "Échéance", "Montant TTC"],
        ["X-1", "Atelier Bois", new Date(Date.UTC(2025, 5, 15)), 1250.5],
      ]);
      const res = await upload(owner, PREVIEW, { filename: "suivi.xlsx", content, type: XLSX_TYPE });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.headers).toEqual(["N° facture", "Client", "Échéance", "Montant TTC"]);
      expect(body.rows).toEqual([["X-1", "Atelier Bois", "2025-06-15", "1250.5"]]);
      expect(body.mapping).toEqual({
        "N° facture": "number",
        Client: "client",
        Échéance: "due_date",
        "Montant TTC": "total",
      });
    });

    it("refuses a file without any header", async () => {
      const res = await upload(owner, PREVIEW, { filename: "vide.csv", content: "\n\n" });
      expect(res.statusCode).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.details?.[0]).toMatchObject({ line: 0, column: "" });
    });
  });

  describe("import", () => {
    it("a dry run reports what would be imported and writes nothing", async () => {
      const res = await upload(
        owner,
        IMPORT,
        { filename: "suivi.csv", content: FRENCH_SHEET },
        { dry_run: "true" },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        imported: 5,
        skipped: 0,
        errors: [],
        error_count: 0,
        warnings: [],
        clients_created: 4,
        payments_created: 3,
        dry_run: true,
      });
      expect(await count("invoice")).toBe(0);
      expect(await count("client")).toBe(0);
      expect((await dashboard(owner)).outstanding_cents).toBe(0);
    });

    it("imports a French CSV whole; the dashboard, the timeline and the audit log show it", async () => {
      const res = await upload(
        owner,
        IMPORT,
        { filename: "suivi.csv", content: FRENCH_SHEET },
        { dry_run: "false" },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ imported: 5, skipped: 0, clients_created: 4, payments_created: 3 });
      expect(await count("invoice")).toBe(5);
      const d = await dashboard(owner);
      expect(d.outstanding_cents).toBe(FRENCH_OUTSTANDING);
      expect(d.counts.invoices).toBe(5);
      const action = await srv.ctx.db
        .selectFrom("action")
        .selectAll()
        .where("organization_id", "=", owner.orgId)
        .where("kind", "=", "import")
        .executeTakeFirstOrThrow();
      expect(action.user_id).toBe(owner.userId);
      expect(action.summary).toBe("Import suivi.csv");
      expect(JSON.parse(action.data)).toMatchObject({ imported: 5, skipped: 0, clients_created: 4 });
      const audit = await srv.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("organization_id", "=", owner.orgId)
        .where("entity", "=", "import")
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.user_id).toBe(owner.userId);
      expect(JSON.parse(audit[0]?.data ?? "{}")).toMatchObject({ imported: 5, payments_created: 3 });
      // payment references name the user's file, never the temporary one
      const payments = await srv.ctx.db
        .selectFrom("payment")
        .select("reference")
        .where("organization_id", "=", owner.orgId)
        .execute();
      expect(payments.map((p) => p.reference)).toContain("suivi.csv · F-2025-002");
    });

    it("importing the same file again skips every invoice", async () => {
      const res = await upload(owner, IMPORT, { filename: "suivi.csv", content: FRENCH_SHEET });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ imported: 0, skipped: 5, dry_run: false });
      expect(await count("invoice")).toBe(5);
    });

    it("refuses a file with two bad rows: 400 with both problems, and nothing written", async () => {
      const before = { invoices: await count("invoice"), clients: await count("client") };
      const sheet = [
        "Numéro;Client;Échéance;Montant TTC",
        "B-1;Nouveau Client;15/02/2025;100,00",
        "B-2;Nouveau Client;15/02/2025;douze",
        "B-3;Nouveau Client;15/02/2025;50,00",
        "B-4;Nouveau Client;31/02/2025;50,00",
      ].join("\n");
      const res = await upload(owner, IMPORT, { filename: "casse.csv", content: sheet });
      expect(res.statusCode).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.message).toContain("2");
      expect(body.error.details).toEqual([
        expect.objectContaining({
          line: 3,
          column: "Montant TTC",
          message: expect.stringContaining("douze"),
        }),
        expect.objectContaining({
          line: 5,
          column: "Échéance",
          message: expect.stringContaining("31/02/2025"),
        }),
      ]);
      expect({ invoices: await count("invoice"), clients: await count("client") }).toEqual(before);
    });

    it("reads a Windows-1252 file (French Excel's CSV)", async () => {
      const agent = await signUp(srv.app);
      const content = iconv.encode(FRENCH_SHEET.replace(/\n/g, "\r\n"), "win1252");
      const res = await upload(agent, IMPORT, { filename: "suivi-excel.csv", content });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ imported: 5, clients_created: 4 });
      const names = await srv.ctx.db
        .selectFrom("client")
        .select("name")
        .where("organization_id", "=", agent.orgId)
        .orderBy("name")
        .execute();
      expect(names.map((n) => n.name)).toContain("Électricité Générale Lyonnaise");
      expect((await dashboard(agent)).outstanding_cents).toBe(FRENCH_OUTSTANDING);
    });

    it("imports an XLSX workbook", async () => {
      const agent = await signUp(srv.app);
      const content = await xlsxBuffer([
        ["N° facture", "Client", "Date d'émission", "Échéance", "Montant TTC", "Déjà payé"],
        [
          "X-1",
          "Atelier Bois",
          new Date(Date.UTC(2025, 4, 2)),
          new Date(Date.UTC(2025, 5, 1)),
          1250.5,
          250.5,
        ],
        ["X-2", "Atelier Bois", new Date(Date.UTC(2025, 5, 2)), new Date(Date.UTC(2025, 6, 2)), 99, null],
      ]);
      const res = await upload(agent, IMPORT, { filename: "Suivi 2025.xlsx", content, type: XLSX_TYPE });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ imported: 2, clients_created: 1, payments_created: 1 });
      expect((await dashboard(agent)).outstanding_cents).toBe(1000_00 + 99_00);
    });

    it("applies `map` as the CLI's --map does", async () => {
      const agent = await signUp(srv.app);
      const sheet = ["Réf;Client;Vendeur;Pour le;Montant TTC", "M-1;Dupont;Paul;31/07/2025;100,00"].join(
        "\n",
      );
      const refused = await upload(agent, IMPORT, { filename: "suivi.csv", content: sheet });
      expect(refused.statusCode).toBe(400);
      expect(await count("invoice", agent.orgId)).toBe(0);
      const res = await upload(
        agent,
        IMPORT,
        { filename: "suivi.csv", content: sheet },
        { map: "Vendeur=ignore|Pour le=echeance" },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ imported: 1 });
    });

    it.skipIf(!EINVOICE_SAMPLES)(
      "imports a Factur-X PDF and a UBL XML by content; the report carries the warnings",
      async () => {
        const agent = await signUp(srv.app);
        const pdf = readFileSync(samplePath("Facture_UE_MINIMUM.pdf"));
        const res = await upload(agent, IMPORT, {
          filename: "facture",
          content: pdf,
          type: "application/pdf",
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ imported: 1, clients_created: 1, error_count: 0 });
        expect(res.json().warnings[0]).toMatchObject({ code: "import.warning.default_due_date" });
        const ubl = readFileSync(samplePath("XRECHNUNG_Einfach.ubl.xml"));
        const second = await upload(agent, IMPORT, {
          filename: "r.xml",
          content: ubl,
          type: "application/xml",
        });
        expect(second.json()).toMatchObject({ imported: 1, clients_created: 1 });
        const again = await upload(agent, IMPORT, {
          filename: "r.xml",
          content: ubl,
          type: "application/xml",
        });
        expect(again.json()).toMatchObject({ imported: 0, skipped: 1, warnings: [] });
        expect(await count("invoice", agent.orgId)).toBe(2);
      },
    );
  });

  describe("refused uploads", () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from("IHDR", "ascii"),
      Buffer.alloc(32),
    ]);

    it.each([
      ["a PNG renamed .csv", "photo.csv", png],
      ["a CSV renamed .xlsx", "suivi.xlsx", Buffer.from(FRENCH_SHEET, "utf8")],
      ["an old .xls", "suivi.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
      ["a file without extension", "suivi", Buffer.from(FRENCH_SHEET, "utf8")],
    ])("%s: 400 on preview and import, nothing written", async (_what, filename, content) => {
      const before = await count("invoice");
      for (const url of [PREVIEW, IMPORT]) {
        const res = await upload(owner, url, { filename, content, type: "application/octet-stream" });
        expect(res.statusCode).toBe(400);
        const body = res.json() as ErrorBody;
        expect(body.error.code).toBe("invalid_input");
        expect(body.error.message).toContain(filename);
      }
      expect(await count("invoice")).toBe(before);
    });

    it("a PDF is read as an e-invoice: without an embedded invoice, 400 saying so, nothing written", async () => {
      const before = await count("invoice");
      const content = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "ascii");
      for (const url of [PREVIEW, IMPORT]) {
        const res = await upload(owner, url, { filename: "facture.pdf", content, type: "application/pdf" });
        expect(res.statusCode).toBe(400);
        const body = res.json() as ErrorBody;
        expect(body.error.code).toBe("invalid_input");
        expect(body.error.details?.[0]).toMatchObject({ column: "PDF", code: "einvoice.pdf_no_invoice" });
        expect(body.error.details?.[0]?.message).toContain("factur-x.xml");
      }
      expect(await count("invoice")).toBe(before);
    });

    it("refuses a file over 10 MiB", async () => {
      const line = "F-1;Client;15/02/2025;10,00\n";
      const content = Buffer.from(
        `Numéro;Client;Échéance;Montant TTC\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length) + 10)}`,
      );
      const res = await upload(owner, IMPORT, { filename: "gros.csv", content });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.details?.[0]).toMatchObject({ path: "file" });
    });

    it("validates the form: the file is required, no unknown field, dry_run is true or false, map is valid", async () => {
      const file = { filename: "suivi.csv", content: FRENCH_SHEET };
      const cases: [typeof file | null, Record<string, string>, string][] = [
        [null, {}, "file"],
        [file, { foo: "bar" }, "foo"],
        [file, { dry_run: "oui" }, "dry_run"],
        [file, { map: "Numéro" }, "map"],
        [file, { map: "Numéro=couleur" }, "map"],
      ];
      for (const [f, fields, path] of cases) {
        const res = await upload(owner, IMPORT, f, fields);
        expect(res.statusCode, JSON.stringify(fields)).toBe(400);
        expect((res.json() as ErrorBody).error.details?.[0]?.path).toBe(path);
      }
      const preview = await upload(owner, PREVIEW, file, { dry_run: "true" });
      expect(preview.statusCode).toBe(400);
      const json = await owner.post(IMPORT, { file: "x" });
      expect(json.statusCode).toBe(400);
      expect(await count("invoice")).toBe(5);
    });

    it("needs the CSRF token", async () => {
      const body = multipartBody(
        {},
        { name: "file", filename: "suivi.csv", content: Buffer.from(FRENCH_SHEET), type: "text/csv" },
      );
      const res = await owner.request("POST", IMPORT, body.payload, { headers: body.headers, noCsrf: true });
      expect(res.statusCode).toBe(403);
    });

    it("viewers and collectors may not import nor preview", async () => {
      for (const role of ["viewer", "collector"] as const) {
        const member = await memberWithRole(owner, role);
        for (const url of [PREVIEW, IMPORT]) {
          const res = await upload(member, url, { filename: "suivi.csv", content: FRENCH_SHEET });
          expect(res.statusCode, `${role} ${url}`).toBe(403);
        }
      }
      expect(await count("invoice")).toBe(5);
    });

    it("a manager may import", async () => {
      const manager = await memberWithRole(owner, "manager");
      const res = await upload(
        manager,
        IMPORT,
        { filename: "suivi.csv", content: FRENCH_SHEET },
        { dry_run: "true" },
      );
      expect(res.statusCode).toBe(200);
    });
  });

  describe("export", () => {
    it("downloads the organization's tracking workbook, its open invoices only", async () => {
      await upload(other, IMPORT, {
        filename: "autre.csv",
        content: "Numéro;Client;Échéance;Montant TTC\nAUTRE-1;Client Ailleurs;15/02/2025;10,00",
      });
      const res = await owner.get(EXPORT);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(XLSX_TYPE);
      expect(res.headers["content-disposition"]).toBe(
        'attachment; filename="suivi-plomberie-martin-fils-2025-06-30.xlsx"',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const texts: string[] = [];
      for (const sheet of workbook.worksheets) {
        sheet.eachRow((row) => {
          row.eachCell((cell) => {
            texts.push(String(cell.text));
          });
        });
      }
      // the four open invoices of FRENCH_SHEET; F-2025-003 is paid; nothing of the other organization
      for (const number of ["F-2025-001", "F-2025-002", "F-2025-004", "F-2025-005"])
        expect(texts).toContain(number);
      expect(texts).not.toContain("F-2025-003");
      expect(texts).not.toContain("AUTRE-1");
      expect(texts.join(" ")).not.toContain("Client Ailleurs");
    });

    it("a viewer may export; a stranger may not", async () => {
      const viewer = await memberWithRole(owner, "viewer");
      const res = await viewer.get(EXPORT);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      const anonymous = await srv.app.inject({ method: "GET", url: EXPORT });
      expect(anonymous.statusCode).toBe(401);
    });

    it("leaves no temporary file behind", async () => {
      // let the last download's stream close
      await new Promise((resolve) => setTimeout(resolve, 50));
      const left = uploadDirs().filter((d) => !dirsBefore.includes(d));
      expect(left).toEqual([]);
    });
  });
});
