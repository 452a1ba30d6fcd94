import type { CreateTableBuilder, Kysely } from "kysely";

function base(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, string> {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

/**
 * Payment plans (échéanciers, docs/plans.md): the plan of one client (state, total, grace days, frequency, the
 * signed acknowledgement of debt), the invoices it settles with the balance each had when it was made
 * (`payment_plan_invoice`), and its installments. The outbox learns to carry a message that belongs to no
 * dunning step: `template_key` (the template to render, e.g. `plan.installment_before`) and `installment_id`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("payment_plan"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("total_cents", "bigint", (c) => c.notNull())
    .addColumn("grace_days", "integer", (c) => c.notNull())
    .addColumn("frequency", "text")
    .addColumn("created_on", "text", (c) => c.notNull())
    .addColumn("signed_on", "text")
    .addColumn("activated_on", "text")
    .addColumn("completed_on", "text")
    .addColumn("broken_on", "text")
    .addColumn("cancelled_on", "text")
    .addColumn("document_id", "text", (c) => c.references("document.id"))
    .addColumn("notes", "text")
    .execute();
  await db.schema
    .createIndex("payment_plan_org_client")
    .on("payment_plan")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("payment_plan_org_state")
    .on("payment_plan")
    .columns(["organization_id", "state"])
    .execute();

  await base(db.schema.createTable("payment_plan_invoice"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("payment_plan.id"))
    .addColumn("invoice_id", "text", (c) => c.notNull().references("invoice.id"))
    .addColumn("balance_cents", "bigint", (c) => c.notNull())
    .addUniqueConstraint("payment_plan_invoice_plan_invoice", ["plan_id", "invoice_id"])
    .execute();
  await db.schema
    .createIndex("payment_plan_invoice_org_invoice")
    .on("payment_plan_invoice")
    .columns(["organization_id", "invoice_id"])
    .execute();

  await base(db.schema.createTable("installment"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("payment_plan.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("paid_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("paid_on", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addUniqueConstraint("installment_plan_position", ["plan_id", "position"])
    .execute();

  await db.schema.alterTable("outbox").addColumn("template_key", "text").execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("installment_id", "text", (c) => c.references("installment.id"))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("installment_id").execute();
  await db.schema.alterTable("outbox").dropColumn("template_key").execute();
  await db.schema.dropTable("installment").execute();
  await db.schema.dropIndex("payment_plan_invoice_org_invoice").execute();
  await db.schema.dropTable("payment_plan_invoice").execute();
  await db.schema.dropIndex("payment_plan_org_state").execute();
  await db.schema.dropIndex("payment_plan_org_client").execute();
  await db.schema.dropTable("payment_plan").execute();
}
