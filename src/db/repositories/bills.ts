import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { BillOfExchangeInvoiceTable, BillOfExchangeTable, BillState } from "../schema.js";

export type BillRow = Selectable<BillOfExchangeTable>;

/** A bill's invoice, with its number and what is left to pay on it now. */
export interface BillInvoiceRow {
  bill_id: string;
  invoice_id: string;
  amount_cents: number;
  number: string;
  due_date: string;
  balance_cents: number;
}

export async function insertBill(db: Db, row: Insertable<BillOfExchangeTable>): Promise<void> {
  await db.insertInto("bill_of_exchange").values(row).execute();
}

export async function insertBillInvoices(
  db: Db,
  rows: Insertable<BillOfExchangeInvoiceTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("bill_of_exchange_invoice").values(rows).execute();
}

export async function findBill(db: Db, orgId: string, id: string): Promise<BillRow | undefined> {
  return db
    .selectFrom("bill_of_exchange")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Reads a bill and, on PostgreSQL, locks it until the transaction ends (SQLite has one writer). */
export async function findBillForUpdate(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
): Promise<BillRow | undefined> {
  const query = db
    .selectFrom("bill_of_exchange")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id);
  return (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/** Bills, newest first, of a client and/or in some states. */
export async function listBills(
  db: Db,
  orgId: string,
  filters: { clientId?: string; states?: readonly BillState[]; limit: number },
): Promise<BillRow[]> {
  let query = db.selectFrom("bill_of_exchange").selectAll().where("organization_id", "=", orgId);
  if (filters.clientId) query = query.where("client_id", "=", filters.clientId);
  if (filters.states && filters.states.length > 0) query = query.where("state", "in", filters.states);
  return query.orderBy("issue_on", "desc").orderBy("id", "desc").limit(filters.limit).execute();
}

export async function listBillInvoices(
  db: Db,
  orgId: string,
  billIds: readonly string[],
): Promise<BillInvoiceRow[]> {
  if (billIds.length === 0) return [];
  const rows = await db
    .selectFrom("bill_of_exchange_invoice as bi")
    .innerJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "bi.invoice_id").on("i.organization_id", "=", orgId),
    )
    .select([
      "bi.bill_id",
      "bi.invoice_id",
      "bi.amount_cents",
      "i.number",
      "i.due_date",
      "i.total_ttc_cents",
      "i.paid_cents",
      "i.credited_cents",
    ])
    .where("bi.organization_id", "=", orgId)
    .where("bi.bill_id", "in", billIds)
    .orderBy("i.due_date")
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({
    bill_id: r.bill_id,
    invoice_id: r.invoice_id,
    amount_cents: Number(r.amount_cents),
    number: r.number,
    due_date: r.due_date,
    balance_cents: Number(r.total_ttc_cents) - Number(r.paid_cents) - Number(r.credited_cents),
  }));
}

/** The bills still pending (issued, accepted, presented) that cover some of these invoices. */
export async function findLiveBillsOfInvoices(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<{ invoice_id: string; bill_id: string; due_on: string }[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom("bill_of_exchange_invoice as bi")
    .innerJoin("bill_of_exchange as b", (j) =>
      j.onRef("b.id", "=", "bi.bill_id").on("b.organization_id", "=", orgId),
    )
    .select(["bi.invoice_id", "b.id as bill_id", "b.due_on"])
    .where("bi.organization_id", "=", orgId)
    .where("bi.invoice_id", "in", invoiceIds)
    .where("b.state", "in", ["issued", "accepted", "presented"])
    .execute();
}

/** Moves a bill from `from` (false when it was no longer there: another request moved it first). */
export async function updateBill(
  db: Db,
  orgId: string,
  id: string,
  from: BillState,
  changes: Updateable<BillOfExchangeTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("bill_of_exchange")
    .set(changes)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
