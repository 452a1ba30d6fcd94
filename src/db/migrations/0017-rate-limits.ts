import type { Kysely } from "kysely";

/**
 * The rate limits' counters (src/http/rate-limit.ts), in the database so that every web process behind a load
 * balancer counts against the same limit: one row per bucket and subject (`login:<hash>`, `portal:<hash>`…), the
 * attempts of its current fixed window and when that window ends (milliseconds since the epoch). One upsert moves a
 * counter atomically; rows whose window has ended are deleted from time to time (index on `reset_at`). Not a tenant
 * table: the limits are per address or e-mail, before any organization is known. Left out of backups.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("reset_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limit_reset_at").on("rate_limit").column("reset_at").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit").execute();
}
