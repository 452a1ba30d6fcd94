import { type RawBuilder, sql } from "kysely";
import type { Db, Dialect } from "./connect.js";

/**
 * Many values as one bound parameter, for `x in ${valueList(…)}`: an array unnested on PostgreSQL, a JSON array
 * read by json_each on SQLite — instead of one parameter per value (and chunks of them).
 */
export function valueList<T extends string | number>(
  dialect: Dialect,
  values: readonly T[],
  type: "text" | "int",
): RawBuilder<T> {
  return dialect === "postgres"
    ? sql<T>`(select unnest(${values}::${sql.raw(type === "int" ? "bigint" : "text")}[]))`
    : sql<T>`(select value from json_each(${JSON.stringify(values)}))`;
}

/** A column written from each row (`row`: its index in the row array) or the same value for every row. */
export type BulkColumn =
  | { name: string; type: "text" | "int"; row: number }
  | { name: string; type: "text" | "int"; value: string | number | null };

/**
 * Writes many rows in one statement whose only variable parameter is a JSON array of arrays: SQLite reads it with
 * json_each, PostgreSQL with json_array_elements. A multi-row VALUES list costs one bound parameter per cell and a
 * query tree per row to build and compile; this costs one string. The statement text depends only on the columns,
 * so the prepared statement is reused from one batch to the next.
 */
function rowsSource(dialect: Dialect, rows: readonly unknown[][]): RawBuilder<unknown> {
  const json = JSON.stringify(rows);
  return dialect === "postgres"
    ? sql`json_array_elements(${json}::json) as j(value)`
    : sql`json_each(${json}) as j`;
}

function cell(dialect: Dialect, column: BulkColumn): RawBuilder<unknown> {
  if ("value" in column) {
    if (column.value === null) return sql`null`;
    return dialect === "postgres" && column.type === "int"
      ? sql`${column.value}::bigint`
      : sql`${column.value}`;
  }
  if (dialect === "postgres")
    return sql.raw(`(j.value ->> ${column.row})::${column.type === "int" ? "bigint" : "text"}`);
  return sql.raw(`j.value ->> ${column.row}`);
}

/** INSERT … SELECT of `rows`; rows whose `conflict` columns already exist are left alone (ON CONFLICT DO NOTHING). */
export async function insertRowsOnce(
  db: Db,
  dialect: Dialect,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  conflict: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const values = sql.join(columns.map((c) => cell(dialect, c)));
  const target = sql.join(conflict.map((c) => sql.ref(c)));
  // SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (the parser would read ON as a join constraint)
  await sql`insert into ${sql.table(table)} (${names}) select ${values} from ${rowsSource(dialect, rows)}
    where true on conflict (${target}) do nothing`.execute(db);
}

/** INSERT … SELECT of `rows`, each a row of `columns`' values in order; any conflict is an error. */
export async function insertRows(
  db: Db,
  dialect: Dialect,
  table: string,
  columns: readonly { name: string; type: "text" | "int" }[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const values = sql.join(columns.map((c, row) => cell(dialect, { ...c, row })));
  await sql`insert into ${sql.table(table)} (${names}) select ${values} from ${rowsSource(dialect, rows)}`.execute(
    db,
  );
}

/** The columns of rows given as objects (the keys of the first), `ints` cast as integers, and the rows as arrays. */
function objectColumns<T extends object>(rows: readonly T[], ints: readonly (keyof T & string)[]) {
  const names = Object.keys(rows[0] as T) as (keyof T & string)[];
  return {
    columns: names.map((name, row) => ({
      name,
      type: ints.includes(name) ? ("int" as const) : ("text" as const),
      row,
    })),
    values: rows.map((r) => names.map((n) => r[n] ?? null)),
  };
}

/**
 * INSERT … SELECT of rows given as objects of one table (every row with the keys of the first), through insertRows:
 * one JSON parameter instead of a bound parameter per cell, and no query tree per row — for the set-based writes of
 * thousands of rows. `ints` names the integer columns (cast as such on PostgreSQL); the others are text.
 */
export async function insertObjects<T extends object>(
  db: Db,
  dialect: Dialect,
  table: string,
  rows: readonly T[],
  ints: readonly (keyof T & string)[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const { columns, values } = objectColumns(rows, ints);
  await insertRows(db, dialect, table, columns, values);
}

/** insertObjects, rows whose `conflict` columns already exist left alone (insertRowsOnce). */
export async function insertObjectsOnce<T extends object>(
  db: Db,
  dialect: Dialect,
  table: string,
  rows: readonly T[],
  ints: readonly (keyof T & string)[],
  conflict: readonly (keyof T & string)[],
): Promise<void> {
  if (rows.length === 0) return;
  const { columns, values } = objectColumns(rows, ints);
  await insertRowsOnce(db, dialect, table, columns, values, conflict);
}

/**
 * UPDATE of many rows of one organization, each with its own values: `key` (the id) is the row's first element;
 * `columns` name the others; `guard`, when given, is a further condition on the row updated (a state it must still
 * be in).
 */
export async function updateRows(
  db: Db,
  dialect: Dialect,
  table: string,
  orgId: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  guard?: RawBuilder<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const set = sql.join(columns.map((c) => sql`${sql.ref(c.name)} = ${cell(dialect, c)}`));
  const id = dialect === "postgres" ? sql.raw("(j.value ->> 0)::text") : sql.raw("j.value ->> 0");
  // SQLite: the unary + keeps the planner off the organization's indexes, so it walks the rows given and finds each
  // by its primary key (otherwise it may scan every row of the organization once per row given)
  const org =
    dialect === "sqlite" ? sql`+${sql.ref(`${table}.organization_id`)}` : sql.ref(`${table}.organization_id`);
  await sql`update ${sql.table(table)} set ${set} from ${rowsSource(dialect, rows)}
    where ${org} = ${orgId} and ${sql.ref(`${table}.id`)} = ${id}${guard ? sql` and ${guard}` : sql``}`.execute(
    db,
  );
}
