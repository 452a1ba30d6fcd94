import { type Kysely, sql } from "kysely";

/**
 * Idempotent payments (issue 11): `payment.idempotency_key`, the key a caller sent with the payment — the API's
 * `Idempotency-Key` header or `relance payments add --idempotency-key` (stored as `payment:<key>`), the key the
 * portal's « J'ai payé » form made when it opened (`portal:<client id>:<key>`) — and `payment.request_hash`, the
 * SHA-256 of what was asked, to tell a replay (the same content: the first payment is returned, nothing written)
 * from a mistake (another content: refused). The unique index per organization is what makes two replays at once
 * record the payment once: the second insert fails and the caller returns the first. Partial: the payments without
 * a key (most of them, and every bank match) are not in it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payment").addColumn("idempotency_key", "text").execute();
  await db.schema.alterTable("payment").addColumn("request_hash", "text").execute();
  await db.schema
    .createIndex("payment_org_idempotency_key")
    .on("payment")
    .columns(["organization_id", "idempotency_key"])
    .unique()
    .where(sql<boolean>`idempotency_key is not null`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("payment_org_idempotency_key").execute();
  await db.schema.alterTable("payment").dropColumn("request_hash").execute();
  await db.schema.alterTable("payment").dropColumn("idempotency_key").execute();
}
