import { type CreateTableBuilder, type Kysely, sql } from "kysely";

function base(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, string> {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

/**
 * Judicial recovery (docs/recovery.md): a `recovery_case` per client taken to court or handed over (at most one not
 * closed per client: a partial unique index), the invoices it is about fixed when it opens (`invoice_ids`, JSON);
 * its procedures in `recovery_procedure` (not "procedure", an SQL keyword): a small claim before a commissaire de
 * justice, an injonction de payer, or a hand-over to a commissaire de justice (bailiff) or a lawyer, each with the
 * dates of its kind as columns (null when not reached) and the deadlines computed from them (core/recovery/steps.ts).
 * The evidence (pièces) is the client's existing documents and letters: no table of its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("recovery_case"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("opened_on", "text", (c) => c.notNull())
    .addColumn("closed_on", "text")
    .addColumn("close_note", "text")
    .addColumn("costs_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("invoice_ids", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recovery_case_org_client")
    .on("recovery_case")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("recovery_case_one_open")
    .on("recovery_case")
    .columns(["organization_id", "client_id"])
    .unique()
    .where(sql.ref("closed_on"), "is", null)
    .execute();

  await base(db.schema.createTable("recovery_procedure"))
    .addColumn("case_id", "text", (c) => c.notNull().references("recovery_case.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("court_name", "text")
    .addColumn("court_address", "text")
    // small claims (CPCE L125-1)
    .addColumn("sent_on", "text")
    .addColumn("debtor_invited_on", "text")
    .addColumn("deadline_on", "text")
    .addColumn("accepted_on", "text")
    .addColumn("refused_on", "text")
    .addColumn("title_on", "text")
    // injonction de payer (CPC 1405 s.)
    .addColumn("filed_on", "text")
    .addColumn("order_on", "text")
    .addColumn("service_deadline_on", "text")
    .addColumn("served_on", "text")
    .addColumn("opposition_deadline_on", "text")
    .addColumn("enforceable_on", "text")
    // hand-over to a commissaire de justice or a lawyer
    .addColumn("mandatee_name", "text")
    .addColumn("mandatee_firm", "text")
    .addColumn("mandatee_email", "text")
    .addColumn("mandate_on", "text")
    .addColumn("outcome", "text")
    .addColumn("fees_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text")
    .execute();
  await db.schema
    .createIndex("recovery_procedure_org_case")
    .on("recovery_procedure")
    .columns(["organization_id", "case_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("recovery_procedure").execute();
  await db.schema.dropTable("recovery_case").execute();
}
