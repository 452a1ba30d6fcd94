import { type Kysely, sql } from "kysely";

/**
 * Payments declared and awaiting their money (a cheque recorded on receipt, a payment declared on the portal) by
 * amount: bank matching looks up, for each statement line, the declared payments of the line's amount
 * (docs/matching.md). Partial: only the few rows in the state `declared` are in it.
 *
 * And the columns that reference a payment, indexed on their own: deleting a payment (a declared one confirmed by
 * its bank line, an undone match) makes the database look for rows referencing it, which without these indexes
 * means reading the whole table once per payment deleted (PostgreSQL checks each foreign key that way).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("payment_org_declared_amount")
    .on("payment")
    .columns(["organization_id", "amount_cents"])
    .where(sql<boolean>`state = 'declared'`)
    .execute();
  await db.schema.createIndex("allocation_payment").on("allocation").column("payment_id").execute();
  await db.schema
    .createIndex("bank_transaction_payment")
    .on("bank_transaction")
    .column("payment_id")
    .execute();
  await db.schema
    .createIndex("bill_of_exchange_payment")
    .on("bill_of_exchange")
    .column("payment_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("bill_of_exchange_payment").execute();
  await db.schema.dropIndex("bank_transaction_payment").execute();
  await db.schema.dropIndex("allocation_payment").execute();
  await db.schema.dropIndex("payment_org_declared_amount").execute();
}
