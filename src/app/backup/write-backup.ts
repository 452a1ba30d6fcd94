import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createGzip } from "node:zlib";
import { sql } from "kysely";
import { backupTables } from "../../db/backup/tables.js";
import type { DatabaseHandle, Db } from "../../db/connect.js";
import { migrations } from "../../db/migrations/index.js";
import { storedFilePath } from "../documents/file-store.js";

/** The format of a backup file (docs/backup.md): gzip of one JSON value per line. */
export const BACKUP_FORMAT = "relance-backup";
export const BACKUP_VERSION = 1;
const PAGE = 2_000;

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  files: number;
  bytes: number;
}

/** The last migration of this version: a backup restores only into a database at the same one. */
export function lastMigration(): string {
  return Object.keys(migrations).sort().at(-1) as string;
}

/**
 * `relance backup FILE`, online: every table read in one snapshot (a read-only repeatable-read transaction on
 * PostgreSQL, a read transaction on SQLite's WAL — writers go on meanwhile, and what they write after the snapshot
 * is not in the file), page by page in primary-key order, and the stored documents the `document` rows name. The
 * file is written beside its final name and renamed at the end, so a backup interrupted leaves no partial FILE; its
 * last line holds the count of lines and their SHA-256, which the restore checks before writing anything.
 * Sessions are left out (everyone signs in again after a restore).
 */
export async function writeBackup(options: {
  handle: DatabaseHandle;
  filesDir: string;
  file: string;
  at: string;
  /** Called once the snapshot is taken, before the rows are read (tests write meanwhile to prove it is online). */
  onSnapshot?: () => Promise<void>;
}): Promise<BackupSummary> {
  const { handle } = options;
  const temporary = `${options.file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(temporary);
  gzip.pipe(out);
  const hash = createHash("sha256");
  let lines = 0;
  const write = async (value: unknown) => {
    const text = `${JSON.stringify(value)}\n`;
    hash.update(text);
    lines++;
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  const summary: BackupSummary = { file: options.file, tables: {}, files: 0, bytes: 0 };
  try {
    await handle.db.connection().execute(async (conn) => {
      await sql
        .raw(handle.dialect === "postgres" ? "begin isolation level repeatable read read only" : "begin")
        .execute(conn);
      try {
        await write({
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          migration: lastMigration(),
          dialect: handle.dialect,
          at: options.at,
        });
        const tables = await backupTables(conn, handle.dialect);
        await options.onSnapshot?.();
        for (const table of tables) {
          const columns = table.columns.map((c) => c.name);
          await write({ table: table.name, columns });
          summary.tables[table.name] = await writeRows(conn, table.name, columns, write);
        }
        summary.files = await writeFiles(conn, options.filesDir, write);
      } finally {
        await sql.raw(handle.dialect === "postgres" ? "rollback" : "commit").execute(conn);
      }
    });
    const digest = hash.digest("hex");
    gzip.end(`${JSON.stringify({ end: true, lines, sha256: digest })}\n`);
    await once(out, "finish");
    renameSync(temporary, options.file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  summary.bytes = readFileSync(options.file).length;
  return summary;
}

async function writeRows(
  conn: Db,
  table: string,
  columns: string[],
  write: (value: unknown) => Promise<void>,
): Promise<number> {
  const key = columns.includes("id") ? "id" : (columns[0] as string);
  let after: unknown = null;
  let count = 0;
  for (;;) {
    const where = after === null ? sql`` : sql`where ${sql.ref(key)} > ${after}`;
    const page = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${where}
      order by ${sql.ref(key)} limit ${PAGE}`.execute(conn);
    for (const row of page.rows) await write(columns.map((c) => row[c] ?? null));
    count += page.rows.length;
    if (page.rows.length < PAGE) return count;
    after = page.rows.at(-1)?.[key];
  }
}

/** The stored documents, each once, as { file, sha256, data (base64) } lines; a missing one is an error. */
async function writeFiles(
  conn: Db,
  filesDir: string,
  write: (value: unknown) => Promise<void>,
): Promise<number> {
  const rows = await sql<{ organization_id: string; storage_key: string; sha256: string }>`
    select distinct organization_id, storage_key, sha256 from document order by organization_id, storage_key`.execute(
    conn,
  );
  for (const r of rows.rows) {
    const path = storedFilePath(filesDir, r.organization_id, r.storage_key);
    if (!existsSync(path))
      throw new Error(`stored document missing: ${join(r.organization_id, r.storage_key)}`);
    const data = readFileSync(path);
    await write({
      file: { organization_id: r.organization_id, storage_key: r.storage_key },
      sha256: createHash("sha256").update(data).digest("hex"),
      data: data.toString("base64"),
    });
  }
  return rows.rows.length;
}
