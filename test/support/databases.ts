import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DatabaseHandle, type Dialect, openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";

/** The dialects the medium tier runs on: SQLite always, PostgreSQL when RELANCE_TEST_PG_URL is set. */
export function testDialects(): Dialect[] {
  return process.env.RELANCE_TEST_PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase extends DatabaseHandle {
  /** The URL (or SQLite path) a subprocess can use to open the same database. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect: a temporary SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(
  dialect: Dialect,
  /** adminUrl: another PostgreSQL server than RELANCE_TEST_PG_URL (a test's private cluster, pg-cluster.ts). */
  options: { migrate?: boolean; adminUrl?: string } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "relance-test-"));
    const url = join(dir, "relance.db");
    const handle = openDatabase({ url });
    if (migrate) await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = options.adminUrl ?? process.env.RELANCE_TEST_PG_URL;
  if (!adminUrl) throw new Error("RELANCE_TEST_PG_URL is not set");
  const name = `relance_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const handle = openDatabase({ url, poolSize: 5 });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
