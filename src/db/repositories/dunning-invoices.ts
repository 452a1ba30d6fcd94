import { sql } from "kysely";
import { updateRows, valueList } from "../bulk.js";
import type { Db, Dialect } from "../connect.js";
import type { ClientHoldKind, ClientKind, HoldKind, InvoiceKind, InvoiceStatus } from "../schema.js";

/** An invoice as the dunning run sees it, with what it needs of its client. */
export interface DunningInvoiceRow {
  id: string;
  client_id: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  paid_cents: number;
  credited_cents: number;
  disputed: number;
  hold_kind: HoldKind | null;
  hold_until: string | null;
  dunning_position: number;
  dunning_anchor_on: string | null;
  dunning_anchor_offset: number | null;
  next_action_on: string | null;
  client_kind: ClientKind;
  client_name: string;
  client_sequence_id: string | null;
  client_hold_kind: ClientHoldKind | null;
  client_hold_until: string | null;
}

function selectDunning(db: Db, orgId: string) {
  return db
    .selectFrom("invoice")
    .innerJoin("client", "client.id", "invoice.client_id")
    .select([
      "invoice.id",
      "invoice.client_id",
      "invoice.number",
      "invoice.kind",
      "invoice.status",
      "invoice.issue_date",
      "invoice.due_date",
      "invoice.total_ttc_cents",
      "invoice.paid_cents",
      "invoice.credited_cents",
      "invoice.disputed",
      "invoice.hold_kind",
      "invoice.hold_until",
      "invoice.dunning_position",
      "invoice.dunning_anchor_on",
      "invoice.dunning_anchor_offset",
      "invoice.next_action_on",
      "client.kind as client_kind",
      "client.name as client_name",
      "client.dunning_sequence_id as client_sequence_id",
      "client.hold_kind as client_hold_kind",
      "client.hold_until as client_hold_until",
    ])
    .where("invoice.organization_id", "=", orgId);
}

/**
 * The ids of the invoices the run must look at on `today` (next_action_on ≤ today, through the
 * invoice_org_next_action index), with their client, grouped by client.
 */
export async function listDueInvoiceIds(
  db: Db,
  orgId: string,
  today: string,
): Promise<{ id: string; client_id: string }[]> {
  return db
    .selectFrom("invoice")
    .select(["id", "client_id"])
    .where("organization_id", "=", orgId)
    .where("next_action_on", "is not", null)
    .where("next_action_on", "<=", today)
    .execute();
}

