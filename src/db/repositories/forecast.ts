import { sql } from "kysely";
import type { Db } from "../connect.js";

/**
 * What the cash-flow forecast reads (core/forecast, docs/forecast.md), every query scoped by organization; dates
 * `YYYY-MM-DD` text. Invoices: the open ones, and the others due since `historyFrom` (their payments are the
 * delay history and the replay of past weeks); cancelled and written-off invoices never.
 */

export interface ForecastInvoiceRow {
  id: string;
  client_id: string;
  number: string;
  client_name: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  disputed: number;
}

export async function forecastInvoices(
  db: Db,
  orgId: string,
  historyFrom: string,
): Promise<ForecastInvoiceRow[]> {
  return db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id",
      "i.client_id",
      "i.number",
      "c.name as client_name",
      "i.issue_date",
      "i.due_date",
      "i.total_ttc_cents",
      "i.disputed",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.kind", "<>", "credit_note")
    .where((eb) =>
      eb.or([
        eb("i.status", "in", ["open", "partially_paid"]),
        eb.and([eb("i.status", "=", "paid"), eb("i.due_date", ">=", historyFrom)]),
      ]),
    )
    .orderBy("i.id")
    .execute();
}

/** Allocations of confirmed payments and credit notes (as positive amounts) to the invoices due since `historyFrom`. */
export async function forecastCredits(
  db: Db,
  orgId: string,
  historyFrom: string,
): Promise<{ invoice_id: string; date: string; amount_cents: number; kind: "payment" | "credit_note" }[]> {
  const allocations = await db
    .selectFrom("allocation as a")
    .innerJoin("payment as p", (j) =>
      j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
    )
    .innerJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "a.invoice_id").on("i.organization_id", "=", orgId),
    )
    .select(["a.invoice_id", "p.date", "a.amount_cents"])
    .where("a.organization_id", "=", orgId)
    .where("p.state", "=", "confirmed")
    .where((eb) =>
      eb.or([eb("i.status", "in", ["open", "partially_paid"]), eb("i.due_date", ">=", historyFrom)]),
    )
    .execute();
  const creditNotes = await db
    .selectFrom("invoice as n")
    .select([
      "n.credited_invoice_id",
      "n.issue_date",
      "n.due_date",
      sql<number>`-n.total_ttc_cents`.as("amount_cents"),
    ])
    .where("n.organization_id", "=", orgId)
    .where("n.kind", "=", "credit_note")
    .where("n.status", "<>", "cancelled")
    .where("n.credited_invoice_id", "is not", null)
    .execute();
  return [
    ...allocations.map((a) => ({
      invoice_id: a.invoice_id,
      date: a.date,
      amount_cents: Number(a.amount_cents),
      kind: "payment" as const,
    })),
    ...creditNotes.map((n) => ({
      invoice_id: n.credited_invoice_id as string,
      date: n.issue_date ?? n.due_date,
      amount_cents: Number(n.amount_cents),
      kind: "credit_note" as const,
    })),
  ];
}

/** Confirmed payments received in [from, to], summed by date: the actual cash of past weeks. */
export async function receiptsBetween(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<{ date: string; amount_cents: number }[]> {
  const rows = await db
    .selectFrom("payment")
    .select(["date", sql<number>`sum(amount_cents)`.as("amount_cents")])
    .where("organization_id", "=", orgId)
    .where("state", "=", "confirmed")
    .where("date", ">=", from)
    .where("date", "<=", to)
    .groupBy("date")
    .execute();
  return rows.map((r) => ({ date: r.date, amount_cents: Number(r.amount_cents) }));
}

/** The plans once active (activated_on set), with their invoices and installments. */
export async function forecastPlans(db: Db, orgId: string) {
  const plans = await db
    .selectFrom("payment_plan")
    .select(["id", "client_id", "activated_on", "completed_on", "broken_on", "cancelled_on"])
    .where("organization_id", "=", orgId)
    .where("activated_on", "is not", null)
    .execute();
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const [invoices, installments] = await Promise.all([
    db
      .selectFrom("payment_plan_invoice")
      .select(["plan_id", "invoice_id"])
      .where("organization_id", "=", orgId)
      .where("plan_id", "in", ids)
      .execute(),
    db
      .selectFrom("installment")
      .select(["id", "plan_id", "due_on", "amount_cents", "paid_cents", "paid_on"])
      .where("organization_id", "=", orgId)
      .where("plan_id", "in", ids)
      .orderBy("position")
      .execute(),
  ]);
  return plans.map((p) => ({
    ...p,
    invoice_ids: invoices.filter((i) => i.plan_id === p.id).map((i) => i.invoice_id),
    installments: installments
      .filter((i) => i.plan_id === p.id)
      .map((i) => ({ ...i, amount_cents: Number(i.amount_cents), paid_cents: Number(i.paid_cents) })),
  }));
}

/** The bills of exchange with the invoices each settles. */
export async function forecastBills(db: Db, orgId: string) {
  const bills = await db
    .selectFrom("bill_of_exchange")
    .select([
      "id",
      "client_id",
      "amount_cents",
      "issue_on",
      "due_on",
      "accepted_on",
      "presented_on",
      "paid_on",
      "unpaid_on",
      "cancelled_on",
    ])
    .where("organization_id", "=", orgId)
    .execute();
  if (bills.length === 0) return [];
  const parts = await db
    .selectFrom("bill_of_exchange_invoice")
    .select(["bill_id", "invoice_id", "amount_cents"])
    .where("organization_id", "=", orgId)
    .where(
      "bill_id",
      "in",
      bills.map((b) => b.id),
    )
    .execute();
  return bills.map((b) => ({
    ...b,
    amount_cents: Number(b.amount_cents),
    invoices: parts
      .filter((p) => p.bill_id === b.id)
      .map((p) => ({ invoice_id: p.invoice_id, amount_cents: Number(p.amount_cents) })),
  }));
}

/** The recovery cases (their invoices as the JSON list fixed at opening). */
export async function forecastCases(db: Db, orgId: string) {
  const rows = await db
    .selectFrom("recovery_case")
    .select(["opened_on", "closed_on", "invoice_ids"])
    .where("organization_id", "=", orgId)
    .execute();
  return rows.map((r) => ({
    opened_on: r.opened_on,
    closed_on: r.closed_on,
    invoice_ids: JSON.parse(r.invoice_ids) as string[],
  }));
}

/** The mises en demeure sent (a sent message of a step whose template is a `*.mise_en_demeure`), per invoice. */
export async function formalNotices(db: Db, orgId: string): Promise<{ invoice_id: string; date: string }[]> {
  const rows = await db
    .selectFrom("outbox as o")
    .innerJoin("dunning_step as s", (j) =>
      j.onRef("s.id", "=", "o.step_id").on("s.organization_id", "=", orgId),
    )
    .select(["o.invoices", "o.sent_at", "o.planned_on"])
    .where("o.organization_id", "=", orgId)
    .where("o.state", "=", "sent")
    .where("s.template_key", "like", "%.mise_en_demeure")
    .execute();
  return rows.flatMap((r) =>
    (JSON.parse(r.invoices) as { id: string }[]).map((i) => ({
      invoice_id: i.id,
      date: r.sent_at === null ? r.planned_on : r.sent_at.slice(0, 10),
    })),
  );
}
