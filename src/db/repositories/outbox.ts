import { type Insertable, sql } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { Outbox, OutboxState, OutboxTable } from "../schema.js";

/** Inserts a message unless one with its idempotency key exists; true when inserted. */
export async function insertOutbox(db: Db, row: Insertable<OutboxTable>): Promise<boolean> {
  const result = await db
    .insertInto("outbox")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "idempotency_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Inserts the dunning run's messages of one step on one day in one statement, straight from the invoices:
 * `refs` maps each invoice to its message's id, and each message gets its client's invoices with their place in
 * the sequence before the step (outbox.invoices, read back by outbox-effects.ts), by due date and number. The
 * idempotency key names the client, the step, the day and the message's smallest invoice id: an invoice fires a
 * step once, so two messages of one client at one step on one day (a run after an import) have no invoice in
 * common and never share a key, while the same message planned twice does. Recipients, subject and body are
 * filled when the message is claimed. Messages whose key exists are left alone. Call it before the invoices'
 * new place is written. (SQLite: CROSS JOIN makes the given invoices the outer loop and the unary + keeps the planner
 * off the organization's indexes, so each invoice is found by its key; left to itself the planner walks every
 * invoice of the organization once per invoice given.)
 */
export async function insertStepMessages(
  db: Db,
  dialect: Dialect,
  orgId: string,
  on: { day: string; at: string; step_id: string; channel: string; state: OutboxState },
  refs: Readonly<Record<string, string>>,
): Promise<void> {
  const json = JSON.stringify(refs);
  const keyTail = `:${on.step_id}:${on.day}:`;
  const statement =
    dialect === "postgres"
      ? sql`insert into outbox (id, organization_id, client_id, step_id, channel, idempotency_key, state, planned_on,
            invoices, recipients, subject, text_body, created_at, updated_at)
          select j.value, ${orgId}, min(invoice.client_id), ${on.step_id}, ${on.channel},
            'dunning:' || min(invoice.client_id) || ${keyTail} || min(invoice.id), ${on.state}, ${on.day},
            '[' || string_agg(json_build_object('id', invoice.id, 'number', invoice.number,
              'position', invoice.dunning_position, 'anchor_on', invoice.dunning_anchor_on,
              'anchor_offset', invoice.dunning_anchor_offset)::text, ',' order by invoice.due_date, invoice.number) || ']',
            '[]', '', '', ${on.at}, ${on.at}
          from json_each_text(${json}::json) as j(key, value) inner join invoice on invoice.id = j.key
          where invoice.organization_id = ${orgId}
          group by j.value
          on conflict (organization_id, idempotency_key) do nothing`
      : sql`insert into outbox (id, organization_id, client_id, step_id, channel, idempotency_key, state, planned_on,
            invoices, recipients, subject, text_body, created_at, updated_at)
          select j.value, ${orgId}, min(invoice.client_id), ${on.step_id}, ${on.channel},
            'dunning:' || min(invoice.client_id) || ${keyTail} || min(invoice.id), ${on.state}, ${on.day},
            '[' || group_concat(json_object('id', invoice.id, 'number', invoice.number,
              'position', invoice.dunning_position, 'anchor_on', invoice.dunning_anchor_on,
              'anchor_offset', invoice.dunning_anchor_offset), ',' order by invoice.due_date, invoice.number) || ']',
            '[]', '', '', ${on.at}, ${on.at}
          from json_each(${json}) as j cross join invoice on invoice.id = j.key
          where +invoice.organization_id = ${orgId}
          group by j.value
          on conflict (organization_id, idempotency_key) do nothing`;
  await statement.execute(db);
}

export async function findOutbox(db: Db, orgId: string, id: string): Promise<Outbox | undefined> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Locks one message of the organization for a change of state (PostgreSQL; SQLite has one writer). */
export async function lockOutbox(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
): Promise<Outbox | undefined> {
  const query = db.selectFrom("outbox").selectAll().where("organization_id", "=", orgId).where("id", "=", id);
  return (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Messages ready to send at `now` (pending, their retry time reached), oldest first; on PostgreSQL locked with
 * SKIP LOCKED so that two dispatchers never take the same row. `orgId` limits to one organization.
 */
export async function selectSendable(
  db: Db,
  dialect: Dialect,
  now: string,
  limit: number,
  orgId?: string,
): Promise<Outbox[]> {
  let query = db
    .selectFrom("outbox")
    .selectAll()
    .where("state", "=", "pending")
    .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit);
  if (orgId) query = query.where("organization_id", "=", orgId);
  if (dialect === "postgres") query = query.forUpdate().skipLocked();
  return query.execute();
}

/** Messages whose send was started and whose lease ran out: the sender died between claim and commit. */
export async function selectExpiredLeases(
  db: Db,
  dialect: Dialect,
  now: string,
  orgId?: string,
): Promise<Outbox[]> {
  let query = db
    .selectFrom("outbox")
    .selectAll()
    .where("state", "=", "sending")
    .where("lease_until", "<", now)
    .orderBy("id");
  if (orgId) query = query.where("organization_id", "=", orgId);
  if (dialect === "postgres") query = query.forUpdate().skipLocked();
  return query.execute();
}

/**
 * Changes a message's state only if it is still in `from` (and, when given, still leased by `owner`): a
 * compare-and-set, so that a late sender cannot overwrite what another process decided. True when changed.
 */
export async function moveOutbox(
  db: Db,
  orgId: string,
  id: string,
  from: OutboxState,
  changes: Partial<Omit<Outbox, "id" | "organization_id" | "created_at">> & { updated_at: string },
  owner?: string,
): Promise<boolean> {
  let query = db
    .updateTable("outbox")
    .set(changes)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", from);
  if (owner !== undefined) query = query.where("lease_owner", "=", owner);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface OutboxListOptions {
  states?: readonly OutboxState[];
  clientId?: string;
  limit: number;
  /** Keyset: rows created before this (created_at, id). */
  before?: { created_at: string; id: string };
}

export async function listOutbox(
  db: Db,
  orgId: string,
  options: OutboxListOptions,
): Promise<(Outbox & { client_name: string })[]> {
  let query = db
    .selectFrom("outbox")
    .innerJoin("client", "client.id", "outbox.client_id")
    .selectAll("outbox")
    .select("client.name as client_name")
    .where("outbox.organization_id", "=", orgId)
    .orderBy("outbox.created_at", "desc")
    .orderBy("outbox.id", "desc")
    .limit(options.limit);
  if (options.states && options.states.length > 0) query = query.where("outbox.state", "in", options.states);
  if (options.clientId) query = query.where("outbox.client_id", "=", options.clientId);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("outbox.created_at", "<", before.created_at),
        eb.and([eb("outbox.created_at", "=", before.created_at), eb("outbox.id", "<", before.id)]),
      ]),
    );
  }
  return query.execute();
}