/** How many invoices the run must look at on `today` (through the same index): one batch or several. */
export async function countDueInvoices(db: Db, orgId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom("invoice")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("organization_id", "=", orgId)
    .where("next_action_on", "is not", null)
    .where("next_action_on", "<=", today)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Many ids as one bound parameter (bulk.ts valueList). */
const idList = (dialect: Dialect, ids: readonly string[]) => valueList(dialect, ids, "text");

/** The columns of DunningInvoiceRow, for the run's read of a batch as one JSON document. */
const FIELDS = [
  "invoice.id",
  "invoice.client_id",
  "invoice.number",
  "invoice.kind",
  "invoice.status",
  "invoice.issue_date",
  "invoice.due_date",
  "invoice.total_ttc_cents",
  "invoice.paid_cents",
  "invoice.credited_cents",
  "invoice.disputed",
  "invoice.hold_kind",
  "invoice.hold_until",
  "invoice.dunning_position",
  "invoice.dunning_anchor_on",
  "invoice.dunning_anchor_offset",
  "invoice.next_action_on",
  "client.kind as client_kind",
  "client.name as client_name",
  "client.dunning_sequence_id as client_sequence_id",
  "client.hold_kind as client_hold_kind",
  "client.hold_until as client_hold_until",
].map((f) => {
  const [column, alias] = f.split(" as ") as [string, string | undefined];
  return { column, name: alias ?? (column.split(".")[1] as string) };
});

/**
 * Reads (and on PostgreSQL locks until the transaction ends) some invoices of the organization that are still due
 * to be looked at on `today`: a run that waited for another's lock reads the other's result and finds nothing.
 * The rows come back as one JSON array (json_group_array / json_agg): a driver builds an object per row and per
 * column far more slowly than JSON.parse does, and the run reads thousands of rows.
 */
export async function lockDueInvoices(
  db: Db,
  dialect: Dialect,
  orgId: string,
  /** The batch, or "all": every invoice due to be looked at (a day that fits in one batch). */
  ids: readonly string[] | "all",
  today: string,
): Promise<DunningInvoiceRow[]> {
  if (ids.length === 0) return [];
  const which =
    ids === "all" ? sql`invoice.next_action_on is not null` : sql`invoice.id in ${idList(dialect, ids)}`;
  const inner = sql.raw(FIELDS.map((f) => `${f.column} as ${f.name}`).join(", "));
  const object = sql.raw(
    `${dialect === "postgres" ? "json_build_object" : "json_object"}(${FIELDS.map((f) => `'${f.name}', t.${f.name}`).join(", ")})`,
  );
  const aggregate =
    dialect === "postgres" ? sql`coalesce(json_agg(${object}), '[]')` : sql`json_group_array(${object})`;
  const lock = dialect === "postgres" ? sql`for update of invoice` : sql``;
  const result = await sql<{ rows: string | DunningInvoiceRow[] }>`select ${aggregate} as rows from (
      select ${inner} from invoice inner join client on client.id = invoice.client_id
      where invoice.organization_id = ${orgId} and ${which}
        and invoice.next_action_on <= ${today} ${lock}) t`.execute(db);
  const found = result.rows[0]?.rows ?? [];
  const rows = typeof found === "string" ? (JSON.parse(found) as DunningInvoiceRow[]) : found;
  return rows.sort((a, b) =>
    a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** Some invoices of the organization as the run sees them (no lock): the dispatcher's re-check. */
export async function findDunningInvoices(
  db: Db,
  dialect: Dialect,
  orgId: string,
  ids: readonly string[],
): Promise<DunningInvoiceRow[]> {
  if (ids.length === 0) return [];
  let query = selectDunning(db, orgId)
    .where("invoice.id", "in", ids)
    .orderBy("invoice.due_date")
    .orderBy("invoice.id");
  if (dialect === "postgres") query = query.forShare("invoice");
  return query.execute();
}

export interface DunningPlace {
  dunning_position: number;
  dunning_anchor_on: string | null;
  dunning_anchor_offset: number | null;
  next_action_on: string | null;
}

export async function updateDunningPlace(
  db: Db,
  orgId: string,
  id: string,
  place: Partial<DunningPlace>,
  at: string,
): Promise<void> {
  await db
    .updateTable("invoice")
    .set({ ...place, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Invoices given the same new place by the run. */
export interface PlaceGroup {
  place: Partial<DunningPlace>;
  ids: string[];
}

/** Below this many invoices, a group's update joins the others' in one statement with a row per invoice. */
const SMALL_GROUP = 8;

/**
 * The dunning run's new places of a batch of invoices. Invoices sharing a place (the same step fired today, the
 * same next date) are updated by one statement over their ids; the few left over by one statement whose rows
 * carry each invoice's place.
 */
export async function writeDunningPlaces(
  db: Db,
  dialect: Dialect,
  orgId: string,
  at: string,
  groups: Iterable<PlaceGroup>,
): Promise<void> {
  const moved: unknown[][] = [];
  const lookAgain: unknown[][] = [];
  for (const { place, ids } of groups) {
    if (ids.length >= SMALL_GROUP) {
      await db
        .updateTable("invoice")
        .set({ ...place, updated_at: at })
        // SQLite: the unary + keeps the planner off the organization's indexes (it would scan them all): each
        // invoice is found by its key
        .where(dialect === "sqlite" ? sql`+organization_id` : sql.ref("organization_id"), "=", orgId)
        .where("id", "in", idList(dialect, ids))
        .execute();
      continue;
    }
    for (const id of ids) {
      if (place.dunning_position === undefined) lookAgain.push([id, place.next_action_on ?? null]);
      else
        moved.push([
          id,
          place.dunning_position,
          place.dunning_anchor_on ?? null,
          place.dunning_anchor_offset ?? null,
          place.next_action_on ?? null,
        ]);
    }
  }
  const updatedAt = { name: "updated_at", type: "text", value: at } as const;
  await updateRows(
    db,
    dialect,
    "invoice",
    orgId,
    [
      { name: "dunning_position", type: "int", row: 1 },
      { name: "dunning_anchor_on", type: "text", row: 2 },
      { name: "dunning_anchor_offset", type: "int", row: 3 },
      { name: "next_action_on", type: "text", row: 4 },
      updatedAt,
    ],
    moved,
  );
  await updateRows(
    db,
    dialect,
    "invoice",
    orgId,
    [{ name: "next_action_on", type: "text", row: 1 }, updatedAt],
    lookAgain,
  );
}

/** Sets next_action_on of some invoices, leaving their place in the sequence (rows already there are not written). */
export async function setNextActionOn(
  db: Db,
  orgId: string,
  ids: readonly string[],
  on: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("invoice")
    .set({ next_action_on: on })
    .where("organization_id", "=", orgId)
    .where("id", "in", ids)
    .where((eb) =>
      on === null
        ? eb("next_action_on", "is not", null)
        : eb.or([eb("next_action_on", "is", null), eb("next_action_on", "!=", on)]),
    )
    .execute();
}

/**
 * Asks the run to look at some invoices again on `on` at the latest (a payment, a credit note, a changed due date,
 * a lifted hold): an earlier date already set stays; invoices without a date get this one.
 */
export async function lookAgainBy(db: Db, orgId: string, ids: readonly string[], on: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("invoice")
    .set({ next_action_on: on })
    .where("organization_id", "=", orgId)
    .where("id", "in", ids)
    .where("kind", "<>", "credit_note")
    .where((eb) => eb.or([eb("next_action_on", "is", null), eb("next_action_on", ">", on)]))
    .execute();
}

/** The open invoices of a client (a lifted client hold): their ids. */
export async function listOwedInvoiceIds(db: Db, orgId: string, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("invoice")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("status", "in", ["open", "partially_paid"])
    .where("kind", "<>", "credit_note")
    .execute();
  return rows.map((r) => r.id);
}
