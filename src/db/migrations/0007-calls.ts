import type { CreateTableBuilder, Kysely } from "kysely";

function base(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, string> {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

/**
 * Phone calls and promises to pay (docs/calls.md). A call records who was called, when, how it went and the tone
 * used; a promise (made on a call or not) the amount and date promised, the grace days, its state and the invoices
 * it covers — a JSON array of ids in `invoice_ids` (a promise covers a handful of invoices of one client and is
 * only ever read whole, by client or by state: a join table would buy nothing).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("call"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.references("contact.id").onDelete("set null"))
    .addColumn("phone", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("call_back_on", "text")
    .addColumn("notes", "text")
    .addColumn("tone", "text")
    .execute();
  await db.schema
    .createIndex("call_org_client")
    .on("call")
    .columns(["organization_id", "client_id", "occurred_at"])
    .execute();

  await base(db.schema.createTable("promise"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("call_id", "text", (c) => c.references("call.id"))
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("promised_on", "text", (c) => c.notNull())
    .addColumn("grace_days", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("resolved_on", "text")
    .addColumn("invoice_ids", "text", (c) => c.notNull())
    .addColumn("holds_client", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("promise_org_state")
    .on("promise")
    .columns(["organization_id", "state", "promised_on"])
    .execute();
  await db.schema
    .createIndex("promise_org_client")
    .on("promise")
    .columns(["organization_id", "client_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("promise").execute();
  await db.schema.dropTable("call").execute();
}
