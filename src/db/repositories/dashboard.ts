import { type RawBuilder, sql } from "kysely";
import type { Db } from "../connect.js";

/**
 * The dashboard's aggregates, each one SQL query (never one row per invoice in JS): they run on ledgers of
 * 100,000 invoices. Dates are `YYYY-MM-DD` text, so comparisons are plain text comparisons.
 *
 * Balance = total − paid − credited. Credit notes (kind `credit_note`, negative totals) are never summed: what
 * they take off is already in their invoice's `credited_cents`. Open = status open or partially paid.
 */

const BALANCE = sql<number>`i.total_ttc_cents - i.paid_cents - i.credited_cents`;
const OPEN = sql<boolean>`i.status in ('open', 'partially_paid')`;

export interface LedgerAggregateDates {
  today: string;
  weekEnd: string;
  late30: string;
  late60: string;
  late90: string;
}

export interface OpenAggregates {
  outstanding_cents: number;
  overdue_cents: number;
  due_this_week_cents: number;
  aging: {
    not_due: { cents: number; count: number };
    "1_30": { cents: number; count: number };
    "31_60": { cents: number; count: number };
    "61_90": { cents: number; count: number };
    over_90: { cents: number; count: number };
  };
}

/**
 * One pass over the open invoices: outstanding, overdue, due this week and the five aging buckets. The status
 * predicate is written with literals so that SQLite can use the partial index on open invoices.
 */
export async function openAggregates(
  db: Db,
  orgId: string,
  d: LedgerAggregateDates,
): Promise<OpenAggregates> {
  const sumIf = (condition: RawBuilder<unknown>) =>
    sql<number>`coalesce(sum(case when ${condition} then ${BALANCE} else 0 end), 0)`;
  const countIf = (condition: RawBuilder<unknown>) =>
    sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const notDue = sql`i.due_date >= ${d.today}`;
  const d1_30 = sql`i.due_date < ${d.today} and i.due_date >= ${d.late30}`;
  const d31_60 = sql`i.due_date < ${d.late30} and i.due_date >= ${d.late60}`;
  const d61_90 = sql`i.due_date < ${d.late60} and i.due_date >= ${d.late90}`;
  const over90 = sql`i.due_date < ${d.late90}`;
  const row = await db
    .selectFrom("invoice as i")
    .select([
      sql<number>`coalesce(sum(${BALANCE}), 0)`.as("outstanding_cents"),
      sumIf(sql`i.due_date < ${d.today}`).as("overdue_cents"),
      sumIf(sql`i.due_date >= ${d.today} and i.due_date <= ${d.weekEnd}`).as("due_this_week_cents"),
      sumIf(notDue).as("not_due_cents"),
      countIf(notDue).as("not_due_count"),
      sumIf(d1_30).as("d1_30_cents"),
      countIf(d1_30).as("d1_30_count"),
      sumIf(d31_60).as("d31_60_cents"),
      countIf(d31_60).as("d31_60_count"),
      sumIf(d61_90).as("d61_90_cents"),
      countIf(d61_90).as("d61_90_count"),
      sumIf(over90).as("over_90_cents"),
      countIf(over90).as("over_90_count"),
    ])
    .where("i.organization_id", "=", orgId)
    .where(OPEN)
    .where("i.kind", "<>", "credit_note")
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    outstanding_cents: n(row.outstanding_cents),
    overdue_cents: n(row.overdue_cents),
    due_this_week_cents: n(row.due_this_week_cents),
    aging: {
      not_due: { cents: n(row.not_due_cents), count: n(row.not_due_count) },
      "1_30": { cents: n(row.d1_30_cents), count: n(row.d1_30_count) },
      "31_60": { cents: n(row.d31_60_cents), count: n(row.d31_60_count) },
      "61_90": { cents: n(row.d61_90_cents), count: n(row.d61_90_count) },
      over_90: { cents: n(row.over_90_cents), count: n(row.over_90_count) },
    },
  };
}

/**
 * How many invoices the organization has (credit notes excepted), and Σ TTC of those issued in [from, to],
 * cancelled ones excepted (the DSO's denominator).
 */
