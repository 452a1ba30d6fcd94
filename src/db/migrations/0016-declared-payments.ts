import { type Kysely, sql } from "kysely";

/**
 * Payments declared and awaiting their money (a cheque recorded on receipt, a payment declared on the portal) by
 * amount: bank matching looks up, for each statement line, the declared payments of the line's amount
 * (docs/matching.md). Partial: only the few rows in the state `declared` are in it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("payment_org_declared_amount")
    .on("payment")
    .columns(["organization_id", "amount_cents"])
    .where(sql<boolean>`state = 'declared'`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("payment_org_declared_amount").execute();
}
