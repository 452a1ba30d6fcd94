import { sql } from "kysely";
import type { Db, Dialect } from "../connect.js";

/** A table as a backup reads and writes it: its columns in order, their kind, and what it references. */
export interface BackupTable {
  name: string;
  columns: { name: string; type: "int" | "text" }[];
  /** The tables its foreign keys reference (itself included when it references its own rows). */
  references: string[];
  /** Columns that reference the table's own rows (invoice.credited_invoice_id). */
  selfColumns: string[];
}

/**
 * Not backed up: the migrations' bookkeeping (the target database is migrated by the version that restores), the
 * login sessions (a restore asks everyone to sign in again) and the rate limits' counters (minutes of life).
 */
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock", "session", "rate_limit"]);

async function sqliteTables(db: Db): Promise<BackupTable[]> {
  const names = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const out: BackupTable[] = [];
  for (const { name } of names.rows) {
    if (SKIPPED.has(name)) continue;
    const info = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})
      order by cid`.execute(db);
    const fks = await sql<{
      table: string;
      from: string;
    }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      columns: info.rows.map((c) => ({ name: c.name, type: /int/i.test(c.type) ? "int" : "text" })),
      references: [...new Set(fks.rows.map((f) => f.table))],
      selfColumns: fks.rows.filter((f) => f.table === name).map((f) => f.from),
    });
  }
  return out;
}

async function postgresTables(db: Db): Promise<BackupTable[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const fks = await sql<{ table_name: string; column_name: string; foreign_table: string }>`
    select kcu.table_name, kcu.column_name, ccu.table_name as foreign_table
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const byName = new Map<string, BackupTable>();
  for (const c of columns.rows) {
    if (SKIPPED.has(c.table_name)) continue;
    const table = byName.get(c.table_name) ?? {
      name: c.table_name,
      columns: [],
      references: [],
      selfColumns: [],
    };
    byName.set(c.table_name, table);
    table.columns.push({
      name: c.column_name,
      type: /int|numeric/i.test(c.data_type) ? "int" : "text",
    });
  }
  for (const f of fks.rows) {
    const table = byName.get(f.table_name);
    if (!table) continue;
    if (!table.references.includes(f.foreign_table)) table.references.push(f.foreign_table);
    if (f.foreign_table === f.table_name && !table.selfColumns.includes(f.column_name))
      table.selfColumns.push(f.column_name);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The tables of the database in an order where every table comes after the tables it references (restore inserts
 * them in that order; a table referencing its own rows is handled row by row by the restore).
 */
export async function backupTables(db: Db, dialect: Dialect): Promise<BackupTable[]> {
  const tables = dialect === "postgres" ? await postgresTables(db) : await sqliteTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: BackupTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: BackupTable) => {
    if (state.get(t.name) === "done") return;
    if (state.get(t.name) === "visiting") throw new Error(`foreign keys form a cycle through ${t.name}`);
    state.set(t.name, "visiting");
    for (const r of t.references) {
      const ref = byName.get(r);
      if (ref && ref !== t) visit(ref);
    }
    state.set(t.name, "done");
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}
