import { sql } from "kysely";
import type { Db } from "../connect.js";

/** A counter as it stands after a change: attempts in the current window and when that window ends (epoch ms). */
export interface RateCount {
  count: number;
  resetAt: number;
}

/**
 * Counts one attempt under `key` in one statement: a new key, or one whose window has ended, starts a window of
 * `windowMs` at 1; otherwise the count goes up by one in the same window. The upsert takes the row's lock
 * (PostgreSQL) or the database's write lock (SQLite), so two processes counting at once both count.
 */
export async function countRateAttempt(
  db: Db,
  key: string,
  now: number,
  windowMs: number,
): Promise<RateCount> {
  const row = await db
    .insertInto("rate_limit")
    .values({ key, count: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when rate_limit.reset_at <= ${now} then 1 else rate_limit.count + 1 end`,
        reset_at: sql<number>`case when rate_limit.reset_at <= ${now} then excluded.reset_at else rate_limit.reset_at end`,
      }),
    )
    .returning(["count", "reset_at"])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** The key's counter in its current window, or none when it has none or its window has ended. */
export async function findRateCount(db: Db, key: string, now: number): Promise<RateCount | undefined> {
  const row = await db
    .selectFrom("rate_limit")
    .select(["count", "reset_at"])
    .where("key", "=", key)
    .where("reset_at", ">", now)
    .executeTakeFirst();
  return row ? { count: Number(row.count), resetAt: Number(row.reset_at) } : undefined;
}

export async function deleteRateCount(db: Db, key: string): Promise<void> {
  await db.deleteFrom("rate_limit").where("key", "=", key).execute();
}

/** Deletes the counters whose window has ended (through the index on reset_at); returns how many. */
export async function purgeRateCounts(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom("rate_limit").where("reset_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
