import { type Insertable, sql } from "kysely";
import { parseIsoDate, toIso } from "../../core/calendar.js";
import { firstLookOn } from "../../core/dunning/plan.js";
import { looseNumberKey, numberKey } from "../../core/matching/references.js";
import type { Db, Dialect } from "../connect.js";
import type { Client, Invoice, InvoiceKind, InvoiceLineTable, InvoiceStatus, NewInvoice } from "../schema.js";

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
  disputed?: boolean;
  kind?: InvoiceKind;
  /**
   * Number or client: `number` is matched case-insensitively anywhere in the invoice number, `name` (already
   * normalized, may be empty) anywhere in the client's normalized name.
   */
  search?: { number: string; name: string };
  dueFrom?: string;
  dueTo?: string;
  issueFrom?: string;
  issueTo?: string;
  /** Bounds on the total TTC, inclusive. */
  minCents?: number;
  maxCents?: number;
  limit?: number;
  /** Keyset pagination: the last (due_date, id) of the previous page. */
  after?: { due_date: string; id: string };
}

const OPEN: InvoiceStatus[] = ["open", "partially_paid"];

/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `\` taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The statuses the options allow (an explicit list, narrowed to open ones for `open` / `overdue`), or all. */
function wantedStatuses(options: ListInvoicesOptions): InvoiceStatus[] | undefined {
  let wanted = options.status && options.status.length > 0 ? [...new Set(options.status)] : undefined;
  if (options.overdue || options.open) wanted = (wanted ?? OPEN).filter((s) => OPEN.includes(s));
  return wanted;
}

/**
 * Every filter but the status, in due-date order. The invoice table alone: its clients' names are read
 * afterwards for the page, so the planners only ever choose how to read invoices in order (with a join and
 * no statistics yet, PostgreSQL looped over every client and sorted their invoices).
 */
function filteredInvoices(db: Db, orgId: string, options: ListInvoicesOptions) {
  let query = db.selectFrom("invoice as i").selectAll("i").where("i.organization_id", "=", orgId);
  if (options.overdue) query = query.where("i.due_date", "<", options.today);
  if (options.clientId) query = query.where("i.client_id", "=", options.clientId);
  // Literals, not parameters: the planners (SQLite especially) only match a partial index whose predicate they
  // can read in the query (invoice_org_disputed_due, invoice_org_kind_due).
  if (options.disputed !== undefined) {
    query = query.where(options.disputed ? sql<boolean>`i.disputed = 1` : sql<boolean>`i.disputed = 0`);
  }
  if (options.kind === "invoice") query = query.where(sql<boolean>`i.kind = 'invoice'`);
  else if (options.kind) {
    query = query
      .where(sql<boolean>`i.kind = ${sql.lit(options.kind)}`)
      .where(sql<boolean>`i.kind <> 'invoice'`);
  }
  if (options.dueFrom) query = query.where("i.due_date", ">=", options.dueFrom);
  if (options.dueTo) query = query.where("i.due_date", "<=", options.dueTo);
  if (options.issueFrom) {
    // Every invoice is due on or after its issue date (creation and import refuse the contrary), so the issue
    // date's lower bound is also one on the due date: the walk in due order starts there, not at the beginning.
    query = query.where("i.issue_date", ">=", options.issueFrom).where("i.due_date", ">=", options.issueFrom);
  }
  if (options.issueTo) query = query.where("i.issue_date", "<=", options.issueTo);
  if (options.minCents !== undefined) query = query.where("i.total_ttc_cents", ">=", options.minCents);
  if (options.maxCents !== undefined) query = query.where("i.total_ttc_cents", "<=", options.maxCents);
  const search = options.search;
  if (search) {
    // A substring cannot use a B-tree: the list walks its index in due order and stops after a page of matches.
    // Matching clients are found once (a subquery over the organization's clients), not joined row by row.
    const number = sql<boolean>`lower(i.number) like ${containsPattern(search.number.toLowerCase())} escape '\\'`;
    query = search.name
      ? query.where((eb) =>
          eb.or([
            number,
            eb(
              "i.client_id",
              "in",
              eb
                .selectFrom("client as sc")
                .select("sc.id")
                .where("sc.organization_id", "=", orgId)
                .where(sql<boolean>`sc.normalized_name like ${containsPattern(search.name)} escape '\\'`),
            ),
          ]),
        )
      : query.where(number);
  }
  const after = options.after;
  if (after) {
    // A row-value comparison: both planners turn it into an index range on (…, due_date, id).
    query = query.where((eb) =>
      eb(eb.refTuple("i.due_date", "i.id"), ">", eb.tuple(after.due_date, after.id)),
    );
  }
  return query.orderBy("i.due_date").orderBy("i.id");
}

/**
 * The list query, limit included (exported for the query-plan checks). Ordered by (due_date, id):
 * - no status filter: invoice_org_due is read in order and the walk stops at the limit;
 * - one status: the same on invoice_org_status_due;
 * - several statuses (overdue = open + partially paid) with a limit: one branch per status, each reading at most
 *   `limit` rows of invoice_org_status_due in order, merged — no index of the open invoices is needed, and no
 *   status is ever sorted whole.
 */
function invoiceListQuery(db: Db, orgId: string, options: ListInvoicesOptions) {
  const statuses = wantedStatuses(options);
  const base = filteredInvoices(db, orgId, options);
  const limited = <Q extends { limit(n: number): Q }>(q: Q): Q =>
    options.limit !== undefined ? q.limit(options.limit) : q;
  if (statuses === undefined) return limited(base);
  if (statuses.length === 0) return limited(base.where(sql<boolean>`1 = 0`));
  const [first, ...others] = statuses as [InvoiceStatus, ...InvoiceStatus[]];
  if (others.length === 0 || options.limit === undefined) {
    return limited(
      others.length === 0 ? base.where("i.status", "=", first) : base.where("i.status", "in", statuses),
    );
  }
  const branch = (status: InvoiceStatus, k: number) =>
    db.selectFrom(limited(base.where("i.status", "=", status)).as(`s${k}`)).selectAll();
  let merged = branch(first, 0);
  others.forEach((status, k) => {
    merged = merged.unionAll(branch(status, k + 1));
  });
  return db.selectFrom(merged.as("u")).selectAll().orderBy("u.due_date").orderBy("u.id").limit(options.limit);
}

export async function listInvoices(
  db: Db,
  orgId: string,
  options: ListInvoicesOptions,
): Promise<InvoiceListItem[]> {
  const rows = (await invoiceListQuery(db, orgId, options).execute()) as Invoice[];
  const clientIds = [...new Set(rows.map((r) => r.client_id))];
  const clients = new Map<string, { name: string; kind: string }>();
  for (let i = 0; i < clientIds.length; i += 500) {
    const found = await db
      .selectFrom("client")
      .select(["id", "name", "kind"])
      .where("organization_id", "=", orgId)
      .where("id", "in", clientIds.slice(i, i + 500))
      .execute();
    for (const c of found) clients.set(c.id, c);
  }
  return rows.map((r) => {
    const client = clients.get(r.client_id);
    return { ...r, client_name: client?.name ?? "", client_kind: client?.kind ?? "business" };
  });
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

/** Which of these numbers are already used by an invoice of the organization (any client). */
export async function findTakenInvoiceNumbers(
  db: Db,
  orgId: string,
  numbers: string[],
): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectFrom("invoice")
    .select("number")
    .where("organization_id", "=", orgId)
    .where("number", "in", numbers)
    .execute();
  return new Set(rows.map((r) => r.number));
}

/** One invoice with its client's name and kind. */
export async function findInvoice(db: Db, orgId: string, id: string): Promise<InvoiceListItem | undefined> {
  return db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .selectAll("i")
    .select(["c.name as client_name", "c.kind as client_kind"])
    .where("i.organization_id", "=", orgId)
    .where("i.id", "=", id)
    .executeTakeFirst();
}

export interface InvoiceLineRow {
  position: number;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  discount_cents: number;
  net_cents: number;
}

export async function listInvoiceLines(db: Db, orgId: string, invoiceId: string): Promise<InvoiceLineRow[]> {
  return db
    .selectFrom("invoice_line")
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
    .where("invoice_id", "=", invoiceId)
    .orderBy("position")
    .execute();
}

/** The credit notes (avoirs) applied to an invoice, oldest first. */
export async function listCreditNotesOf(
  db: Db,
  orgId: string,
  invoiceId: string,
): Promise<{ id: string; number: string; issue_date: string | null; total_ttc_cents: number }[]> {
  return db
    .selectFrom("invoice")
    .select(["id", "number", "issue_date", "total_ttc_cents"])
    .where("organization_id", "=", orgId)
    .where("credited_invoice_id", "=", invoiceId)
    .orderBy("issue_date")
    .orderBy("id")
    .execute();
}

/** The reason given when the invoice's current dispute was opened (the latest `dispute_opened` action). */
export async function findDisputeReason(db: Db, orgId: string, invoiceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("action")
    .select("data")
    .where("organization_id", "=", orgId)
    .where("invoice_id", "=", invoiceId)
    .where("kind", "=", "dispute_opened")
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  try {
    const data = JSON.parse(row.data) as { reason?: unknown };
    return typeof data.reason === "string" ? data.reason : null;
  } catch {
    return null;
  }
}

/** A client of the organization (for invoices, quotes and payments: existence, name, kind). */
export async function findClientOf(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<Pick<Client, "id" | "name" | "kind" | "payment_term"> | undefined> {
  return db
    .selectFrom("client")
    .select(["id", "name", "kind", "payment_term"])
    .where("organization_id", "=", orgId)
    .where("id", "=", clientId)
    .executeTakeFirst();
}

/**
 * Serializes numbering in an organization until the transaction ends (PostgreSQL: a lock on the organization's
 * row that does not block foreign-key checks; SQLite has one writer). Invoice numbers are unique per
 * organization, which no constraint can say because imported ledgers may repeat a number across clients.
 */
export async function lockInvoiceNumbering(db: Db, dialect: Dialect, orgId: string): Promise<void> {
  if (dialect !== "postgres") return;
  await db.selectFrom("organization").select("id").where("id", "=", orgId).forNoKeyUpdate().execute();
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
      .values(rows.slice(i, i + batch).map(withFirstLook))
      .onConflict((oc) => oc.columns(["organization_id", "client_id", "number"]).doNothing())
      .returning("id")
      .execute();
    for (const r of result) inserted.add(r.id);
  }
  return inserted;
}

export async function insertInvoice(db: Db, row: NewInvoice): Promise<void> {
  await db.insertInto("invoice").values(withFirstLook(row)).execute();
}

/**
 * A new invoice that is still owed enters the dunning run: unless the row says otherwise, the run first looks at
 * it on firstLookOn(due) (no step can be due sooner); credit notes and settled invoices never.
 */
function withFirstLook(row: NewInvoice): NewInvoice {
  // the keys bank statement matching looks the number up by (docs/matching.md)
  const keys = { number_key: numberKey(row.number), number_loose_key: looseNumberKey(row.number) };
  if (row.next_action_on !== undefined) return { ...row, ...keys };
  const owed = row.kind !== "credit_note" && (row.status === "open" || row.status === "partially_paid");
  const due = parseIsoDate(row.due_date);
  return { ...row, ...keys, next_action_on: owed && due.ok ? toIso(firstLookOn(due.value)) : null };
}

export async function insertInvoiceLines(db: Db, rows: Insertable<InvoiceLineTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("invoice_line")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/**
 * Changes an invoice's cached balance, status or editable fields (the callers lock the row first, in their
 * transaction). The columns that may change are named here; the rest of the row is fixed once written.
 */
export async function updateInvoice(
  db: Db,
  orgId: string,
  id: string,
  change: Partial<Pick<Invoice, "paid_cents" | "credited_cents" | "status" | "disputed" | "notes">> & {
    updated_at: string;
  },
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