export async function invoiceTotals(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<{ invoices: number; invoiced_cents: number }> {
  const row = await db
    .selectFrom("invoice as i")
    .select([
      sql<number>`count(*)`.as("invoices"),
      sql<number>`coalesce(sum(case when i.status <> 'cancelled' and i.issue_date >= ${from} and i.issue_date <= ${to} then i.total_ttc_cents else 0 end), 0)`.as(
        "invoiced_cents",
      ),
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.kind", "<>", "credit_note")
    .executeTakeFirstOrThrow();
  return { invoices: Number(row.invoices), invoiced_cents: Number(row.invoiced_cents) };
}

/**
 * Σ confirmed payments dated in [from, to]. A payment whose source is a credit note (`credit_note…`) is not
 * cash and is left out.
 */
export async function collectedBetween(db: Db, orgId: string, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom("payment")
    .select(sql<number>`coalesce(sum(amount_cents), 0)`.as("total"))
    .where("organization_id", "=", orgId)
    .where("date", ">=", from)
    .where("date", "<=", to)
    .where("state", "=", "confirmed")
    .where("source", "not like", "credit_note%")
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export interface LateClientRow {
  client_id: string;
  name: string;
  overdue_cents: number;
  /** The oldest overdue due date: max days late = today − this. */
  oldest_due_date: string;
}

/** The clients owing the most overdue money, largest first (ties: name, id). */
export async function lateClients(
  db: Db,
  orgId: string,
  today: string,
  limit: number,
): Promise<LateClientRow[]> {
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "c.id as client_id",
      "c.name as name",
      sql<number>`sum(${BALANCE})`.as("overdue_cents"),
      sql<string>`min(i.due_date)`.as("oldest_due_date"),
    ])
    .where("i.organization_id", "=", orgId)
    .where(OPEN)
    .where("i.due_date", "<", today)
    .where("i.kind", "<>", "credit_note")
    .groupBy(["c.id", "c.name"])
    .having(sql<boolean>`sum(${BALANCE}) > 0`)
    .orderBy(sql`sum(${BALANCE})`, "desc")
    .orderBy("c.name")
    .orderBy("c.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, overdue_cents: Number(r.overdue_cents) }));
}

export interface DueInvoiceRow {
  invoice_id: string;
  number: string;
  client_id: string;
  client: string;
  due_date: string;
  balance_cents: number;
}

/**
 * Open, undisputed invoices with a balance due on one of `dueDates`, of clients not on hold today; largest
 * balance first.
 */
export async function invoicesDueOn(
  db: Db,
  orgId: string,
  dueDates: string[],
  today: string,
  limit: number,
): Promise<DueInvoiceRow[]> {
  if (dueDates.length === 0) return [];
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id as invoice_id",
      "i.number",
      "c.id as client_id",
      "c.name as client",
      "i.due_date",
      BALANCE.as("balance_cents"),
    ])
    .where("i.organization_id", "=", orgId)
    .where(OPEN)
    .where("i.due_date", "in", dueDates)
    .where("i.kind", "<>", "credit_note")
    .where("i.disputed", "=", 0)
    .where(BALANCE, ">", 0)
    // not held, on the client or on the invoice (a hold without an end lasts until it is lifted)
    .where((eb) =>
      eb.or([
        eb("c.hold_kind", "is", null),
        eb.and([eb("c.hold_until", "is not", null), eb("c.hold_until", "<", today)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb("i.hold_kind", "is", null),
        eb.and([eb("i.hold_until", "is not", null), eb("i.hold_until", "<", today)]),
      ]),
    )
    .orderBy(BALANCE, "desc")
    .orderBy("i.due_date")
    .orderBy("i.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, balance_cents: Number(r.balance_cents) }));
}

export interface DueTaskRow {
  task_id: string;
  kind: string;
  title: string;
  due_on: string;
  client_id: string | null;
  client: string | null;
  invoice_id: string | null;
  number: string | null;
  balance_cents: number | null;
}

/**
 * Open tasks due today or earlier, with their client and invoice (and its balance) when they have one; the
 * largest balance first, then the oldest.
 */
export async function openTasksDue(
  db: Db,
  orgId: string,
  today: string,
  limit: number,
): Promise<DueTaskRow[]> {
  const rows = await db
    .selectFrom("task as t")
    .leftJoin("client as c", (j) => j.onRef("c.id", "=", "t.client_id").on("c.organization_id", "=", orgId))
    .leftJoin("invoice as i", (j) => j.onRef("i.id", "=", "t.invoice_id").on("i.organization_id", "=", orgId))
    .leftJoin("client as ic", (j) =>
      j.onRef("ic.id", "=", "i.client_id").on("ic.organization_id", "=", orgId),
    )
    .select([
      "t.id as task_id",
      "t.kind",
      "t.title",
      "t.due_on",
      sql<string | null>`coalesce(c.id, ic.id)`.as("client_id"),
      sql<string | null>`coalesce(c.name, ic.name)`.as("client"),
      "i.id as invoice_id",
      "i.number as number",
      sql<number | null>`case when i.id is null then null else ${BALANCE} end`.as("balance_cents"),
    ])
    .where("t.organization_id", "=", orgId)
    .where("t.state", "=", "open")
    .where("t.due_on", "<=", today)
    .orderBy(sql`coalesce(case when i.id is null then null else ${BALANCE} end, 0)`, "desc")
    .orderBy("t.due_on")
    .orderBy("t.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    balance_cents: r.balance_cents === null ? null : Number(r.balance_cents),
  }));
}

export async function countClients(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("client")
    .select(sql<number>`count(*)`.as("n"))
    .where("organization_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
