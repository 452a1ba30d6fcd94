import { type Kysely, sql } from "kysely";

/**
 * Quotes (docs/quotes.md): when a quote was sent (`sent_at`) and refused (`refused_at`), besides the existing
 * `accepted_at` and `acceptance` (JSON: who, how, IP); and an index on the invoices made from a quote (the deposit
 * invoices and the final invoice point at it through `invoice.quote_id`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("quote").addColumn("sent_at", "text").execute();
  await db.schema.alterTable("quote").addColumn("refused_at", "text").execute();
  await db.schema
    .createIndex("invoice_org_quote")
    .on("invoice")
    .columns(["organization_id", "quote_id"])
    .where(sql<boolean>`quote_id is not null`)
    .execute();
}
