import type { Insertable } from "kysely";
import { sql } from "kysely";
import { normalizeName } from "../../core/clients/normalize-name.js";
import type { Db } from "../connect.js";
import type { Client, ContactTable, NewClient } from "../schema.js";

export interface ClientSummary extends Client {
  invoice_count: number;
  outstanding_cents: number;
  overdue_cents: number;
}

export interface ListClientsOptions {
  today: string;
  search?: string;
  sort?: "name" | "overdue";
  limit: number;
  offset?: number;
}

export async function listClients(
  db: Db,
  orgId: string,
  options: ListClientsOptions,
): Promise<ClientSummary[]> {
  const open = sql<boolean>`i.status in ('open', 'partially_paid')`;
  let query = db
    .selectFrom("client as c")
    .leftJoin("invoice as i", (j) => j.onRef("i.client_id", "=", "c.id").on("i.organization_id", "=", orgId))
    .selectAll("c")
    .select([
      sql<number>`count(i.id)`.as("invoice_count"),
      sql<number>`coalesce(sum(case when ${open} then i.total_ttc_cents - i.paid_cents - i.credited_cents else 0 end), 0)`.as(
        "outstanding_cents",
      ),
      sql<number>`coalesce(sum(case when ${open} and i.due_date < ${options.today} then i.total_ttc_cents - i.paid_cents - i.credited_cents else 0 end), 0)`.as(
        "overdue_cents",
      ),
    ])
    .where("c.organization_id", "=", orgId)
    .groupBy("c.id");
  if (options.search) query = query.where("c.normalized_name", "like", `%${options.search}%`);
  query =
    options.sort === "overdue"
      ? query.orderBy(sql`overdue_cents`, "desc").orderBy("c.name")
      : query.orderBy("c.name").orderBy("c.id");
  const rows = await query
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    ...r,
    invoice_count: Number(r.invoice_count),
    outstanding_cents: Number(r.outstanding_cents),
    overdue_cents: Number(r.overdue_cents),
  }));
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

export async function insertContacts(db: Db, rows: Insertable<ContactTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("contact")
      .values(rows.slice(i, i + 500))
      .execute();
  }
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
