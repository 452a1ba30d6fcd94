import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, with any password removed (safe to log). */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path (or `:memory:`). */
  url: string;
  /** SQLite: create the file (and its folder) when missing; otherwise a missing file is an error. Default true. */
  create?: boolean;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** int8 (money in cents, counts) back to JS numbers; refuse silently losing precision. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer out of range: ${value}`);
  return n;
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (isPostgresUrl(options.url)) return openPostgres(options);
  return openSqlite(options.url, options.create ?? true);
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a use case reads then writes, and a deferred transaction would
 * fail with SQLITE_BUSY if another process wrote in between; IMMEDIATE takes the write lock first and waits for it
 * (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }

  constructor(private readonly config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
  }
}

export class DatabaseNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`database not found: ${path}`);
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a good part of a
 * short query's cost (a page of the invoice list runs four). The 500 most recent statements are kept by SQL text;
 * a statement still being iterated (a streamed query) is not shared: a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        cache.set(sqlText, statement);
        if (cache.size > 500) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

function openSqlite(path: string, create: boolean): DatabaseHandle {
  if (path !== ":memory:") {
    if (!create && !existsSync(path)) throw new DatabaseNotFoundError(path);
    mkdirSync(dirname(path), { recursive: true });
  }
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // 16 MB of page cache (the default is 2 MB), for the indexes a bulk import writes to.
  sqlite.pragma("cache_size = -16384");
  // Planner statistics: analyzes the tables that have none or stale ones (cheap when they are recent).
  if (path !== ":memory:") sqlite.pragma("optimize = 0x10002");
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
}

function openPostgres(options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8_OID) return parseInt8;
        if (oid === NUMERIC_OID) return (v: string) => v;
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (a restart, a failover, DROP DATABASE … WITH (FORCE)) makes the pool emit
  // 'error'; unhandled, that event would end the process. The pool has already dropped that connection and the next
  // query opens a new one, so there is nothing else to do here; a query in flight still gets its own error.
  pool.on("error", () => {});
  // The pool listens to a connection only while it is idle: one the server ends while it is held (a transaction
  // waiting between two queries) emits 'error' with no listener, and the process dies (a `relance serve`, a worker).
  // Listened to for its whole life, its error goes nowhere: the next query on it fails (the work holding it with it)
  // and, no longer queryable, it leaves the pool when released.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location: redactUrl(options.url), close: () => db.destroy() };
}
