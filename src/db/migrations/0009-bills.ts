import type { CreateTableBuilder, Kysely } from "kysely";

function base(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, string> {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

/**
 * Bills of exchange (lettres de change, docs/bills.md): drawn by the organization on a professional client for
 * some of its invoices. The drawee's name and address, the payee and the place of issue are copied when the bill
 * is issued (the paper says what it said, whatever the client file becomes); the state and the day of each
 * transition; the PDF (a document); the invoices it settles in `bill_of_exchange_invoice`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("bill_of_exchange"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("issue_on", "text", (c) => c.notNull())
    .addColumn("issue_place", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("drawee_name", "text", (c) => c.notNull())
    .addColumn("drawee_address", "text", (c) => c.notNull())
    .addColumn("drawee_siren", "text")
    .addColumn("domiciliation_bank", "text")
    .addColumn("domiciliation_iban", "text")
    .addColumn("payee_name", "text", (c) => c.notNull())
    .addColumn("drawer_name", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("accepted_on", "text")
    .addColumn("presented_on", "text")
    .addColumn("paid_on", "text")
    .addColumn("unpaid_on", "text")
    .addColumn("cancelled_on", "text")
    .addColumn("lcr", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hold_until", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.references("document.id"))
    .addColumn("payment_id", "text", (c) => c.references("payment.id"))
    .execute();
  await db.schema
    .createIndex("bill_of_exchange_org_client")
    .on("bill_of_exchange")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("bill_of_exchange_org_state")
    .on("bill_of_exchange")
    .columns(["organization_id", "state", "due_on"])
    .execute();

  await base(db.schema.createTable("bill_of_exchange_invoice"))
    .addColumn("bill_id", "text", (c) => c.notNull().references("bill_of_exchange.id"))
    .addColumn("invoice_id", "text", (c) => c.notNull().references("invoice.id"))
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addUniqueConstraint("bill_of_exchange_invoice_bill_invoice", ["bill_id", "invoice_id"])
    .execute();
  await db.schema
    .createIndex("bill_of_exchange_invoice_org_invoice")
    .on("bill_of_exchange_invoice")
    .columns(["organization_id", "invoice_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("bill_of_exchange_invoice").execute();
  await db.schema.dropTable("bill_of_exchange").execute();
}
