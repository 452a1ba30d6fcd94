import type { Insertable, Selectable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { QuoteLineTable, QuoteStatus, QuoteTable } from "../schema.js";

export type Quote = Selectable<QuoteTable>;

export interface QuoteRow extends Quote {
  client_name: string;
  client_kind: string;
}

function quotesWithClient(db: Db, orgId: string) {
  return db
    .selectFrom("quote as q")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "q.client_id").on("c.organization_id", "=", orgId))
    .selectAll("q")
    .select(["c.name as client_name", "c.kind as client_kind"])
    .where("q.organization_id", "=", orgId);
}

export interface ListQuotesOptions {
  status?: QuoteStatus[];
  clientId?: string;
  limit: number;
  /** Keyset pagination (newest first): the last (issue_date, id) of the previous page. */
  before?: { issue_date: string; id: string };
}

/** Quotes, newest first (issue date, then id). */
export async function listQuotes(db: Db, orgId: string, options: ListQuotesOptions): Promise<QuoteRow[]> {
  let query = quotesWithClient(db, orgId);
  if (options.status && options.status.length > 0) query = query.where("q.status", "in", options.status);
  if (options.clientId) query = query.where("q.client_id", "=", options.clientId);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple("q.issue_date", "q.id"), "<", eb.tuple(before.issue_date, before.id)),
    );
  }
  return query.orderBy("q.issue_date", "desc").orderBy("q.id", "desc").limit(options.limit).execute();
}

export async function findQuote(db: Db, orgId: string, id: string): Promise<QuoteRow | undefined> {
  return quotesWithClient(db, orgId).where("q.id", "=", id).executeTakeFirst();
}

/** Reads a quote and, on PostgreSQL, locks its row until the transaction ends. */
export async function findQuoteForUpdate(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
): Promise<Quote | undefined> {
  const query = db.selectFrom("quote").selectAll().where("organization_id", "=", orgId).where("id", "=", id);
  return (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

export async function quoteNumberTaken(db: Db, orgId: string, number: string): Promise<boolean> {
  const row = await db
    .selectFrom("quote")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row !== undefined;
}

export interface QuoteLineRow {
  position: number;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  discount_cents: number;
  net_cents: number;
}

export async function listQuoteLines(db: Db, orgId: string, quoteId: string): Promise<QuoteLineRow[]> {
  return db
    .selectFrom("quote_line")
    .select([
      "position",
      "description",
      "quantity_milli",
      "unit_price_cents",
      "vat_rate_bp",
      "discount_cents",
      "net_cents",
    ])
    .where("organization_id", "=", orgId)
    .where("quote_id", "=", quoteId)
    .orderBy("position")
    .execute();
}

export async function insertQuote(db: Db, row: Insertable<QuoteTable>): Promise<void> {
  await db.insertInto("quote").values(row).execute();
}

export async function insertQuoteLines(db: Db, rows: Insertable<QuoteLineTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("quote_line")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updateQuoteStatus(
  db: Db,
  orgId: string,
  id: string,
  change: {
    status: QuoteStatus;
    accepted_at?: string | null;
    acceptance?: string | null;
    sent_at?: string | null;
    refused_at?: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .updateTable("quote")
    .set(change)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The HT of each (quote, VAT rate) of these quotes: what the deposit is computed from. */
export async function quoteVatBases(
  db: Db,
  orgId: string,
  quoteIds: string[],
): Promise<Map<string, { vat_rate_bp: number; ht_cents: number }[]>> {
  const out = new Map<string, { vat_rate_bp: number; ht_cents: number }[]>();
  if (quoteIds.length === 0) return out;
  const rows = await db
    .selectFrom("quote_line")
    .select(["quote_id", "vat_rate_bp", (eb) => eb.fn.sum<number | string>("net_cents").as("ht")])
    .where("organization_id", "=", orgId)
    .where("quote_id", "in", quoteIds)
    .groupBy(["quote_id", "vat_rate_bp"])
    .orderBy("quote_id")
    .orderBy("vat_rate_bp", "desc")
    .execute();
  for (const r of rows) {
    const list = out.get(r.quote_id) ?? [];
    list.push({ vat_rate_bp: r.vat_rate_bp, ht_cents: Number(r.ht) });
    out.set(r.quote_id, list);
  }
  return out;
}

export interface QuoteInvoiceRow {
  id: string;
  quote_id: string;
  kind: string;
  number: string;
  issue_date: string | null;
  total_ttc_cents: number;
  paid_cents: number;
  credited_cents: number;
  status: string;
}

/** The invoices made from these quotes (deposits, final), oldest first. */
export async function listQuoteInvoices(
  db: Db,
  orgId: string,
  quoteIds: string[],
): Promise<QuoteInvoiceRow[]> {
  if (quoteIds.length === 0) return [];
  const rows = await db
    .selectFrom("invoice")
    .select([
      "id",
      "quote_id",
      "kind",
      "number",
      "issue_date",
      "total_ttc_cents",
      "paid_cents",
      "credited_cents",
      "status",
    ])
    .where("organization_id", "=", orgId)
    .where("quote_id", "in", quoteIds)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    ...r,
    quote_id: r.quote_id ?? "",
    total_ttc_cents: Number(r.total_ttc_cents),
    paid_cents: Number(r.paid_cents),
    credited_cents: Number(r.credited_cents),
  }));
}

/** The lines of these invoices (a quote's deposit invoices), for the final invoice's deduction. */
export async function listInvoiceLinesOf(
  db: Db,
  orgId: string,
  invoiceIds: string[],
): Promise<{ invoice_id: string; vat_rate_bp: number; net_cents: number }[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await db
    .selectFrom("invoice_line")
    .select(["invoice_id", "vat_rate_bp", "net_cents"])
    .where("organization_id", "=", orgId)
    .where("invoice_id", "in", invoiceIds)
    .orderBy("invoice_id")
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, net_cents: Number(r.net_cents) }));
}

/** A quote of the organization by id or number (the CLI's reference). */
export async function findQuoteIdByReference(
  db: Db,
  orgId: string,
  reference: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("quote")
    .select("id")
    .where("organization_id", "=", orgId)
    .where((eb) => eb.or([eb("id", "=", reference), eb("number", "=", reference)]))
    .executeTakeFirst();
  return row?.id;
}
