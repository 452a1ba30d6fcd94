import { sql } from "kysely";
import type { Db } from "../connect.js";
import { settledBySomethingDated } from "./settled-by.js";

/**
 * The aging balance's reads (core/invoices/aging-report.ts), all scoped by organization. Dates are `YYYY-MM-DD`
 * text, so comparisons are plain text comparisons. Cancelled and written-off invoices are never read; credit
 * notes only as what they take off the invoice they credit.
 */

export interface AgingInvoiceRow {
  id: string;
  client_id: string;
  client_name: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
}

/**
 * Invoices (deposits included) issued on or before `asOf` (or without issue date) that may be owed on that day:
 * open or partially paid, or paid by something dated after it. Never cancelled or written off.
 */
export async function agingInvoices(db: Db, orgId: string, asOf: string): Promise<AgingInvoiceRow[]> {
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id",
      "i.client_id",
      "c.name as client_name",
      "i.issue_date",
      "i.due_date",
      "i.total_ttc_cents",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.kind", "<>", "credit_note")
    // a paid invoice counts only if a payment or credit note settling it is dated after `asOf`
    .where((eb) =>
      eb.or([
        eb("i.status", "in", ["open", "partially_paid"]),
        eb.and([eb("i.status", "=", "paid"), settledBySomethingDated(orgId, ">", asOf)]),
      ]),
    )
    .where((eb) => eb.or([eb("i.issue_date", "is", null), eb("i.issue_date", "<=", asOf)]))
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({ ...r, total_ttc_cents: Number(r.total_ttc_cents) }));
}

/**
 * What was taken off each invoice on or before `asOf`: allocations of confirmed payments (by the payment's date)
 * and credit notes not cancelled (by their issue date, positive amounts).
 */
export async function agingMovements(
  db: Db,
  orgId: string,
  asOf: string,
): Promise<{ invoice_id: string; date: string; amount_cents: number }[]> {
  const [allocations, creditNotes] = await Promise.all([
    db
      .selectFrom("allocation as a")
      .innerJoin("payment as p", (j) =>
        j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
      )
      .select(["a.invoice_id", "p.date", "a.amount_cents"])
      .where("a.organization_id", "=", orgId)
      .where("p.state", "=", "confirmed")
      .where("p.date", "<=", asOf)
      .execute(),
    db
      .selectFrom("invoice as n")
      .select([
        "n.credited_invoice_id",
        sql<string>`coalesce(n.issue_date, n.due_date)`.as("date"),
        sql<number>`-n.total_ttc_cents`.as("amount_cents"),
      ])
      .where("n.organization_id", "=", orgId)
      .where("n.kind", "=", "credit_note")
      .where("n.status", "<>", "cancelled")
      .where("n.credited_invoice_id", "is not", null)
      .where(sql<boolean>`coalesce(n.issue_date, n.due_date) <= ${asOf}`)
      .execute(),
  ]);
  return [
    ...allocations.map((a) => ({
      invoice_id: a.invoice_id,
      date: a.date,
      amount_cents: Number(a.amount_cents),
    })),
    ...creditNotes.map((n) => ({
      invoice_id: n.credited_invoice_id as string,
      date: n.date,
      amount_cents: Number(n.amount_cents),
    })),
  ];
}
