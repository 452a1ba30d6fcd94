import type { Kysely } from "kysely";

/**
 * The client portal (docs/portal.md): `portal_link`, one link per client in force at a time (creating one revokes
 * the previous), stored by the SHA-256 (hex) of its token — the token itself is shown once and never stored; and
 * `payment.declared_invoice_id`, the invoice a payment declared on the portal (state `declared`, no allocation
 * until verified) says it settles.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("portal_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_seen_at", "text")
    .addColumn("created_by", "text")
    .execute();
  await db.schema
    .createIndex("portal_link_org_client")
    .on("portal_link")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema.alterTable("payment").addColumn("declared_invoice_id", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payment").dropColumn("declared_invoice_id").execute();
  await db.schema.dropTable("portal_link").execute();
}
