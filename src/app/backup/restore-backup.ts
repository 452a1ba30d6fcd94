import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { sql } from "kysely";
import { type BackupTable, backupTables } from "../../db/backup/tables.js";
import { insertRows } from "../../db/bulk.js";
import type { DatabaseHandle } from "../../db/connect.js";
import { refreshStatistics } from "../../db/maintenance.js";
import { storedFilePath } from "../documents/file-store.js";
import { AppError } from "../errors.js";
import { BACKUP_FORMAT, BACKUP_VERSION, lastMigration } from "./write-backup.js";

const BATCH = 500;

export interface RestoreSummary {
  tables: Record<string, number>;
  files: number;
  made_at: string;
  from_dialect: string;
}

/** The lines of a backup file, parsed; a file that is not gzip or not JSON lines is refused. */
async function* lines(file: string): AsyncGenerator<{ text: string; value: unknown; n: number }> {
  const input = createReadStream(file).pipe(createGunzip());
  let n = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      n++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new AppError("invalid_input", "backup.corrupt", { line: n });
      }
      yield { text, value, n };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_input", "backup.corrupt", { line: n + 1 });
  }
}

interface Header {
  format: string;
  version: number;
  migration: string;
  dialect: string;
  at: string;
}

/** First pass: the header, the end line's count and SHA-256 of every line before it. Nothing is written. */
async function verify(file: string): Promise<Header> {
  if (!existsSync(file)) throw new AppError("not_found", "backup.file_missing", { file });
  const hash = createHash("sha256");
  let header: Header | null = null;
  let end: { lines: number; sha256: string } | null = null;
  let count = 0;
  for await (const { text, value, n } of lines(file)) {
    if (end !== null) throw new AppError("invalid_input", "backup.corrupt", { line: n });
    const v = value as Record<string, unknown>;
    if (n === 1) {
      if (v.format !== BACKUP_FORMAT) throw new AppError("invalid_input", "backup.not_a_backup");
      header = v as unknown as Header;
    }
    if (v.end === true) {
      end = { lines: Number(v.lines), sha256: String(v.sha256) };
      continue;
    }
    hash.update(`${text}\n`);
    count++;
  }
  if (header === null) throw new AppError("invalid_input", "backup.not_a_backup");
  if (end === null || end.lines !== count || end.sha256 !== hash.digest("hex"))
    throw new AppError("invalid_input", "backup.incomplete");
  if (header.version !== BACKUP_VERSION)
    throw new AppError("invalid_input", "backup.version", { version: header.version });
  if (header.migration !== lastMigration())
    throw new AppError("conflict", "backup.migration", { backup: header.migration, here: lastMigration() });
  return header;
}

/**
 * `relance restore FILE`: the file is checked whole first (its end line: the count and SHA-256 of its lines; made
 * by a Relance at the same schema migration), then, into an empty database only, every table is written in one
 * transaction in foreign-key order (rows that reference their own table's rows after the others) and the stored
 * documents put back, each checked against its SHA-256. Any error writes nothing (the documents already put back
 * are removed). SQLite and PostgreSQL read each other's backups.
 */
export async function restoreBackup(options: {
  handle: DatabaseHandle;
  filesDir: string;
  file: string;
}): Promise<RestoreSummary> {
  const { handle } = options;
  const header = await verify(options.file);
  const tables = new Map((await backupTables(handle.db, handle.dialect)).map((t) => [t.name, t]));
  const summary: RestoreSummary = { tables: {}, files: 0, made_at: header.at, from_dialect: header.dialect };
  const written: string[] = [];
  try {
    await handle.db.transaction().execute(async (trx) => {
      const used = await sql<{ n: number | string }>`select
        (select count(*) from organization) + (select count(*) from ${sql.table("user")}) as n`.execute(trx);
      if (Number(used.rows[0]?.n ?? 0) > 0) throw new AppError("conflict", "backup.target_not_empty");
      // reference data a fresh database already holds (the legal rates the migrations load) gives way to the
      // backup's, which may hold the user's own
      for (const t of [...tables.values()].reverse()) await trx.deleteFrom(t.name as "rate").execute();
      let table: BackupTable | null = null;
      let columns: BackupTable["columns"] = [];
      let batch: unknown[][] = [];
      let later: unknown[][] = [];
      const flush = async (rows: unknown[][]) => {
        if (table === null) return;
        for (let i = 0; i < rows.length; i += BATCH)
          await insertRows(trx, handle.dialect, table.name, columns, rows.slice(i, i + BATCH));
      };
      const finishTable = async () => {
        await flush(batch);
        await flush(later);
        batch = [];
        later = [];
      };
      let selfIndexes: number[] = [];
      for await (const { value, n } of lines(options.file)) {
        if (n === 1) continue;
        if (Array.isArray(value)) {
          if (table === null) throw new AppError("invalid_input", "backup.corrupt", { line: n });
          summary.tables[table.name] = (summary.tables[table.name] ?? 0) + 1;
          // a row pointing at rows of its own table goes in after the others
          if (selfIndexes.some((k) => value[k] !== null)) later.push(value);
          else batch.push(value);
          if (batch.length >= BATCH) {
            await flush(batch);
            batch = [];
          }
          continue;
        }
        const v = value as Record<string, unknown>;
        if (typeof v.table === "string") {
          await finishTable();
          const target = tables.get(v.table);
          const names = v.columns as string[];
          if (!target || !Array.isArray(names))
            throw new AppError("invalid_input", "backup.unknown_table", { table: String(v.table) });
          const byName = new Map(target.columns.map((c) => [c.name, c]));
          columns = names.map((name) => {
            const c = byName.get(name);
            if (!c)
              throw new AppError("invalid_input", "backup.unknown_column", {
                table: target.name,
                column: name,
              });
            return c;
          });
          table = target;
          selfIndexes = target.selfColumns.map((c) => names.indexOf(c)).filter((k) => k >= 0);
          summary.tables[target.name] = 0;
          continue;
        }
        if (v.file !== undefined) {
          await finishTable();
          table = null;
          const f = v.file as { organization_id: string; storage_key: string };
          const data = Buffer.from(String(v.data), "base64");
          if (createHash("sha256").update(data).digest("hex") !== v.sha256)
            throw new AppError("invalid_input", "backup.corrupt", { line: n });
          const path = storedFilePath(options.filesDir, f.organization_id, f.storage_key);
          if (existsSync(path)) {
            if (!readFileSync(path).equals(data))
              throw new AppError("conflict", "backup.file_exists", { path });
          } else {
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, data, { flag: "wx" });
            written.push(path);
          }
          summary.files++;
        }
      }
      await finishTable();
    });
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    throw error;
  }
  await refreshStatistics(handle.db, handle.dialect);
  return summary;
}
