import { randomInt } from "node:crypto";
import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Db, Dialect } from "../connect.js";
import { newId } from "../ids.js";
import type { ActionTable } from "../schema.js";

export async function insertActions(db: Db, rows: Insertable<ActionTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("action")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** A timeline entry with the number of its invoice and the name of the user who made it. */
export interface ActionView {
  id: string;
  kind: string;
  occurred_on: string;
  occurred_at: string;
  summary: string;
  client_id: string | null;
  invoice_id: string | null;
  invoice_number: string | null;
  user_name: string | null;
  data: string;
}

export interface ListActionsOptions {
  /** The client's actions and those of its invoices. */
  clientId?: string;
  invoiceId?: string;
  kinds?: string[];
  limit: number;
  /** Keyset pagination (newest first): the last (occurred_at, id) of the previous page. */
  before?: { occurred_at: string; id: string };
}

function actionViews(db: Db, orgId: string) {
  return db
    .selectFrom("action as a")
    .leftJoin("invoice as i", (j) => j.onRef("i.id", "=", "a.invoice_id").on("i.organization_id", "=", orgId))
    .leftJoin("user as u", "u.id", "a.user_id")
    .select([
      "a.id",
      "a.kind",
      "a.occurred_on",
      "a.occurred_at",
      "a.summary",
      "a.client_id",
      "a.invoice_id",
      "i.number as invoice_number",
      "u.name as user_name",
      "a.data",
    ])
    .where("a.organization_id", "=", orgId);
}

/** The timeline, newest first (occurred_at desc, id desc). */
export async function listActions(db: Db, orgId: string, options: ListActionsOptions): Promise<ActionView[]> {
  let query = actionViews(db, orgId);
  const { clientId, invoiceId, before } = options;
  if (clientId) {
    query = query.where((eb) =>
      eb.or([
        eb("a.client_id", "=", clientId),
        eb(
          "a.invoice_id",
          "in",
          eb
            .selectFrom("invoice as ci")
            .select("ci.id")
            .where("ci.organization_id", "=", orgId)
            .where("ci.client_id", "=", clientId),
        ),
      ]),
    );
  }
  if (invoiceId) query = query.where("a.invoice_id", "=", invoiceId);
  if (options.kinds && options.kinds.length > 0) query = query.where("a.kind", "in", options.kinds);
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple("a.occurred_at", "a.id"), "<", eb.tuple(before.occurred_at, before.id)),
    );
  }
  return query.orderBy("a.occurred_at", "desc").orderBy("a.id", "desc").limit(options.limit).execute();
}

export async function findActionView(db: Db, orgId: string, id: string): Promise<ActionView | undefined> {
  return actionViews(db, orgId).where("a.id", "=", id).executeTakeFirst();
}

/** The latest action of each given invoice (one query for a page of invoices). */
export async function latestActionsOfInvoices(
  db: Db,
  orgId: string,
  invoiceIds: string[],
): Promise<Map<string, { kind: string; occurred_on: string; summary: string }>> {
  const latest = new Map<string, { kind: string; occurred_on: string; summary: string }>();
  if (invoiceIds.length === 0) return latest;
  const rows = await db
    .selectFrom("action")
    .select(["invoice_id", "kind", "occurred_on", "occurred_at", "summary"])
    .where("organization_id", "=", orgId)
    .where("invoice_id", "in", invoiceIds)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();
  for (const r of rows) if (r.invoice_id) latest.set(r.invoice_id, r);
  return latest;
}

export async function latestOpenTasksOfInvoices(
  db: Db,
  orgId: string,
  invoiceIds: string[],
): Promise<Map<string, { title: string; due_on: string }>> {
  const next = new Map<string, { title: string; due_on: string }>();
  if (invoiceIds.length === 0) return next;
  const rows = await db
    .selectFrom("task")
    .select(["invoice_id", "title", "due_on"])
    .where("organization_id", "=", orgId)
    .where("invoice_id", "in", invoiceIds)
    .where("state", "=", "open")
    .orderBy("due_on", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const r of rows) if (r.invoice_id) next.set(r.invoice_id, r);
  return next;
}

/** The dunning run's entries of one step on one day: the same kind, summary and step for every invoice. */
export interface StepEntries {
  kind: string;
  step_id: string;
  offset_days: number;
  summary: string;
  /** "fired" or "skipped": the end of the entries' idempotency key. */
  outcome: "fired" | "skipped";
  /** Invoice id → the message or task the fired step created ("" for a skipped step). */
  refs: Record<string, string>;
}

/**
 * Writes one step's timeline entries for many invoices in one INSERT … SELECT: the invoices come from the table
 * (their client), the rest is the same for all but the reference to the message. Identifiers share a fresh id's
 * time-ordered prefix and end with a random base plus the entry's index. Entries whose idempotency key exists are
 * left alone. SQLite: CROSS JOIN keeps the given invoices the outer loop and the unary + keeps the planner off the
 * organization's indexes, so each invoice is found by its key (otherwise it walks every invoice of the organization
 * once per entry).
 */
export async function insertStepEntries(
  db: Db,
  dialect: Dialect,
  orgId: string,
  on: { day: string; at: string },
  entries: StepEntries,
): Promise<void> {
  const prefix = newId().slice(0, 24);
  const base = randomInt(0, 2 ** 40);
  const json = JSON.stringify(entries.refs);
  const data = `{"step_id":${JSON.stringify(entries.step_id)},"offset_days":${entries.offset_days}`;
  const keySuffix = `:${entries.step_id}:${on.day}:${entries.outcome}`;
  const source =
    dialect === "postgres"
      ? sql`json_each_text(${json}::json) with ordinality as j(key, value, n)`
      : sql`json_each(${json}) as j`;
  const id =
    dialect === "postgres"
      ? sql`${prefix} || lpad(to_hex(${base}::bigint + j.n), 12, '0')`
      : sql`${prefix} || printf('%012x', ${base} + j.id)`;
  await sql`insert into action (id, organization_id, client_id, invoice_id, user_id, kind, occurred_on, occurred_at,
      summary, data, idempotency_key, created_at, updated_at)
    select ${id}, invoice.organization_id, invoice.client_id, invoice.id, null, ${entries.kind}, ${on.day}, ${on.at},
      ${entries.summary}, case when j.value = '' then ${`${data}}`} else ${`${data},"ref":"`} || j.value || '"}' end,
      'dunning:' || invoice.id || ${keySuffix}, ${on.at}, ${on.at}
    from ${source} ${dialect === "postgres" ? sql`inner` : sql`cross`} join invoice on invoice.id = j.key
    where ${dialect === "postgres" ? sql`invoice.organization_id` : sql`+invoice.organization_id`} = ${orgId}
    on conflict (organization_id, idempotency_key) do nothing`.execute(db);
}

/**
 * The `court_claim` entries of some invoices filed on `filedOn` become `court_claim_corrected`: no longer an
 * interruption of prescription (app/law/list-prescription-alerts.ts reads the kind), still on the timeline.
 */
export async function supersedeCourtClaims(
  db: Db,
  orgId: string,
  clientId: string,
  invoiceIds: readonly string[],
  filedOn: string,
  at: string,
): Promise<void> {
  if (invoiceIds.length === 0) return;
  await db
    .updateTable("action")
    .set({ kind: "court_claim_corrected", updated_at: at })
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("kind", "=", "court_claim")
    .where("occurred_on", "=", filedOn)
    .where("invoice_id", "in", invoiceIds)
    .execute();
}
