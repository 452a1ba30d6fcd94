import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { FRENCH_SHEET, tempDir, writeUtf8, writeWindows1252 } from "../support/files.js";

interface InvoiceJson {
  number: string;
  client: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  paid_cents: number;
  balance_cents: number;
  status: string;
  days_late: number;
}

describe.each(testDialects())("the relance command on %s", (dialect) => {
  let t: TestDatabase;
  const dir = tempDir();
  const run = (...args: string[]) => relance(["--db", t.url, ...args]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
  });
  afterAll(async () => t?.drop());

  it("says what to do when there is no organization yet", () => {
    const r = run("invoices", "list");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("relance init");
  });

  it("init creates the database and the organization", () => {
    const r = run(
      "init",
      "--name",
      "Plomberie Martin",
      "--email",
      "paul@plomberie-martin.fr",
      "--siren",
      "732 829 320",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ name: "Plomberie Martin", siren: "732829320" });
    const again = run("init", "--name", "Plomberie Martin", "--siren", "732829320");
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("732829320");
  });

  it("init refuses a bad SIREN, in French by default and in English on request", () => {
    const fr = run("init", "--name", "X", "--siren", "123456789");
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain("SIREN invalide");
    const en = relance(["--db", t.url, "init", "--name", "X", "--siren", "123456789"], {
      LANG: "en_GB.UTF-8",
    });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("Invalid SIREN");
  });

  it("imports a French tracking sheet, then skips it the second time", () => {
    const file = writeWindows1252(join(dir, "suivi.csv"), FRENCH_SHEET);
    const first = run("import", "invoices", file, "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ imported: 5, skipped: 0, errors: [] });
    const second = run("import", "invoices", file, "--json");
    expect(second.json()).toMatchObject({ imported: 0, skipped: 5, errors: [] });
    const text = run("import", "invoices", file);
    expect(text.stdout).toContain("5 déjà présente(s)");
  });

  it("refuses a broken sheet whole with every bad line, and a non-zero exit", () => {
    const file = writeUtf8(
      join(dir, "casse.csv"),
      "Numéro;Client;Échéance;Montant TTC;Colonne bizarre\nX-1;A;31/02/2025;10,00;x\n",
    );
    const r = run("import", "invoices", file, "--json");
    expect(r.code).toBe(2);
    const body = r.json<{ imported: number; errors: { line: number; column: string; message: string }[] }>();
    expect(body.imported).toBe(0);
    expect(body.errors[0]).toMatchObject({ line: 1, column: "Colonne bizarre" });
    const mapped = run("import", "invoices", file, "--map", "Colonne bizarre=ignore", "--json");
    expect(mapped.code).toBe(2);
    expect(mapped.json<{ errors: { line: number; column: string }[] }>().errors).toEqual([
      expect.objectContaining({ line: 2, column: "Échéance" }),
    ]);
    const textual = run("import", "invoices", file, "--map", "Colonne bizarre=ignore");
    expect(textual.stderr).toMatch(/Ligne 2, colonne « Échéance » : .*31\/02\/2025/);
    const list = run("invoices", "list", "--json").json<InvoiceJson[]>();
    expect(list.map((i) => i.number)).not.toContain("X-1");
  });

  it("refuses a file in an unreadable encoding (UTF-16) whole", () => {
    const file = join(dir, "utf16.csv");
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRENCH_SHEET, "utf16le")]));
    const r = run("import", "invoices", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Fichier illisible/);
    expect(r.stderr).toContain("Fichier refusé");
  });

  it("refuses a missing file", () => {
    const r = run("import", "invoices", join(dir, "nope.csv"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Fichier introuvable");
  });

  it("lists invoices as JSON with the documented keys, and the overdue ones", () => {
    const all = run("invoices", "list", "--json").json<InvoiceJson[]>();
    expect(all).toHaveLength(5);
    for (const i of all) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining([
          "number",
          "client",
          "issue_date",
          "due_date",
          "total_cents",
          "paid_cents",
          "balance_cents",
          "status",
        ]),
      );
    }
    const overdue = run("invoices", "list", "--overdue", "--json").json<InvoiceJson[]>();
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i) => i.days_late > 0 && i.balance_cents > 0)).toBe(true);
    const text = run("invoices", "list");
    expect(text.stdout).toMatch(/1\s234,56\s€/u);
    expect(text.stdout).toContain("F-2025-001");
  });

  it("records a payment, and refuses bad amounts and impossible dates", () => {
    const ok = run(
      "payments",
      "add",
      "--invoice",
      "F-2025-001",
      "--amount",
      "1234.56",
      "--date",
      "2025-02-10",
      "--method",
      "cheque",
      "--json",
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ number: "F-2025-001", balance_cents: 0, status: "paid" });
    const bad = run("payments", "add", "--invoice", "F-2025-005", "--amount", "abc", "--date", "2025-02-10");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Montant invalide");
    const impossible = run(
      "payments",
      "add",
      "--invoice",
      "F-2025-005",
      "--amount",
      "10",
      "--date",
      "2025-02-31",
    );
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain("2025-02-31");
    const unknown = run("payments", "add", "--invoice", "NOPE", "--amount", "10", "--date", "2025-02-10");
    expect(unknown.code).toBe(3);
  });

  it("lists clients", () => {
    const r = run("clients", "list", "--sort", "overdue");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Électricité Générale Lyonnaise");
    const json = run("clients", "list", "--json").json<{ name: string }[]>();
    expect(json).toHaveLength(4);
  });

  it("exports the tracking document as XLSX", async () => {
    const file = join(dir, `suivi-${dialect}.xlsx`);
    const r = run("export", "tracking", file, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("Client");
    const numbers = [];
    for (let i = 2; i <= (sheet?.rowCount ?? 0); i++) numbers.push(String(sheet?.getRow(i).getCell(2).value));
    expect(numbers).toContain("F-2025-005");
    expect(numbers).not.toContain("F-2025-001");
    const bad = run("export", "tracking", join(dir, "suivi.csv"));
    expect(bad.code).toBe(2);
    const nowhere = run("export", "tracking", join(dir, "no-such-folder", "suivi.xlsx"));
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("Dossier introuvable");
  });

  it("exits non-zero on an unknown command or option", () => {
    expect(run("frobnicate").code).toBe(2);
    expect(run("invoices", "list", "--bogus").code).toBe(2);
  });
});
