// `relance import statement`: the --json shape of the issue, the text summary, a bad file refused with its lines
// and a non-zero exit, nothing written; the same statement again adds nothing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const STATEMENT = [
  "Date;Libellé;Débit;Crédit",
  "02/12/2026;VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2026-0042;;1 440,00",
  "03/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;215,00",
  "04/12/2026;PRLV URSSAF;812,00;",
].join("\n");

describe.each(testDialects())("relance import statement on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-statement-cli-"));
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);
  const file = join(work, "releve.csv");

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Atelier Morel"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const client = await makeClient(ctx, org, { name: "SARL Martin" });
    await makeInvoice(ctx, org, client, {
      number: "F2026-0042",
      total_cents: 144_000,
      issue_date: "2026-10-15",
      due_date: "2026-11-14",
    });
    writeFileSync(file, STATEMENT);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("prints the issue's JSON: transactions read, auto matches with their reasons, unmatched lines", () => {
    const out = cli(["--json", "import", "statement", file]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.transactions).toBe(3);
    expect(json.auto_matched).toHaveLength(1);
    expect(json.auto_matched[0]).toMatchObject({ invoices: ["F2026-0042"], amount_cents: 144_000 });
    expect(json.auto_matched[0].bank_ref).toMatch(/^csv:2026-12-02:144000:/);
    expect(json.auto_matched[0].score).toBeGreaterThanOrEqual(90);
    expect(json.auto_matched[0].reasons.length).toBeGreaterThan(0);
    expect(json.proposed).toEqual([]);
    expect(json.unmatched).toEqual([
      {
        bank_ref: expect.stringMatching(/^csv:2026-12-03:21500:/),
        amount_cents: 21_500,
        label: "VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA",
      },
    ]);
  });

  it("says in words what it did, and adds nothing the second time", () => {
    const out = cli(["--lang", "fr", "import", "statement", file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("3 opérations lues, dont 2 crédits (0 nouveaux)");
    expect(out.stdout).toContain(
      "Rapprochement : 0 enregistrés automatiquement, 0 à confirmer, 0 non rapprochés",
    );
  });

  it("refuses a bad file with its lines and a non-zero exit, writing nothing", async () => {
    const bad = join(work, "mauvais.csv");
    writeFileSync(bad, `${STATEMENT}\n31/02/2026;VIR;;10,00\n05/12/2026;VIR;;dix euros`);
    const out = cli(["--lang", "fr", "import", "statement", bad]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("Ligne 5 :");
    expect(out.stderr).toContain("Ligne 6 :");
    expect(out.stderr).toContain("Relevé refusé");
    const lines = await t.db.selectFrom("bank_transaction").select("id").execute();
    expect(lines).toHaveLength(2);
    const absent = cli(["--lang", "fr", "import", "statement", join(work, "absent.csv")]);
    expect(absent.code).not.toBe(0);
    expect(absent.stderr).toContain("Fichier introuvable");
  });

  it("imports with --no-match, then `relance bank-lines match` matches the lines", async () => {
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const client = await makeClient(ctx, org, { name: "Garage Lenoir" });
    await makeInvoice(ctx, org, client, {
      number: "F2026-0077",
      total_cents: 38_000,
      issue_date: "2026-10-20",
      due_date: "2026-11-19",
    });
    const later = join(work, "plus-tard.csv");
    writeFileSync(
      later,
      "Date;Libellé;Débit;Crédit\n05/12/2026;VIR SEPA RECU /DE GARAGE LENOIR /MOTIF FACT F2026-0077;;380,00",
    );
    const imported = cli(["--json", "import", "statement", later, "--no-match"]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).auto_matched).toEqual([]);
    const matched = cli(["--json", "bank-lines", "match"]);
    expect(matched.code).toBe(0);
    const json = JSON.parse(matched.stdout);
    expect(json.auto_matched.map((m: { invoices: string[] }) => m.invoices)).toEqual([["F2026-0077"]]);
    expect(json.lines).toBe(json.auto_matched.length + json.proposed.length + json.unmatched.length);
    const words = cli(["--lang", "fr", "bank-lines", "match"]);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain("lignes de relevé rapprochées à nouveau");
    expect(words.stdout).toContain("Rapprochement : 0 enregistrés automatiquement");
  });
});
