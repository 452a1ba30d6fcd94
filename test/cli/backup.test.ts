// `relance backup FILE` and `relance restore FILE` from the command line: the backup of a database with an
// organization, restored into another one of each dialect; a second restore into the now full database, or a file
// that is not a backup, exits non-zero with a message and writes nothing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

describe.each(testDialects())("relance backup / restore on %s", (dialect) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "relance-cli-backup-"));
  const file = join(dir, "relance.backup");
  const targets: TestDatabase[] = [];
  const env = { RELANCE_FILES_DIR: join(dir, "files") };

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(relance(["--db", t.url, "init", "--name", "Plomberie Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await makeInvoice(ctx, org, client, { number: "F-1", total_cents: 30_000, issue_date: "2025-01-15" });
  });
  afterAll(async () => {
    for (const x of [t, ...targets]) await x?.drop();
  });

  it("writes the backup and says what it holds", () => {
    const out = relance(["--db", t.url, "--lang", "fr", "backup", file], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Sauvegarde écrite : .*relance\.backup \(\d+ lignes, 0 documents, \d+ Kio\)/);
    const json = relance(["--db", t.url, "--json", "backup", join(dir, "second.backup")], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      files: 0,
      tables: { invoice: 1, client: 1, organization: 1 },
    });
  });

  it.each(testDialects())("restores it into an empty %s database", async (to) => {
    const target = await createTestDatabase(to, { migrate: false });
    targets.push(target);
    const out = relance(["--db", target.url, "--lang", "fr", "restore", file], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Restauration terminée");
    const invoices = await target.db.selectFrom("invoice").select(["number", "total_ttc_cents"]).execute();
    expect(invoices.map((i) => [i.number, Number(i.total_ttc_cents)])).toEqual([["F-1", 30_000]]);
    // again into the same database: refused, nothing added
    const again = relance(["--db", target.url, "--lang", "en", "restore", file], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("already holds data");
    expect(await target.db.selectFrom("invoice").select("id").execute()).toHaveLength(1);
  });

  it("refuses a file that is not a backup", () => {
    const bogus = join(dir, "bogus.csv");
    writeFileSync(bogus, "Date;Libellé\n");
    const out = relance(["--db", join(dir, "empty.db"), "--lang", "en", "restore", bogus], env);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/Unreadable or damaged backup|not a Relance backup/);
  });
});
