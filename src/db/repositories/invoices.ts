import { type Insertable, sql } from "kysely";
import type { Db } from "../connect.js";
import type { Invoice, InvoiceLineTable, InvoiceStatus, NewInvoice } from "../schema.js";

export interface InvoiceListItem extends Invoice {
  client_name: string;
  client_kind: string;
}

export interface ListInvoicesOptions {
  today: string;
  /** Only invoices with a balance whose due date has passed. */
  overdue?: boolean;
  /** Only invoices with a balance (open or partially paid). */
  open?: boolean;
  status?: InvoiceStatus[];
  clientId?: string;
  limit?: number;
  /** Keyset pagination: the last (due_date, id) of the previous page. */
  after?: { due_date: string; id: string };
}

const OPEN: InvoiceStatus[] = ["open", "partially_paid"];

export async function listInvoices(
  db: Db,
  orgId: string,
  options: ListInvoicesOptions,
): Promise<InvoiceListItem[]> {
  let query = db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .selectAll("i")
    .select(["c.name as client_name", "c.kind as client_kind"])
    .where("i.organization_id", "=", orgId);
  if (options.overdue || options.open) query = query.where("i.status", "in", OPEN);
  if (options.overdue) query = query.where("i.due_date", "<", options.today);
  if (options.status && options.status.length > 0) query = query.where("i.status", "in", options.status);
  if (options.clientId) query = query.where("i.client_id", "=", options.clientId);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("i.due_date", ">", after.due_date),
        eb.and([eb("i.due_date", "=", after.due_date), eb("i.id", ">", after.id)]),
      ]),
    );
  }
  query = query.orderBy("i.due_date").orderBy("i.id");
  if (options.limit !== undefined) query = query.limit(options.limit);
  return query.execute();
}

/** Streams every open invoice in due-date order, a page at a time (for exports of large ledgers). */
export async function* iterateOpenInvoices(
  db: Db,
  orgId: string,
  today: string,
  pageSize = 2000,
): AsyncGenerator<InvoiceListItem> {
  let after: { due_date: string; id: string } | undefined;
  for (;;) {
    const page = await listInvoices(db, orgId, {
      today,
      open: true,
      limit: pageSize,
      ...(after ? { after } : {}),
    });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { due_date: last.due_date, id: last.id };
  }
}

export async function findInvoicesByNumber(
  db: Db,
  orgId: string,
  number: string,
): Promise<InvoiceListItem[]> {
  return db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .selectAll("i")
    .select(["c.name as client_name", "c.kind as client_kind"])
    .where("i.organization_id", "=", orgId)
    .where("i.number", "=", number)
    .execute();
}

/**
 * Inserts invoices, leaving alone those whose (client, number) already exists.
 * Returns the ids actually inserted.
 */
export async function insertInvoicesSkippingExisting(db: Db, rows: NewInvoice[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const batch = 400;
  for (let i = 0; i < rows.length; i += batch) {
    const result = await db
      .insertInto("invoice")
      .values(rows.slice(i, i + batch))
      .onConflict((oc) => oc.columns(["organization_id", "client_id", "number"]).doNothing())
      .returning("id")
      .execute();
    for (const r of result) inserted.add(r.id);
  }
  return inserted;
}

export async function insertInvoiceLines(db: Db, rows: Insertable<InvoiceLineTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("invoice_line")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updateInvoiceBalance(
  db: Db,
  orgId: string,
  id: string,
  change: { paid_cents: number; status: InvoiceStatus; updated_at: string },
): Promise<void> {
  await db
    .updateTable("invoice")
    .set(change)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function countInvoices(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("invoice")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Reads an invoice and, on PostgreSQL, locks its row until the transaction ends (SQLite has one writer). */
export async function findInvoiceForUpdate(
  db: Db,
  dialect: "sqlite" | "postgres",
  orgId: string,
  id: string,
): Promise<Invoice | undefined> {
  const query = db
    .selectFrom("invoice")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id);
  return (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/** Invoices with these numbers whose id is at least `sinceId` (ids are time-ordered UUIDv7). */
export async function findInvoicesInsertedSince(
  db: Db,
  orgId: string,
  numbers: string[],
  sinceId: string,
): Promise<{ client_id: string; number: string }[]> {
  if (numbers.length === 0) return [];
  return db
    .selectFrom("invoice")
    .select(["client_id", "number"])
    .where("organization_id", "=", orgId)
    .where("id", ">=", sinceId)
    .where("number", "in", [...new Set(numbers)])
    .execute();
}

/** What is owed, and what of it is late, as of `today` (two sums, one query). */
export async function ledgerTotals(
  db: Db,
  orgId: string,
  today: string,
): Promise<{ open_count: number; outstanding_cents: number; overdue_cents: number }> {
  const row = await db
    .selectFrom("invoice")
    .select([
      sql<number>`count(*)`.as("open_count"),
      sql<number>`coalesce(sum(total_ttc_cents - paid_cents - credited_cents), 0)`.as("outstanding_cents"),
      sql<number>`coalesce(sum(case when due_date < ${today} then total_ttc_cents - paid_cents - credited_cents else 0 end), 0)`.as(
        "overdue_cents",
      ),
    ])
    .where("organization_id", "=", orgId)
    .where("status", "in", OPEN)
    .executeTakeFirstOrThrow();
  return {
    open_count: Number(row.open_count),
    outstanding_cents: Number(row.outstanding_cents),
    overdue_cents: Number(row.overdue_cents),
  };
}
