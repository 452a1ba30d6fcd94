import type { Kysely } from "kysely";

/**
 * Accounts (sessions, invitations) and credit notes (avoirs).
 * - session: the id is the SHA-256 of the cookie token, so a leaked table cannot be replayed as cookies;
 * - invitation: the token is stored hashed the same way;
 * - invoice.credited_cents caches Σ credit notes applied to an invoice; a credit note points at its invoice.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("organization_id", "text", (c) => c.references("organization.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_id").execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by_user_id", "text", (c) => c.references("user.id"))
    .execute();
  await db.schema.createIndex("invitation_org").on("invitation").column("organization_id").execute();

  await db.schema
    .alterTable("invoice")
    .addColumn("credited_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("invoice")
    .addColumn("credited_invoice_id", "text", (c) => c.references("invoice.id"))
    .execute();
  await db.schema
    .alterTable("document")
    .addColumn("uploaded_by_user_id", "text", (c) => c.references("user.id"))
    .execute();
}
