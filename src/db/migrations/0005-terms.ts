import { type Kysely, sql } from "kysely";

/**
 * Payment terms as a term, not a number of days (LAW.md §1): the organization's default term and a client's own,
 * stored as the French label of the term ("30 jours", "45 jours fin de mois", "fin de mois + 10 jours",
 * "à réception"), which `parsePaymentTerm` reads back. The organization's `payment_terms_days` becomes
 * "N jours". A client's `merchant_status` (`merchant` | `non_merchant`, unknown when null) decides the court of an
 * injonction de payer (tribunal de commerce between commerçants).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organization")
    .addColumn("payment_term", "text", (c) => c.notNull().defaultTo("30 jours"))
    .execute();
  await sql`update organization set payment_term = cast(payment_terms_days as text) || ' jours'`.execute(db);
  await db.schema.alterTable("organization").dropColumn("payment_terms_days").execute();
  await db.schema.alterTable("client").addColumn("payment_term", "text").execute();
  await db.schema.alterTable("client").addColumn("merchant_status", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("client").dropColumn("merchant_status").execute();
  await db.schema.alterTable("client").dropColumn("payment_term").execute();
  await db.schema
    .alterTable("organization")
    .addColumn("payment_terms_days", "integer", (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema.alterTable("organization").dropColumn("payment_term").execute();
}
