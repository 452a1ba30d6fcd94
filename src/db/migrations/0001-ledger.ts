import type { CreateTableBuilder, Kysely } from "kysely";

/** Columns every table has: id, organization_id (tenant key), created_at, updated_at. */
type Table = CreateTableBuilder<string, string>;

function base(table: CreateTableBuilder<string, never>, tenant = true): Table {
  let t: Table = table.addColumn("id", "text", (c) => c.primaryKey());
  if (tenant) t = t.addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"));
  return t
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
}

function lines(table: Table): Table {
  return table
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("quantity_milli", "bigint", (c) => c.notNull())
    .addColumn("unit_price_cents", "bigint", (c) => c.notNull())
    .addColumn("vat_rate_bp", "integer", (c) => c.notNull())
    .addColumn("discount_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("net_cents", "bigint", (c) => c.notNull());
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await base(db.schema.createTable("organization"), false)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("legal_form", "text")
    .addColumn("siren", "text")
    .addColumn("siret", "text")
    .addColumn("vat_number", "text")
    .addColumn("address", "text")
    .addColumn("postal_code", "text")
    .addColumn("city", "text")
    .addColumn("country", "text", (c) => c.notNull().defaultTo("FR"))
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("iban", "text")
    .addColumn("bic", "text")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Europe/Paris"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr"))
    .addColumn("payment_terms_days", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("penalty_clause", "text", (c) => c.notNull().defaultTo("default"))
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await base(db.schema.createTable("user"), false)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text")
    .addColumn("password_hash", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr"))
    .execute();

  await base(db.schema.createTable("membership"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addUniqueConstraint("membership_org_user", ["organization_id", "user_id"])
    .execute();

  await base(db.schema.createTable("client"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("normalized_name", "text", (c) => c.notNull())
    .addColumn("siren", "text")
    .addColumn("siret", "text")
    .addColumn("vat_number", "text")
    .addColumn("address", "text")
    .addColumn("postal_code", "text")
    .addColumn("city", "text")
    .addColumn("country", "text", (c) => c.notNull().defaultTo("FR"))
    .addColumn("language", "text", (c) => c.notNull().defaultTo("fr"))
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text")
    .addColumn("hold_until", "text")
    .addColumn("hold_reason", "text")
    .execute();
  await db.schema
    .createIndex("client_org_siren")
    .on("client")
    .columns(["organization_id", "siren"])
    .execute();
  await db.schema
    .createIndex("client_org_name")
    .on("client")
    .columns(["organization_id", "normalized_name"])
    .execute();

  await base(db.schema.createTable("contact"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("role", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("is_billing", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("contact_org_client")
    .on("contact")
    .columns(["organization_id", "client_id"])
    .execute();

  await base(db.schema.createTable("quote"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issue_date", "text", (c) => c.notNull())
    .addColumn("valid_until", "text")
    .addColumn("total_ht_cents", "bigint", (c) => c.notNull())
    .addColumn("total_vat_cents", "bigint", (c) => c.notNull())
    .addColumn("total_ttc_cents", "bigint", (c) => c.notNull())
    .addColumn("deposit_percent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("acceptance", "text")
    .addUniqueConstraint("quote_org_number", ["organization_id", "number"])
    .execute();
  await lines(base(db.schema.createTable("quote_line")))
    .addColumn("quote_id", "text", (c) => c.notNull().references("quote.id").onDelete("cascade"))
    .execute();
  await db.schema
    .createIndex("quote_line_quote")
    .on("quote_line")
    .columns(["organization_id", "quote_id"])
    .execute();

  await base(db.schema.createTable("invoice"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("quote_id", "text", (c) => c.references("quote.id"))
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("invoice"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issue_date", "text")
    .addColumn("delivery_date", "text")
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull().defaultTo("EUR"))
    .addColumn("total_ht_cents", "bigint")
    .addColumn("total_vat_cents", "bigint")
    .addColumn("total_ttc_cents", "bigint", (c) => c.notNull())
    .addColumn("paid_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("penalty_clause", "text", (c) => c.notNull().defaultTo("default"))
    .addColumn("indemnity_applies", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("created"))
    .addColumn("disputed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text")
    .addUniqueConstraint("invoice_org_client_number", ["organization_id", "client_id", "number"])
    .execute();
  await db.schema
    .createIndex("invoice_org_status_due")
    .on("invoice")
    .columns(["organization_id", "status", "due_date"])
    .execute();
  await db.schema
    .createIndex("invoice_org_number")
    .on("invoice")
    .columns(["organization_id", "number"])
    .execute();
  await lines(base(db.schema.createTable("invoice_line")))
    .addColumn("invoice_id", "text", (c) => c.notNull().references("invoice.id").onDelete("cascade"))
    .execute();
  await db.schema
    .createIndex("invoice_line_invoice")
    .on("invoice_line")
    .columns(["organization_id", "invoice_id"])
    .execute();

  await base(db.schema.createTable("payment"))
    .addColumn("client_id", "text", (c) => c.references("client.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("payer", "text")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("confirmed"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("manual"))
    .execute();
  await db.schema
    .createIndex("payment_org_date")
    .on("payment")
    .columns(["organization_id", "date"])
    .execute();
  await db.schema
    .createIndex("payment_org_client")
    .on("payment")
    .columns(["organization_id", "client_id"])
    .execute();

  await base(db.schema.createTable("allocation"))
    .addColumn("payment_id", "text", (c) => c.notNull().references("payment.id").onDelete("cascade"))
    .addColumn("invoice_id", "text", (c) => c.notNull().references("invoice.id").onDelete("cascade"))
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("allocation_org_invoice")
    .on("allocation")
    .columns(["organization_id", "invoice_id"])
    .execute();
  await db.schema
    .createIndex("allocation_org_payment")
    .on("allocation")
    .columns(["organization_id", "payment_id"])
    .execute();

  await base(db.schema.createTable("document"))
    .addColumn("client_id", "text", (c) => c.references("client.id"))
    .addColumn("invoice_id", "text", (c) => c.references("invoice.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_org_client")
    .on("document")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("document_org_invoice")
    .on("document")
    .columns(["organization_id", "invoice_id"])
    .execute();

  await base(db.schema.createTable("action"))
    .addColumn("client_id", "text", (c) => c.references("client.id"))
    .addColumn("invoice_id", "text", (c) => c.references("invoice.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("idempotency_key", "text")
    .addUniqueConstraint("action_org_idempotency", ["organization_id", "idempotency_key"])
    .execute();
  await db.schema
    .createIndex("action_org_invoice")
    .on("action")
    .columns(["organization_id", "invoice_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("action_org_client")
    .on("action")
    .columns(["organization_id", "client_id", "occurred_at"])
    .execute();

  await base(db.schema.createTable("task"))
    .addColumn("client_id", "text", (c) => c.references("client.id"))
    .addColumn("invoice_id", "text", (c) => c.references("invoice.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("assignee_user_id", "text", (c) => c.references("user.id"))
    .execute();
  await db.schema
    .createIndex("task_org_state_due")
    .on("task")
    .columns(["organization_id", "state", "due_on"])
    .execute();

  await base(db.schema.createTable("rate"), false)
    .addColumn("organization_id", "text", (c) => c.references("organization.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("confirmed", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("rate_kind_from").on("rate").columns(["kind", "valid_from"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("user_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("operation", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .createIndex("audit_log_org_at")
    .on("audit_log")
    .columns(["organization_id", "at"])
    .execute();
}