/** How many messages of the organization are in each state. */
export async function countOutboxByState(db: Db, orgId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organization_id", "=", orgId)
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/**
 * Messages of some clients not sent yet (pending or awaiting approval). On PostgreSQL the rows a dispatcher is
 * claiming are skipped (SKIP LOCKED): a payment never waits for, nor deadlocks with, a claim, whose own re-check
 * sees the payment once it commits.
 */
export async function listUnsentOutboxOfClients(
  db: Db,
  dialect: Dialect,
  orgId: string,
  clientIds: readonly string[],
): Promise<Outbox[]> {
  if (clientIds.length === 0) return [];
  const query = db
    .selectFrom("outbox")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "in", clientIds)
    .where("state", "in", ["pending", "awaiting_approval"]);
  return (dialect === "postgres" ? query.forUpdate().skipLocked() : query).execute();
}

/** One message with its client's name. */
export async function findOutboxView(
  db: Db,
  orgId: string,
  id: string,
): Promise<(Outbox & { client_name: string }) | undefined> {
  return db
    .selectFrom("outbox")
    .innerJoin("client", "client.id", "outbox.client_id")
    .selectAll("outbox")
    .select("client.name as client_name")
    .where("outbox.organization_id", "=", orgId)
    .where("outbox.id", "=", id)
    .executeTakeFirst();
}

/** The invoices named by the clients' messages awaiting approval. */
export async function invoicesAwaitingApproval(
  db: Db,
  orgId: string,
  clientIds: readonly string[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let i = 0; i < clientIds.length; i += 500) {
    const rows = await db
      .selectFrom("outbox")
      .select("invoices")
      .where("organization_id", "=", orgId)
      .where("client_id", "in", clientIds.slice(i, i + 500))
      .where("state", "=", "awaiting_approval")
      .execute();
    for (const r of rows) for (const p of JSON.parse(r.invoices) as { id: string }[]) ids.add(p.id);
  }
  return ids;
}
