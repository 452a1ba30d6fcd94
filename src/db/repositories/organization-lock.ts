import { sql } from "kysely";
import type { Db, Dialect } from "../connect.js";

/**
 * Runs `work` only if no other process holds the organization's lock, and holds it meanwhile: on PostgreSQL a
 * session advisory lock (pg_try_advisory_lock on a connection of its own, released after), so that several
 * `relance worker` and `relance serve` processes share the organizations of one database without two of them
 * running the same organization's day at once; on SQLite (one process per database file) a lock of this process.
 * Running a day twice would send nothing twice (idempotency keys); the lock saves the work.
 */
const held = new Set<string>();

export async function withOrganizationLock<T>(
  db: Db,
  dialect: Dialect,
  orgId: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (dialect !== "postgres") {
    if (held.has(orgId)) return { ran: false };
    held.add(orgId);
    try {
      return { ran: true, value: await work() };
    } finally {
      held.delete(orgId);
    }
  }
  const key = `relance-organization:${orgId}`;
  return db.connection().execute(async (conn) => {
    const got = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(conn);
    if (got.rows[0]?.locked !== true) return { ran: false as const };
    try {
      return { ran: true as const, value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}
