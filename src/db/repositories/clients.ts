import type { Insertable, Updateable } from "kysely";
import { sql } from "kysely";
import { normalizeName } from "../../core/clients/normalize-name.js";
import type { Db, Dialect } from "../connect.js";
import type { Client, ClientKind, ClientTable, Contact, ContactTable, NewClient } from "../schema.js";

export interface ClientSummary extends Client {
  /** Every invoice of the client (credit notes excluded), whatever its status. */
  invoice_count: number;
  /** Invoices with a balance (open or partially paid). */
  open_invoices: number;
  /** Invoices with a balance whose due date has passed. */
  overdue_invoices: number;
  outstanding_cents: number;
  overdue_cents: number;
}

/** Keyset position in the list: the last row of the previous page, in the list's sort order. */
export type ClientListAfter =
  | { sort: "name"; name: string; id: string }
  | { sort: "overdue"; overdue_cents: number; name: string; id: string };

export interface ListClientsOptions {
  today: string;
  /** Already normalized (normalizeName): matched anywhere in the client's normalized name. */
  search?: string;
  /** Digits: matched at the start of the SIREN or the SIRET. */
  sirenPrefix?: string;
  kind?: ClientKind;
  sort?: "name" | "overdue";
  limit: number;
  after?: ClientListAfter;
}

/** An invoice counts in balances when it is open or partially paid; credit notes are never owed. */
const OPEN = sql<boolean>`i.status in ('open', 'partially_paid') and i.kind <> 'credit_note'`;
const BALANCE = sql<number>`i.total_ttc_cents - i.paid_cents - i.credited_cents`;

/**
 * Clients with what they owe as of `today`: one aggregate per client (a grouped subquery), then the keyset filter
 * and the order on the aggregate. `sort=name` orders by (name, id), `sort=overdue` by (overdue desc, name, id).
 */
export async function listClients(
  db: Db,
  orgId: string,
  options: ListClientsOptions,
): Promise<ClientSummary[]> {
  const overdue = sql<boolean>`${OPEN} and i.due_date < ${options.today}`;
  let inner = db
    .selectFrom("client as c")
    .leftJoin("invoice as i", (j) => j.onRef("i.client_id", "=", "c.id").on("i.organization_id", "=", orgId))
    .selectAll("c")
    .select([
      sql<number>`count(case when i.kind <> 'credit_note' then 1 end)`.as("invoice_count"),
      sql<number>`count(case when ${OPEN} then 1 end)`.as("open_invoices"),
      sql<number>`count(case when ${overdue} then 1 end)`.as("overdue_invoices"),
      sql<number>`coalesce(sum(case when ${OPEN} then ${BALANCE} else 0 end), 0)`.as("outstanding_cents"),
      sql<number>`coalesce(sum(case when ${overdue} then ${BALANCE} else 0 end), 0)`.as("overdue_cents"),
    ])
    .where("c.organization_id", "=", orgId)
    .groupBy("c.id");
  const { search, sirenPrefix } = options;
  if (search || sirenPrefix) {
    inner = inner.where((eb) =>
      eb.or([
        ...(search ? [eb("c.normalized_name", "like", `%${search}%`)] : []),
        ...(sirenPrefix
          ? [eb("c.siren", "like", `${sirenPrefix}%`), eb("c.siret", "like", `${sirenPrefix}%`)]
          : []),
      ]),
    );
  }
  if (options.kind) inner = inner.where("c.kind", "=", options.kind);
  const after = options.after;
  if (options.sort === "overdue") {
    let query = db.selectFrom(inner.as("t")).selectAll();
    if (after?.sort === "overdue") {
      query = query.where((eb) =>
        eb.or([
          eb("t.overdue_cents", "<", after.overdue_cents),
          eb.and([
            eb("t.overdue_cents", "=", after.overdue_cents),
            eb(eb.refTuple("t.name", "t.id"), ">", eb.tuple(after.name, after.id)),
          ]),
        ]),
      );
    }
    const rows = await query
      .orderBy("t.overdue_cents", "desc")
      .orderBy("t.name")
      .orderBy("t.id")
      .limit(options.limit)
      .execute();
    return rows.map(numbers);
  }
  if (after?.sort === "name") {
    inner = inner.where((eb) => eb(eb.refTuple("c.name", "c.id"), ">", eb.tuple(after.name, after.id)));
  }
  const rows = await inner.orderBy("c.name").orderBy("c.id").limit(options.limit).execute();
  return rows.map(numbers);
}

/** PostgreSQL returns sums of bigint as numeric (strings here). */
function numbers<T extends ClientSummary>(r: T): T {
  return {
    ...r,
    invoice_count: Number(r.invoice_count),
    open_invoices: Number(r.open_invoices),
    overdue_invoices: Number(r.overdue_invoices),
    outstanding_cents: Number(r.outstanding_cents),
    overdue_cents: Number(r.overdue_cents),
  };
}

