import type { Db } from "../connect.js";
import type { NewAllocation, NewPayment, Payment } from "../schema.js";

export async function insertPayments(db: Db, rows: NewPayment[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("payment")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function insertAllocations(db: Db, rows: NewAllocation[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 800) {
    await db
      .insertInto("allocation")
      .values(rows.slice(i, i + 800))
      .execute();
  }
}

/** Σ allocations of one invoice: the source of truth behind invoice.paid_cents. */
export async function sumAllocations(db: Db, orgId: string, invoiceId: string): Promise<number> {
  const row = await db
    .selectFrom("allocation")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), eb.lit(0)).as("total"))
    .where("organization_id", "=", orgId)
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export interface PaymentOfInvoice {
  id: string;
  date: string;
  method: string;
  reference: string | null;
  amount_cents: number;
}

/** The payments allocated to an invoice (the amount is the allocation's), oldest first. */
export async function listPaymentsOfInvoice(
  db: Db,
  orgId: string,
  invoiceId: string,
): Promise<PaymentOfInvoice[]> {
  return db
    .selectFrom("allocation as a")
    .innerJoin("payment as p", (j) =>
      j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
    )
    .select(["p.id", "p.date", "p.method", "p.reference", "a.amount_cents"])
    .where("a.organization_id", "=", orgId)
    .where("a.invoice_id", "=", invoiceId)
    .orderBy("p.date")
    .orderBy("p.id")
    .execute();
}

export interface PaymentRow extends Payment {
  client_name: string | null;
}

export interface ListPaymentsOptions {
  clientId?: string;
  /** Payments with an allocation to this invoice, and those declared for it awaiting verification. */
  invoiceId?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Keyset pagination (newest first): the last (date, id) of the previous page. */
  before?: { date: string; id: string };
}

function paymentsWithClient(db: Db, orgId: string) {
  return db
    .selectFrom("payment as p")
    .leftJoin("client as c", (j) => j.onRef("c.id", "=", "p.client_id").on("c.organization_id", "=", orgId))
    .selectAll("p")
    .select("c.name as client_name")
    .where("p.organization_id", "=", orgId);
}

/** Payments, newest first (date, then id). */
export async function listPayments(
  db: Db,
  orgId: string,
  options: ListPaymentsOptions,
): Promise<PaymentRow[]> {
  let query = paymentsWithClient(db, orgId);
  if (options.clientId) query = query.where("p.client_id", "=", options.clientId);
  const invoiceId = options.invoiceId;
  if (invoiceId) {
    // one IN list — the invoice's allocations and the (few) rows declared for it — rather than an OR on the payment
    query = query.where("p.id", "in", (eb) =>
      eb
        .selectFrom("allocation as a")
        .select("a.payment_id as id")
        .where("a.organization_id", "=", orgId)
        .where("a.invoice_id", "=", invoiceId)
        .union(
          eb
            .selectFrom("payment as d")
            .select("d.id")
            .where("d.organization_id", "=", orgId)
            .where("d.state", "=", "declared")
            .where("d.declared_invoice_id", "=", invoiceId),
        ),
    );
  }
  if (options.from) query = query.where("p.date", ">=", options.from);
  if (options.to) query = query.where("p.date", "<=", options.to);
  const before = options.before;
  if (before) {
    query = query.where((eb) => eb(eb.refTuple("p.date", "p.id"), "<", eb.tuple(before.date, before.id)));
  }
  return query.orderBy("p.date", "desc").orderBy("p.id", "desc").limit(options.limit).execute();
}

export async function findPayment(db: Db, orgId: string, id: string): Promise<PaymentRow | undefined> {
  return paymentsWithClient(db, orgId).where("p.id", "=", id).executeTakeFirst();
}

export interface AllocationRow {
  payment_id: string;
  invoice_id: string;
  number: string;
  amount_cents: number;
}

/** The allocations of these payments with their invoices' numbers (one query for a page). */
export async function listAllocationsOfPayments(
  db: Db,
  orgId: string,
  paymentIds: string[],
): Promise<AllocationRow[]> {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom("allocation as a")
    .innerJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "a.invoice_id").on("i.organization_id", "=", orgId),
    )
    .select(["a.payment_id", "a.invoice_id", "i.number", "a.amount_cents"])
    .where("a.organization_id", "=", orgId)
    .where("a.payment_id", "in", paymentIds)
    .orderBy("a.payment_id")
    .orderBy("a.id")
    .execute();
}

/** The payment recorded under this (namespaced) idempotency key, if any: its id and the hash of what was asked. */
export async function findPaymentByIdempotencyKey(
  db: Db,
  orgId: string,
  key: string,
): Promise<{ id: string; request_hash: string | null } | undefined> {
  return db
    .selectFrom("payment")
    .select(["id", "request_hash"])
    .where("organization_id", "=", orgId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/**
 * Whether an insert failed on the unique index of idempotency keys (migration 0018): another request with the same
 * key committed first (PostgreSQL makes the second insert wait for the first transaction, then refuses it; SQLite
 * serialises writers and normally finds the first one before inserting).
 */
export function isIdempotencyKeyTaken(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === "23505") return e.constraint === "payment_org_idempotency_key";
  return (
    e.code === "SQLITE_CONSTRAINT_UNIQUE" &&
    typeof e.message === "string" &&
    e.message.includes("payment.idempotency_key")
  );
}
