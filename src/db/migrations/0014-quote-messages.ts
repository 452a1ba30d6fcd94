import { type Kysely, sql } from "kysely";

/**
 * Quote messages (docs/quotes.md): the outbox carries the e-mail that sends a quote (`quote.sent`, its PDF
 * attached) and the reminder before its validity date (`quote.expiry`), messages of no dunning step like the
 * payment plans' (`template_key`); `quote_id` names the quote the dispatcher re-reads before sending.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("outbox")
    .addColumn("quote_id", "text", (c) => c.references("quote.id"))
    .execute();
  await db.schema
    .createIndex("outbox_org_quote")
    .on("outbox")
    .columns(["organization_id", "quote_id"])
    .where(sql<boolean>`quote_id is not null`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_org_quote").execute();
  await db.schema.alterTable("outbox").dropColumn("quote_id").execute();
}
