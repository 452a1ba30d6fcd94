import type { Insertable } from "kysely";
import type { Db } from "../connect.js";
import type { ActionTable } from "../schema.js";

export async function insertActions(db: Db, rows: Insertable<ActionTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("action")
      .values(rows.slice(i, i + 500))
      .execute();
  }
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
