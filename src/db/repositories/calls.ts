import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type {
  CallTable,
  HoldKind,
  InvoiceStatus,
  PromiseRow,
  PromiseState,
  PromiseTable,
} from "../schema.js";

// calls

export async function insertCall(db: Db, row: Insertable<CallTable>): Promise<void> {
  await db.insertInto("call").values(row).execute();
}

/** A call with the names of its contact and of the user who made it. */
export interface CallView {
  id: string;
  client_id: string;
  client_name: string;
  user_id: string | null;
  user_name: string | null;
  occurred_at: string;
  occurred_on: string;
  contact_id: string | null;
  contact_name: string | null;
  phone: string | null;
  outcome: string;
  call_back_on: string | null;
  notes: string | null;
  tone: string | null;
}

function callViews(db: Db, orgId: string) {
  return db
    .selectFrom("call as k")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "k.client_id").on("c.organization_id", "=", orgId))
    .leftJoin("user as u", "u.id", "k.user_id")
    .leftJoin("contact as ct", (j) =>
      j.onRef("ct.id", "=", "k.contact_id").on("ct.organization_id", "=", orgId),
    )
    .select([
      "k.id",
      "k.client_id",
      "c.name as client_name",
      "k.user_id",
      "u.name as user_name",
      "k.occurred_at",
      "k.occurred_on",
      "k.contact_id",
      "ct.name as contact_name",
      "k.phone",
      "k.outcome",
      "k.call_back_on",
      "k.notes",
      "k.tone",
    ])
    .where("k.organization_id", "=", orgId);
}

/** Calls, newest first, of one client or of the organization. */
export async function listCalls(
  db: Db,
  orgId: string,
  options: { clientId?: string; limit: number; before?: { occurred_at: string; id: string } },
): Promise<CallView[]> {
  let query = callViews(db, orgId);
  if (options.clientId) query = query.where("k.client_id", "=", options.clientId);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple("k.occurred_at", "k.id"), "<", eb.tuple(before.occurred_at, before.id)),
    );
  }
  return query.orderBy("k.occurred_at", "desc").orderBy("k.id", "desc").limit(options.limit).execute();
}

export async function findCall(db: Db, orgId: string, id: string): Promise<CallView | undefined> {
  return callViews(db, orgId).where("k.id", "=", id).executeTakeFirst();
}

// promises

export async function insertPromise(db: Db, row: Insertable<PromiseTable>): Promise<void> {
  await db.insertInto("promise").values(row).execute();
}

export interface PromiseView extends PromiseRow {
  client_name: string;
}

function promiseViews(db: Db, orgId: string) {
  return db
    .selectFrom("promise as p")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "p.client_id").on("c.organization_id", "=", orgId))
    .selectAll("p")
    .select("c.name as client_name")
    .where("p.organization_id", "=", orgId);
}

/** PostgreSQL returns bigint as a string here. */
function numeric<T extends { amount_cents: number }>(row: T): T {
  return { ...row, amount_cents: Number(row.amount_cents) };
}

/** Promises, newest first, by state and/or client. */
export async function listPromises(
  db: Db,
  orgId: string,
  options: {
    clientId?: string;
    states?: readonly PromiseState[];
    limit: number;
    before?: { created_at: string; id: string };
  },
): Promise<PromiseView[]> {
  let query = promiseViews(db, orgId);
  if (options.clientId) query = query.where("p.client_id", "=", options.clientId);
  if (options.states && options.states.length > 0) query = query.where("p.state", "in", options.states);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple("p.created_at", "p.id"), "<", eb.tuple(before.created_at, before.id)),
    );
  }
  const rows = await query
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(options.limit)
    .execute();
  return rows.map(numeric);
}

/** One promise; on PostgreSQL locked until the transaction ends when `lock` is set. */
export async function findPromise(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
  lock = false,
): Promise<PromiseView | undefined> {
  let query = promiseViews(db, orgId).where("p.id", "=", id);
  if (lock && dialect === "postgres") query = query.forUpdate("p");
  const row = await query.executeTakeFirst();
  return row ? numeric(row) : undefined;
}

/**
 * Open promises made before `before` (promised_on < before), locked on PostgreSQL: the daily check's candidates
 * (the caller keeps those whose grace has run out). Of some clients only when `clientIds` is given.
 */
export async function listOpenPromises(
  db: Db,
  dialect: Dialect,
  orgId: string,
  options: { promisedBefore?: string; clientIds?: readonly string[] },
): Promise<PromiseView[]> {
  let query = promiseViews(db, orgId).where("p.state", "=", "open");
  if (options.promisedBefore) query = query.where("p.promised_on", "<", options.promisedBefore);
  if (options.clientIds) {
    if (options.clientIds.length === 0) return [];
    query = query.where("p.client_id", "in", options.clientIds);
  }
  if (dialect === "postgres") query = query.forUpdate("p");
  const rows = await query.orderBy("p.promised_on").orderBy("p.id").execute();
  return rows.map(numeric);
}