export async function findClient(db: Db, orgId: string, id: string): Promise<Client | undefined> {
  return db
    .selectFrom("client")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Another client of the organization with this SIREN (the one being edited excepted). */
export async function findClientWithSiren(
  db: Db,
  orgId: string,
  siren: string,
  exceptId?: string,
): Promise<Pick<Client, "id" | "name"> | undefined> {
  let query = db
    .selectFrom("client")
    .select(["id", "name"])
    .where("organization_id", "=", orgId)
    .where("siren", "=", siren);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return query.orderBy("id").executeTakeFirst();
}

/**
 * Serializes the SIREN uniqueness check of one organization until the transaction ends (PostgreSQL: an advisory
 * lock on the (organization, SIREN) pair; SQLite has one writer). No constraint can say it: imported ledgers may
 * hold duplicates from before.
 */
export async function lockClientSiren(db: Db, dialect: Dialect, orgId: string, siren: string): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${`client-siren:${orgId}:${siren}`}))`.execute(db);
}

export async function findClientsBySiren(db: Db, orgId: string, sirens: string[]): Promise<Client[]> {
  if (sirens.length === 0) return [];
  return db
    .selectFrom("client")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("siren", "in", sirens)
    .execute();
}

export async function findClientsByNormalizedName(db: Db, orgId: string, names: string[]): Promise<Client[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom("client")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("normalized_name", "in", names)
    .execute();
}

/** A client row with the defaults of a new client (France, French, no tags, no hold). */
export function newClientRow(
  fields: Pick<NewClient, "id" | "organization_id" | "kind" | "name"> &
    Partial<Pick<NewClient, "siren" | "siret" | "vat_number" | "address" | "postal_code" | "city">>,
  at: string,
): NewClient {
  return {
    siren: null,
    siret: null,
    vat_number: null,
    address: null,
    postal_code: null,
    city: null,
    ...fields,
    normalized_name: normalizeName(fields.name),
    country: "FR",
    language: "fr",
    tags: "[]",
    notes: null,
    hold_until: null,
    hold_reason: null,
    created_at: at,
    updated_at: at,
  };
}

export async function insertClients(db: Db, rows: NewClient[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("client")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updateClient(
  db: Db,
  orgId: string,
  id: string,
  change: Omit<Updateable<ClientTable>, "id" | "organization_id" | "created_at">,
): Promise<void> {
  await db
    .updateTable("client")
    .set(change)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The client's balances and invoice counts as of `today` (credit notes excluded). */
export async function clientInvoiceStats(
  db: Db,
  orgId: string,
  clientId: string,
  today: string,
): Promise<{ outstanding_cents: number; overdue_cents: number; invoices: number; paid_invoices: number }> {
  const overdue = sql<boolean>`${OPEN} and i.due_date < ${today}`;
  const row = await db
    .selectFrom("invoice as i")
    .select([
      sql<number>`coalesce(sum(case when ${OPEN} then ${BALANCE} else 0 end), 0)`.as("outstanding_cents"),
      sql<number>`coalesce(sum(case when ${overdue} then ${BALANCE} else 0 end), 0)`.as("overdue_cents"),
      sql<number>`count(*)`.as("invoices"),
      sql<number>`count(case when i.status = 'paid' then 1 end)`.as("paid_invoices"),
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.client_id", "=", clientId)
    .where("i.kind", "<>", "credit_note")
    .executeTakeFirstOrThrow();
  return {
    outstanding_cents: Number(row.outstanding_cents),
    overdue_cents: Number(row.overdue_cents),
    invoices: Number(row.invoices),
    paid_invoices: Number(row.paid_invoices),
  };
}

/** Each fully paid invoice of the client with the date of the last payment allocated to it. */
export async function paidInvoicesLastPayment(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<{ id: string; due_date: string; last_payment_date: string }[]> {
  return db
    .selectFrom("invoice as i")
    .innerJoin("allocation as a", (j) =>
      j.onRef("a.invoice_id", "=", "i.id").on("a.organization_id", "=", orgId),
    )
    .innerJoin("payment as p", (j) =>
      j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
    )
    .select(["i.id", "i.due_date", sql<string>`max(p.date)`.as("last_payment_date")])
    .where("i.organization_id", "=", orgId)
    .where("i.client_id", "=", clientId)
    .where("i.status", "=", "paid")
    .where("i.kind", "<>", "credit_note")
    .groupBy(["i.id", "i.due_date"])
    .orderBy("i.id")
    .execute();
}

/** An invoice of the organization and the client it belongs to. */
export async function findInvoiceClient(
  db: Db,
  orgId: string,
  invoiceId: string,
): Promise<{ id: string; number: string; client_id: string } | undefined> {
  return db
    .selectFrom("invoice")
    .select(["id", "number", "client_id"])
    .where("organization_id", "=", orgId)
    .where("id", "=", invoiceId)
    .executeTakeFirst();
}

// contacts

export async function insertContacts(db: Db, rows: Insertable<ContactTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("contact")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listContacts(db: Db, orgId: string, clientId: string): Promise<Contact[]> {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .orderBy("is_billing", "desc")
    .orderBy("id")
    .execute();
}

export async function findContact(db: Db, orgId: string, id: string): Promise<Contact | undefined> {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function updateContact(
  db: Db,
  orgId: string,
  id: string,
  change: Omit<Updateable<ContactTable>, "id" | "organization_id" | "client_id" | "created_at">,
): Promise<void> {
  await db
    .updateTable("contact")
    .set(change)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function deleteContact(db: Db, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("contact").where("organization_id", "=", orgId).where("id", "=", id).execute();
}

/** Un-flags the client's billing contact(s), except `keepId`: a client has at most one. */
export async function clearBillingContacts(
  db: Db,
  orgId: string,
  clientId: string,
  at: string,
  keepId?: string,
): Promise<void> {
  let query = db
    .updateTable("contact")
    .set({ is_billing: 0, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("is_billing", "=", 1);
  if (keepId) query = query.where("id", "<>", keepId);
  await query.execute();
}

export async function listContactEmails(
  db: Db,
  orgId: string,
  clientIds: string[],
): Promise<{ client_id: string; email: string | null; is_billing: number }[]> {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("contact")
    .select(["client_id", "email", "is_billing"])
    .where("organization_id", "=", orgId)
    .where("client_id", "in", clientIds)
    .execute();
}

export async function countClients(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("client")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
