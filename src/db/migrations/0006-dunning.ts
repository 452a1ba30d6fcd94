import type { CreateTableBuilder, Kysely } from "kysely";
import { sql } from "kysely";

type Table = CreateTableBuilder<string, string>;

function base(table: CreateTableBuilder<string, never>): Table {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

/**
 * The dunning engine (docs/dunning.md): sequences and their steps, the organization's own templates, holds on
 * clients and invoices, each invoice's place in its sequence with `next_action_on` (the day the daily run looks at
 * it again, indexed so that the run reads only what is due), the outbox of messages and letters, and idempotency
 * keys on tasks. Open invoices already stored are looked at by the next run (`next_action_on` in the past): the run
 * then fires the latest step already due, or dates the next one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("dunning_sequence"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("default_for", "text")
    .addUniqueConstraint("dunning_sequence_org_name", ["organization_id", "name"])
    .execute();

  await base(db.schema.createTable("dunning_step"))
    .addColumn("sequence_id", "text", (c) => c.notNull().references("dunning_sequence.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("offset_days", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("template_key", "text")
    .addColumn("tone", "text", (c) => c.notNull())
    .addColumn("requires_approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("never_skip", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("task_kind", "text")
    .addColumn("label", "text", (c) => c.notNull())
    .addUniqueConstraint("dunning_step_sequence_position", ["sequence_id", "position"])
    .execute();

  await base(db.schema.createTable("message_template"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addUniqueConstraint("message_template_org_key_locale", ["organization_id", "key", "locale"])
    .execute();

  await db.schema
    .alterTable("client")
    .addColumn("dunning_sequence_id", "text", (c) => c.references("dunning_sequence.id"))
    .execute();
  await db.schema.alterTable("client").addColumn("hold_kind", "text").execute();

  for (const [name, type] of [
    ["hold_kind", "text"],
    ["hold_until", "text"],
    ["hold_reason", "text"],
    ["dunning_anchor_on", "text"],
    ["dunning_anchor_offset", "integer"],
    ["next_action_on", "text"],
  ] as const) {
    await db.schema.alterTable("invoice").addColumn(name, type).execute();
  }
  await db.schema
    .alterTable("invoice")
    .addColumn("dunning_position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update invoice set next_action_on = '2000-01-01'
    where status in ('open', 'partially_paid') and kind <> 'credit_note'`.execute(db);
  await db.schema
    .createIndex("invoice_org_next_action")
    .on("invoice")
    .columns(["organization_id", "next_action_on"])
    .where(sql.ref("next_action_on"), "is not", null)
    .execute();

  await base(db.schema.createTable("outbox"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("step_id", "text", (c) => c.references("dunning_step.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("planned_on", "text", (c) => c.notNull())
    .addColumn("invoices", "text", (c) => c.notNull())
    .addColumn("recipients", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    .addColumn("lease_until", "text")
    .addColumn("lease_owner", "text")
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("transport", "text")
    .addColumn("sent_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("document_id", "text", (c) => c.references("document.id"))
    .addColumn("approved_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("letter", "text", (c) => c.notNull().defaultTo("{}"))
    .addUniqueConstraint("outbox_org_idempotency", ["organization_id", "idempotency_key"])
    .execute();
  await db.schema
    .createIndex("outbox_state_attempt")
    .on("outbox")
    .columns(["state", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("outbox_org_state")
    .on("outbox")
    .columns(["organization_id", "state", "planned_on"])
    .execute();

  await db.schema
    .alterTable("task")
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.alterTable("task").addColumn("idempotency_key", "text").execute();
  await db.schema
    .createIndex("task_org_idempotency")
    .on("task")
    .columns(["organization_id", "idempotency_key"])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("task_org_idempotency").execute();
  await db.schema.alterTable("task").dropColumn("idempotency_key").execute();
  await db.schema.alterTable("task").dropColumn("data").execute();
  await db.schema.dropTable("outbox").execute();
  await db.schema.dropIndex("invoice_org_next_action").execute();
  for (const name of [
    "dunning_position",
    "next_action_on",
    "dunning_anchor_offset",
    "dunning_anchor_on",
    "hold_reason",
    "hold_until",
    "hold_kind",
  ]) {
    await db.schema.alterTable("invoice").dropColumn(name).execute();
  }
  await db.schema.alterTable("client").dropColumn("hold_kind").execute();
  await db.schema.alterTable("client").dropColumn("dunning_sequence_id").execute();
  await db.schema.dropTable("message_template").execute();
  await db.schema.dropTable("dunning_step").execute();
  await db.schema.dropTable("dunning_sequence").execute();
}
