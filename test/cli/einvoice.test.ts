import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EINVOICE_SAMPLES } from "../../src/formats/einvoice/test-samples.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { tempDir } from "../support/files.js";

const SAMPLES = EINVOICE_SAMPLES ?? "";

interface Report {
  imported: number;
  skipped: number;
  error_count: number;
  clients_created: number;
  payments_created: number;
  errors: { line: number; column: string; code: string; message: string }[];
  warnings: { code: string; message: string }[];
}

describe.skipIf(!EINVOICE_SAMPLES).each(testDialects())(
  "relance import invoices with e-invoices on %s",
  (dialect) => {
    let t: TestDatabase;
    const dir = tempDir();
    const run = (...args: string[]) => relance(["--db", t.url, ...args]);
    const sample = (name: string, as = name) => {
      const path = join(dir, as);
      copyFileSync(join(SAMPLES, name), path);
      return path;
    };
    const numbers = () =>
      run("invoices", "list", "--json")
        .json<{ number: string }[]>()
        .map((i) => i.number)
        .sort();

    beforeAll(async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const init = run("init", "--name", "Plomberie Martin", "--json");
      expect(init.code, init.stderr).toBe(0);
    });
    afterAll(async () => t?.drop());

    it("imports Factur-X PDFs, told by content, then skips them the second time", () => {
      const basic = sample("Facture_FR_BASICWL.pdf", "facture-basic");
      const first = run("import", "invoices", basic, "--json");
      expect(first.code, first.stderr).toBe(0);
      expect(first.json<Report>()).toMatchObject({
        imported: 1,
        skipped: 0,
        clients_created: 1,
        payments_created: 1,
        errors: [],
      });
      const second = run("import", "invoices", basic, "--json");
      expect(second.json<Report>()).toMatchObject({ imported: 0, skipped: 1, warnings: [] });

      const minimum = run("import", "invoices", sample("Facture_UE_MINIMUM.pdf"));
      expect(minimum.code, minimum.stderr).toBe(0);
      expect(minimum.stdout).toContain("1 facture(s) importée(s)");
      expect(minimum.stderr).toContain(
        "Facture FA-2017-0008 sans date d'échéance : échéance fixée au 03/12/2017 selon vos conditions de paiement par défaut",
      );
      expect(numbers()).toEqual(["FA-2017-0008", "FA-2017-0010"]);
    });

    it("imports the XRechnung CII, and the same invoice in UBL is skipped", () => {
      const cii = run("import", "invoices", sample("XRECHNUNG_Einfach.cii.xml"), "--json");
      expect(cii.code, cii.stderr).toBe(0);
      const report = cii.json<Report>();
      expect(report).toMatchObject({ imported: 1, clients_created: 1 });
      expect(report.warnings.map((w) => w.code)).toEqual(["import.warning.default_due_date"]);
      const ubl = run("import", "invoices", sample("XRECHNUNG_Einfach.ubl.xml", "rechnung.txt"), "--json");
      expect(ubl.json<Report>()).toMatchObject({ imported: 0, skipped: 1, clients_created: 0 });
      const list = run("invoices", "list", "--json").json<
        { number: string; due_date: string; total_cents: number }[]
      >();
      expect(list.find((i) => i.number === "471102")).toMatchObject({
        due_date: "2024-12-15",
        total_cents: 52987,
      });
    });

    it("refuses malformed XML and a PDF without invoice with where and why, exit 2, nothing written", () => {
      const before = numbers();
      const broken = join(dir, "broken.xml");
      writeFileSync(
        broken,
        readFileSync(join(SAMPLES, "XRECHNUNG_Einfach.ubl.xml"), "utf8")
          .replace("<cbc:ID>471102</cbc:ID>", "<cbc:ID>999</cbc:ID>")
          .replace("</cbc:IssueDate>", "</cbc:IssueDat>"),
      );
      const r = run("import", "invoices", broken);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Ligne 6 : XML mal formé/);
      expect(r.stderr).toContain("Rien n'a été importé");

      const missing = join(dir, "missing.xml");
      writeFileSync(
        missing,
        readFileSync(join(SAMPLES, "XRECHNUNG_Einfach.ubl.xml"), "utf8").replace(
          "<cbc:ID>471102</cbc:ID>",
          "",
        ),
      );
      const m = run("import", "invoices", missing, "--json");
      expect(m.code).toBe(2);
      expect(m.json<Report>().errors).toEqual([
        expect.objectContaining({ code: "einvoice.missing_field", column: "ID" }),
      ]);

      const pdf = join(dir, "plain.pdf");
      writeFileSync(pdf, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
      const p = relance(["--db", t.url, "import", "invoices", pdf], { LANG: "en_GB.UTF-8" });
      expect(p.code).toBe(2);
      expect(p.stderr).toContain("PDF: This PDF holds no attached e-invoice (expected: factur-x.xml");
      expect(numbers()).toEqual(before);
    });
  },
);
