import { sql } from "kysely";
import type { Db } from "../connect.js";
import { settledBySomethingDated } from "./settled-by.js";

/**
 * The cash indicators' reads (core/cash/indicators.ts), all scoped by organization, for a window [from, to] of
 * `YYYY-MM-DD` days: only the invoices that may be owed or sold in it, then their movements and timeline steps.
 */

const CHUNK = 500;
function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export interface IndicatorInvoiceRow {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
}

/**
 * Invoices (not credit notes, never cancelled or written off) issued on or before `to` (or without issue date) that
 * were issued in the window, are still open, or were settled by something dated in it.
 */
export async function indicatorInvoices(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<IndicatorInvoiceRow[]> {
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id",
      "i.number",
      "i.client_id",
      "c.name as client_name",
      "i.issue_date",
      "i.due_date",
      "i.total_ttc_cents",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.kind", "<>", "credit_note")
    .where("i.status", "not in", ["cancelled", "written_off"])
    .where((eb) => eb.or([eb("i.issue_date", "is", null), eb("i.issue_date", "<=", to)]))
    .where((eb) =>
      eb.or([
        eb("i.status", "in", ["open", "partially_paid"]),
        eb("i.issue_date", ">=", from),
        settledBySomethingDated(orgId, ">=", from),
      ]),
    )
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({ ...r, total_ttc_cents: Number(r.total_ttc_cents) }));
}

export interface IndicatorMovementRow {
  invoice_id: string;
  date: string;
  amount_cents: number;
  /** false for a credit note, or a payment recorded from one (source `credit_note…`). */
  collected: boolean;
}

/** What was taken off these invoices on or before `to`: confirmed payments' allocations and credit notes. */
export async function indicatorMovements(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
  to: string,
): Promise<IndicatorMovementRow[]> {
  const out: IndicatorMovementRow[] = [];
  for (const ids of chunks(invoiceIds)) {
    const [allocations, notes] = await Promise.all([
      db
        .selectFrom("allocation as a")
        .innerJoin("payment as p", (j) =>
          j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
        )
        .select(["a.invoice_id", "p.date", "a.amount_cents", "p.source"])
        .where("a.organization_id", "=", orgId)
        .where("a.invoice_id", "in", ids)
        .where("p.state", "=", "confirmed")
        .where("p.date", "<=", to)
        .execute(),
      db
        .selectFrom("invoice as n")
        .select([
          "n.credited_invoice_id",
          sql<string>`coalesce(n.issue_date, n.due_date)`.as("date"),
          "n.total_ttc_cents",
        ])
        .where("n.organization_id", "=", orgId)
        .where("n.kind", "=", "credit_note")
        .where("n.status", "<>", "cancelled")
        .where("n.credited_invoice_id", "in", ids)
        .where(sql<boolean>`coalesce(n.issue_date, n.due_date) <= ${to}`)
        .execute(),
    ]);
    for (const a of allocations)
      out.push({
        invoice_id: a.invoice_id,
        date: a.date,
        amount_cents: Number(a.amount_cents),
        collected: !a.source.startsWith("credit_note"),
      });
    for (const n of notes)
      out.push({
        invoice_id: n.credited_invoice_id as string,
        date: n.date,
        amount_cents: -Number(n.total_ttc_cents),
        collected: false,
      });
  }
  return out;
}

/** Credit notes (not cancelled) dated in [from, to], as positive amounts: taken off the credit sales. */
export async function indicatorCreditNotes(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<{ date: string; amount_cents: number }[]> {
  const rows = await db
    .selectFrom("invoice as n")
    .select([sql<string>`coalesce(n.issue_date, n.due_date)`.as("date"), "n.total_ttc_cents"])
    .where("n.organization_id", "=", orgId)
    .where("n.kind", "=", "credit_note")
    .where("n.status", "<>", "cancelled")
    .where(sql<boolean>`coalesce(n.issue_date, n.due_date) >= ${from}`)
    .where(sql<boolean>`coalesce(n.issue_date, n.due_date) <= ${to}`)
    .execute();
  return rows.map((r) => ({ date: r.date, amount_cents: -Number(r.total_ttc_cents) }));
}

export interface StepActionRow {
  invoice_id: string | null;
  client_id: string | null;
  kind: string;
  occurred_on: string;
  data: string;
}

/**
 * The timeline entries of the given kinds on or before `to`: those of these invoices, and those without an invoice
 * (a plan on the client), in time order.
 */
export async function stepActions(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
  kinds: readonly string[],
  to: string,
): Promise<StepActionRow[]> {
  const base = () =>
    db
      .selectFrom("action")
      .select(["invoice_id", "client_id", "kind", "occurred_on", "occurred_at", "data"])
      .where("organization_id", "=", orgId)
      .where("kind", "in", [...kinds])
      .where("occurred_on", "<=", to);
  const rows = [
    ...(await base().where("invoice_id", "is", null).where("client_id", "is not", null).execute()),
  ];
  for (const ids of chunks(invoiceIds)) rows.push(...(await base().where("invoice_id", "in", ids).execute()));
  return rows
    .sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0))
    .map(({ occurred_at, ...r }) => r);
}

/** The organization's dunning steps' template keys, by step id (timeline entries name their step). */
export async function stepTemplateKeys(db: Db, orgId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom("dunning_step")
    .select(["id", "template_key"])
    .where("organization_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.template_key]));
}
