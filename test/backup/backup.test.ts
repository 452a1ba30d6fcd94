// `relance backup` / `relance restore`: the demo ledger and a stored document written to a file while the database
// is open and written to (what is written after the snapshot is not in it), restored into an empty database of
// either dialect with every row and the document back; a damaged, truncated or foreign file, or a database that is
// not empty, is refused and nothing is written.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreBackup } from "../../src/app/backup/restore-backup.js";
import { writeBackup } from "../../src/app/backup/write-backup.js";
import { loadDemo } from "../../src/app/demo/load-demo.js";
import { storedFilePath } from "../../src/app/documents/file-store.js";
import { backupTables } from "../../src/db/backup/tables.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/connect.js";
import { newId } from "../../src/db/ids.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const AT = "2026-12-07T09:00:00.000Z";

/** Every table's rows, sorted by id, numbers as numbers (PostgreSQL gives bigints as strings). */
async function contents(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await backupTables(handle.db, handle.dialect)) {
    const rows = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table.name)} order by id`.execute(handle.db);
    out[table.name] = rows.rows.map((r) =>
      Object.fromEntries(
        table.columns.map((c) => [
          c.name,
          c.type === "int" && r[c.name] !== null ? Number(r[c.name]) : r[c.name],
        ]),
      ),
    );
  }
  return out;
}

describe.each(testDialects())("backup and restore (from %s)", (dialect) => {
  let source: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "relance-backup-"));
  const sourceFiles = join(dir, "files-source");
  const file = join(dir, "relance.backup");
  const targets: TestDatabase[] = [];
  let lateClient = "";
  let orgId = "";
  let documentKey = "";

  beforeAll(async () => {
    source = await createTestDatabase(dialect);
    const { org } = await loadDemo({ ctx: testContext(source, { now: AT }) });
    orgId = org.id;
    documentKey = newId();
    const content = Buffer.from("%PDF-1.4 bon de livraison signé\n");
    const path = storedFilePath(sourceFiles, org.id, documentKey);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(sourceFiles, org.id), { recursive: true });
    writeFileSync(path, content);
    await source.db
      .insertInto("document")
      .values({
        id: newId(),
        organization_id: org.id,
        client_id: null,
        invoice_id: null,
        kind: "delivery_note",
        filename: "bl.pdf",
        mime_type: "application/pdf",
        size_bytes: content.length,
        sha256: "0".repeat(64),
        storage_key: documentKey,
        uploaded_by_user_id: null,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  });
  afterAll(async () => {
    for (const t of [source, ...targets]) await t?.drop();
  });

  it("writes the whole database online: a client added after the snapshot is not in the file", async () => {
    const before = await contents(source);
    // another connection writes while the backup reads
    const other = openDatabase({ url: source.url });
    lateClient = newId();
    const summary = await writeBackup({
      handle: source,
      filesDir: sourceFiles,
      file,
      at: AT,
      onSnapshot: async () => {
        await other.db
          .insertInto("client")
          .values({
            id: lateClient,
            organization_id: orgId,
            kind: "business",
            name: "Arrivé pendant la sauvegarde",
            normalized_name: "arrive pendant la sauvegarde",
            country: "FR",
            language: "fr",
            tags: "[]",
            created_at: AT,
            updated_at: AT,
          })
          .execute();
      },
    });
    await other.close();
    expect(summary.files).toBe(1);
    expect(summary.tables.invoice).toBe(before.invoice?.length);
    expect(summary.tables.client).toBe(before.client?.length);
    expect(summary.tables.invoice).toBeGreaterThan(100);
    const text = gunzipSync(readFileSync(file)).toString("utf8");
    expect(text).not.toContain(lateClient);
    expect(text).not.toContain('"table":"session"');
  });

  it.each(
    testDialects(),
  )("restores into an empty %s database: every row and the document back", async (to) => {
    const target = await createTestDatabase(to);
    targets.push(target);
    const files = join(dir, `files-${to}`);
    const restored = await restoreBackup({ handle: target, filesDir: files, file });
    expect(restored.files).toBe(1);
    const expected = await contents(source);
    expected.client = (expected.client ?? []).filter((c) => (c as { id: string }).id !== lateClient);
    expect(await contents(target)).toEqual(expected);
    expect(readFileSync(storedFilePath(files, orgId, documentKey), "utf8")).toContain("bon de livraison");
    // the ledger's totals, as a user would check them
    const totals = async (h: DatabaseHandle) =>
      (
        await sql<{ total: number | string; paid: number | string }>`select sum(total_ttc_cents) as total,
          sum(paid_cents) as paid from invoice`.execute(h.db)
      ).rows.map((r) => [Number(r.total), Number(r.paid)]);
    expect(await totals(target)).toEqual(await totals(source));
  });

  it("refuses a database that already holds data, and changes nothing", async () => {
    const target = targets[0] as TestDatabase;
    const before = await contents(target);
    await expect(restoreBackup({ handle: target, filesDir: join(dir, "x"), file })).rejects.toMatchObject({
      code: "conflict",
      messageCode: "backup.target_not_empty",
    });
    expect(await contents(target)).toEqual(before);
  });

  it("refuses a damaged, truncated or foreign file before writing anything", async () => {
    const target = await createTestDatabase(dialect);
    targets.push(target);
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
    const damaged = join(dir, "damaged.backup");
    // one row changed: the end line's SHA-256 no longer matches
    const k = lines.findIndex((l) => l.startsWith('["'));
    const changed = [...lines];
    changed[k] = (changed[k] as string).replace(/^\["([^"]*)"/, '["$1x"');
    expect(changed[k]).not.toBe(lines[k]);
    writeFileSync(damaged, gzipSync(changed.join("\n")));
    await expect(
      restoreBackup({ handle: target, filesDir: join(dir, "d"), file: damaged }),
    ).rejects.toMatchObject({
      messageCode: "backup.incomplete",
    });
    const truncated = join(dir, "truncated.backup");
    writeFileSync(truncated, readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)));
    await expect(
      restoreBackup({ handle: target, filesDir: join(dir, "d"), file: truncated }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const foreign = join(dir, "foreign.backup");
    writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
    await expect(
      restoreBackup({ handle: target, filesDir: join(dir, "d"), file: foreign }),
    ).rejects.toMatchObject({
      messageCode: "backup.not_a_backup",
    });
    const notGzip = join(dir, "plain.backup");
    writeFileSync(notGzip, "Date;Libellé\n");
    await expect(
      restoreBackup({ handle: target, filesDir: join(dir, "d"), file: notGzip }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    const counts = await sql<{ n: number | string }>`select count(*) as n from organization`.execute(
      target.db,
    );
    expect(Number(counts.rows[0]?.n)).toBe(0);
  });
});
