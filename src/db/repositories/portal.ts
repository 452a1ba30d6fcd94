import type { Insertable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { ActionTable, Invoice, Payment, PortalLink, PortalLinkTable } from "../schema.js";

/** Client portal links and what the portal reads (docs/portal.md). Every query is scoped by organization. */

export async function insertPortalLink(db: Db, row: Insertable<PortalLinkTable>): Promise<void> {
  await db.insertInto("portal_link").values(row).execute();
}

/** Revokes the client's links still in force; the number revoked. */
export async function revokePortalLinks(
  db: Db,
  orgId: string,
  clientId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable("portal_link")
    .set({ revoked_at: at, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The client's newest link neither revoked nor expired at `now`. */
export async function findLivePortalLink(
  db: Db,
  orgId: string,
  clientId: string,
  now: string,
): Promise<PortalLink | undefined> {
  return db
    .selectFrom("portal_link")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The link of a token's hash, whatever its organization (the token is the only credential of the portal). */
export async function findPortalLinkByHash(db: Db, tokenHash: string): Promise<PortalLink | undefined> {
  return db.selectFrom("portal_link").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** A link by its id, whatever its organization (a signed token names its link: the MAC is then checked). */
export async function findPortalLinkById(db: Db, id: string): Promise<PortalLink | undefined> {
  return db.selectFrom("portal_link").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function touchPortalLink(db: Db, orgId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable("portal_link")
    .set({ last_seen_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

const PORTAL_STATUSES = ["open", "partially_paid", "paid"] as const;

/** The client's invoices shown on the portal (not credit notes, not cancelled): open first, then by due date. */
export async function listPortalInvoices(db: Db, orgId: string, clientId: string): Promise<Invoice[]> {
  const rows = await db
    .selectFrom("invoice")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("kind", "!=", "credit_note")
    .where("status", "in", PORTAL_STATUSES)
    .orderBy("due_date", "desc")
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...r,
    total_ttc_cents: Number(r.total_ttc_cents),
    paid_cents: Number(r.paid_cents),
    credited_cents: Number(r.credited_cents),
  }));
}

/** One of the client's invoices (undefined when it is another client's or another organization's). */
export async function findPortalInvoice(
  db: Db,
  orgId: string,
  clientId: string,
  invoiceId: string,
): Promise<Invoice | undefined> {
  const row = await db
    .selectFrom("invoice")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", invoiceId)
    .where("kind", "!=", "credit_note")
    .executeTakeFirst();
  return row
    ? {
        ...row,
        total_ttc_cents: Number(row.total_ttc_cents),
        paid_cents: Number(row.paid_cents),
        credited_cents: Number(row.credited_cents),
      }
    : undefined;
}

export interface DeclaredPaymentRow {
  id: string;
  date: string;
  amount_cents: number;
  method: string;
  reference: string | null;
  invoice_id: string | null;
}

/** The client's payments declared on the portal and not verified yet, newest first. */
export async function listDeclaredPayments(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<DeclaredPaymentRow[]> {
  const rows = await db
    .selectFrom("payment")
    .select(["id", "date", "amount_cents", "method", "reference", "declared_invoice_id as invoice_id"])
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("state", "=", "declared")
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }));
}

/** A timeline entry written once per idempotency key (a portal visit: one per link, address and day). */
export async function insertActionOnce(db: Db, row: Insertable<ActionTable>): Promise<void> {
  await db
    .insertInto("action")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "idempotency_key"]).doNothing())
    .execute();
}

/** A declared payment (portal, or a cheque received) awaiting verification, read (and locked on PostgreSQL) in the caller's transaction. */
export async function findDeclaredPaymentForUpdate(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
): Promise<Payment | undefined> {
  const query = db
    .selectFrom("payment")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", "declared");
  const row = await (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  return row ? { ...row, amount_cents: Number(row.amount_cents) } : undefined;
}

/** Removes a declared payment (never allocated: nothing else points at it). */
export async function deleteDeclaredPayment(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .deleteFrom("payment")
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", "declared")
    .execute();
}

/** Whether a payment declared for this invoice (on the portal, or a cheque received) still awaits verification. */
export async function hasDeclaredPaymentFor(db: Db, orgId: string, invoiceId: string): Promise<boolean> {
  const row = await db
    .selectFrom("payment")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("declared_invoice_id", "=", invoiceId)
    .where("state", "=", "declared")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface DeclaredToVerifyRow {
  id: string;
  date: string;
  amount_cents: number;
  client_id: string | null;
  client: string | null;
  invoice_id: string | null;
  number: string | null;
  /** `portal` (« J'ai payé ») or `staff` (a cheque received, awaiting deposit: record-received-cheque.ts). */
  source: string;
}

/** The organization's declared payments awaiting verification (today's actions), oldest first. */
export async function listDeclaredToVerify(
  db: Db,
  orgId: string,
  limit: number,
): Promise<DeclaredToVerifyRow[]> {
  const rows = await db
    .selectFrom("payment as p")
    .leftJoin("client as c", (j) => j.onRef("c.id", "=", "p.client_id").on("c.organization_id", "=", orgId))
    .leftJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "p.declared_invoice_id").on("i.organization_id", "=", orgId),
    )
    .select([
      "p.id",
      "p.date",
      "p.amount_cents",
      "p.client_id",
      "c.name as client",
      "p.declared_invoice_id as invoice_id",
      "i.number",
      "p.source",
    ])
    .where("p.organization_id", "=", orgId)
    .where("p.state", "=", "declared")
    .orderBy("p.date")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }));
}
