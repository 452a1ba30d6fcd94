import { type Kysely, sql } from "kysely";

/**
 * Bank statements (issue 9, docs/statements.md): `bank_statement`, one row per statement of an imported file
 * (unique by account and the statement's own id, so importing it again finds it), and `bank_transaction`, its
 * credits — the money in that may pay invoices — unique by account and `dedupe_key` (the bank's reference of the
 * entry, or the statement and the entry's position; with the occurrence of that reference in the statement), never
 * by content: identical lines of one statement are all kept, the same statement imported twice adds nothing.
 * `match_state` is unmatched | proposed | matched | ignored; `payment.bank_transaction_id` links a payment to the
 * line that brought the money. For matching (docs/matching.md): `invoice.number_key` and `invoice.number_loose_key`
 * (core/matching/references.ts: the number as payers mangle it, looked up exactly), an index of open invoices by
 * amount, and `payer_alias`: the payer names and IBANs learned when the user confirms a match.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("bank_statement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("statement_ref", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("from_date", "text")
    .addColumn("to_date", "text")
    .addColumn("opening_balance_cents", "bigint")
    .addColumn("closing_balance_cents", "bigint")
    .addColumn("entries", "integer", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("file_sha256", "text")
    .addColumn("imported_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("bank_statement_org_account_ref", ["organization_id", "account", "statement_ref"])
    .execute();
  await db.schema
    .createTable("bank_transaction")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("statement_id", "text", (c) => c.notNull().references("bank_statement.id"))
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("bank_ref", "text", (c) => c.notNull())
    .addColumn("ref_kind", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("booking_date", "text", (c) => c.notNull())
    .addColumn("value_date", "text")
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("remittance", "text", (c) => c.notNull())
    .addColumn("creditor_reference", "text")
    .addColumn("end_to_end_id", "text")
    .addColumn("counterparty_name", "text")
    .addColumn("counterparty_iban", "text")
    .addColumn("transaction_code", "text")
    .addColumn("cheque_number", "text")
    .addColumn("match_state", "text", (c) => c.notNull())
    .addColumn("match_score", "integer")
    .addColumn("match_reasons", "text")
    .addColumn("payment_id", "text", (c) => c.references("payment.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("bank_transaction_org_account_key", ["organization_id", "account", "dedupe_key"])
    .execute();
  await db.schema
    .createIndex("bank_transaction_org_state_date")
    .on("bank_transaction")
    .columns(["organization_id", "match_state", "booking_date"])
    .execute();
  await db.schema
    .createIndex("bank_transaction_org_statement")
    .on("bank_transaction")
    .columns(["organization_id", "statement_id"])
    .execute();
  await db.schema.alterTable("payment").addColumn("bank_transaction_id", "text").execute();
  await db.schema.alterTable("invoice").addColumn("number_key", "text").execute();
  await db.schema.alterTable("invoice").addColumn("number_loose_key", "text").execute();
  await db.schema
    .createIndex("invoice_org_number_key")
    .on("invoice")
    .columns(["organization_id", "number_key"])
    .execute();
  await db.schema
    .createIndex("invoice_org_number_loose_key")
    .on("invoice")
    .columns(["organization_id", "number_loose_key"])
    .execute();
  await db.schema
    .createIndex("invoice_org_open_total")
    .on("invoice")
    .columns(["organization_id", "total_ttc_cents"])
    .where(sql<boolean>`status in ('open', 'partially_paid')`)
    .execute();
  await db.schema
    .createTable("payer_alias")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("payer_alias_org_kind_value_client", [
      "organization_id",
      "kind",
      "value",
      "client_id",
    ])
    .execute();
  await db.schema
    .createIndex("payment_org_bank_transaction")
    .on("payment")
    .columns(["organization_id", "bank_transaction_id"])
    .where(sql<boolean>`bank_transaction_id is not null`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("payer_alias").execute();
  await db.schema.dropIndex("invoice_org_open_total").execute();
  await db.schema.dropIndex("invoice_org_number_loose_key").execute();
  await db.schema.dropIndex("invoice_org_number_key").execute();
  await db.schema.alterTable("invoice").dropColumn("number_loose_key").execute();
  await db.schema.alterTable("invoice").dropColumn("number_key").execute();
  await db.schema.dropIndex("payment_org_bank_transaction").execute();
  await db.schema.alterTable("payment").dropColumn("bank_transaction_id").execute();
  await db.schema.dropTable("bank_transaction").execute();
  await db.schema.dropTable("bank_statement").execute();
}