/** Moves an open promise to its end state; false when it was not open any more. */
export async function resolvePromise(
  db: Db,
  orgId: string,
  id: string,
  state: Exclude<PromiseState, "open">,
  on: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("promise")
    .set({ state, resolved_on: on, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Σ allocations to these invoices entered since `sinceAt` (a timestamp): what was paid since a promise. */
export async function sumAllocatedSince(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
  sinceAt: string,
): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const row = await db
    .selectFrom("allocation")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), eb.lit(0)).as("total"))
    .where("organization_id", "=", orgId)
    .where("invoice_id", "in", invoiceIds)
    .where("created_at", ">=", sinceAt)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Some invoices' state: whether anything is still owed on them, and their own hold; by due date, then number. */
export async function invoiceStates(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<
  {
    id: string;
    number: string;
    client_id: string;
    status: InvoiceStatus;
    kind: string;
    hold_kind: HoldKind | null;
    hold_until: string | null;
  }[]
> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("invoice")
    .select(["id", "number", "client_id", "status", "kind", "hold_kind", "hold_until"])
    .where("organization_id", "=", orgId)
    .where("id", "in", ids)
    .orderBy("due_date")
    .orderBy("number")
    .execute();
}

// the payment score's inputs

export interface ScoreInvoiceRow {
  client_id: string;
  due_date: string;
  status: InvoiceStatus;
  amount_cents: number;
  /** The date of the last payment allocated, for a paid invoice; null otherwise. */
  paid_on: string | null;
}

/**
 * The invoices of some clients (or of one) due in [from, to] (credit notes, cancelled and written-off aside), each
 * with the date of the last payment allocated when it is paid: one query for a page of clients.
 */
export async function listScoreInvoices(
  db: Db,
  orgId: string,
  clientIds: readonly string[],
  from: string,
  to: string,
): Promise<ScoreInvoiceRow[]> {
  if (clientIds.length === 0) return [];
  const rows = await db
    .selectFrom("invoice as i")
    .leftJoin("allocation as a", (j) =>
      j.onRef("a.invoice_id", "=", "i.id").on("a.organization_id", "=", orgId),
    )
    .leftJoin("payment as p", (j) => j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId))
    .select([
      "i.client_id",
      "i.due_date",
      "i.status",
      sql<number>`i.total_ttc_cents - i.credited_cents`.as("amount_cents"),
      sql<string | null>`max(p.date)`.as("paid_on"),
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.client_id", "in", clientIds)
    .where("i.due_date", ">=", from)
    .where("i.due_date", "<=", to)
    .where("i.kind", "<>", "credit_note")
    .where("i.status", "in", ["open", "partially_paid", "paid"])
    .groupBy(["i.id", "i.client_id", "i.due_date", "i.status", "i.total_ttc_cents", "i.credited_cents"])
    .execute();
  // the last payment dates a settled invoice only: one still owed is late until today
  return rows.map((r) => ({
    ...r,
    amount_cents: Number(r.amount_cents),
    paid_on: r.status === "paid" ? r.paid_on : null,
  }));
}

/** The number of promises broken since `since` (resolved_on ≥ since), per client. */
export async function countBrokenPromises(
  db: Db,
  orgId: string,
  clientIds: readonly string[],
  since: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (clientIds.length === 0) return counts;
  const rows = await db
    .selectFrom("promise")
    .select(["client_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organization_id", "=", orgId)
    .where("client_id", "in", clientIds)
    .where("state", "=", "broken")
    .where("resolved_on", ">=", since)
    .groupBy("client_id")
    .execute();
  for (const r of rows) counts.set(r.client_id, Number(r.n));
  return counts;
}

/**
 * Clears a promise's hold where it is still the one it set (kind `promise`, same end date): on the client, or on
 * some invoices. Returns whether anything was cleared. A hold changed since (a dispute, a new promise) stays.
 */
export async function clearPromiseHold(
  db: Db,
  orgId: string,
  target: { clientId: string } | { invoiceIds: readonly string[] },
  until: string,
  at: string,
): Promise<boolean> {
  const columns = { hold_kind: null, hold_until: null, hold_reason: null, updated_at: at };
  if ("clientId" in target) {
    const result = await db
      .updateTable("client")
      .set(columns)
      .where("organization_id", "=", orgId)
      .where("id", "=", target.clientId)
      .where("hold_kind", "=", "promise")
      .where("hold_until", "=", until)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
  if (target.invoiceIds.length === 0) return false;
  const result = await db
    .updateTable("invoice")
    .set(columns)
    .where("organization_id", "=", orgId)
    .where("id", "in", target.invoiceIds)
    .where("hold_kind", "=", "promise")
    .where("hold_until", "=", until)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the promise's hold is still in place (client) or which of its invoices still carry it. */
export async function promiseHoldHolders(
  db: Db,
  orgId: string,
  clientId: string,
  invoiceIds: readonly string[],
  until: string,
): Promise<{ client: boolean; invoiceIds: string[] }> {
  const client = await db
    .selectFrom("client")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("id", "=", clientId)
    .where("hold_kind", "=", "promise")
    .where("hold_until", "=", until)
    .executeTakeFirst();
  const invoices =
    invoiceIds.length === 0
      ? []
      : await db
          .selectFrom("invoice")
          .select("id")
          .where("organization_id", "=", orgId)
          .where("id", "in", invoiceIds)
          .where("hold_kind", "=", "promise")
          .where("hold_until", "=", until)
          .execute();
  return { client: client !== undefined, invoiceIds: invoices.map((r) => r.id) };
}
