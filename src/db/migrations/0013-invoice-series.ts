import type { Kysely } from "kysely";

/**
 * Invoice numbering series (docs/invoices.md): one row per organization and prefix (`F-2026-`), holding the last
 * number assigned in it. The counter moves only inside the transaction that inserts the invoice, so a failed
 * creation leaves no gap (numérotation chronologique et continue, CGI ann. II art. 242 nonies A).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invoice_series")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("invoice_series_org_prefix", ["organization_id", "prefix"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invoice_series").execute();
}
