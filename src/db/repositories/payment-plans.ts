import type { Insertable, Updateable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type {
  Installment,
  InstallmentTable,
  PaymentPlan,
  PaymentPlanInvoiceTable,
  PaymentPlanState,
  PaymentPlanTable,
} from "../schema.js";

/** A plan with its client's name. */
export type PlanView = PaymentPlan & { client_name: string };

/** An invoice of a plan: its balance when the plan was made and what it is now. */
export interface PlanInvoiceView {
  plan_id: string;
  invoice_id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  /** The balance included in the plan. */
  balance_cents: number;
  /** The balance today. */
  current_balance_cents: number;
  status: string;
}

const num = (n: unknown) => Number(n ?? 0);

export async function insertPlan(
  db: Db,
  plan: Insertable<PaymentPlanTable>,
  invoices: Insertable<PaymentPlanInvoiceTable>[],
  installments: Insertable<InstallmentTable>[],
): Promise<void> {
  await db.insertInto("payment_plan").values(plan).execute();
  if (invoices.length > 0) await db.insertInto("payment_plan_invoice").values(invoices).execute();
  if (installments.length > 0) await db.insertInto("installment").values(installments).execute();
}

function plans(db: Db, orgId: string) {
  return db
    .selectFrom("payment_plan as p")
    .innerJoin("client as c", (j) =>
      j.onRef("c.id", "=", "p.client_id").onRef("c.organization_id", "=", "p.organization_id"),
    )
    .selectAll("p")
    .select("c.name as client_name")
    .where("p.organization_id", "=", orgId);
}

function toView<T extends { total_cents: unknown; grace_days: unknown }>(row: T): T {
  return { ...row, total_cents: num(row.total_cents), grace_days: num(row.grace_days) };
}

/** One plan; on PostgreSQL locked until the transaction ends when `lock` is set (the daily check). */
export async function findPlan(
  db: Db,
  orgId: string,
  id: string,
  lock?: { dialect: Dialect },
): Promise<PlanView | undefined> {
  let query = plans(db, orgId).where("p.id", "=", id);
  if (lock?.dialect === "postgres") query = query.forUpdate("p");
  const row = await query.executeTakeFirst();
  return row ? toView(row) : undefined;
}

export async function listPlans(
  db: Db,
  orgId: string,
  filter: { clientId?: string; states?: readonly PaymentPlanState[] } = {},
): Promise<PlanView[]> {
  let q = plans(db, orgId);
  if (filter.clientId) q = q.where("p.client_id", "=", filter.clientId);
  if (filter.states && filter.states.length > 0) q = q.where("p.state", "in", [...filter.states]);
  const rows = await q.orderBy("p.created_at", "desc").orderBy("p.id", "desc").limit(500).execute();
  return rows.map(toView);
}

/** Moves a plan from `from` to new fields; false when it was no longer in `from` (someone else moved it). */
export async function updatePlan(
  db: Db,
  orgId: string,
  id: string,
  from: PaymentPlanState,
  fields: Updateable<PaymentPlanTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("payment_plan")
    .set(fields)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listPlanInvoices(
  db: Db,
  orgId: string,
  planIds: readonly string[],
): Promise<PlanInvoiceView[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom("payment_plan_invoice as pi")
    .innerJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "pi.invoice_id").onRef("i.organization_id", "=", "pi.organization_id"),
    )
    .select([
      "pi.plan_id",
      "pi.invoice_id",
      "pi.balance_cents",
      "i.number",
      "i.issue_date",
      "i.due_date",
      "i.total_ttc_cents",
      "i.paid_cents",
      "i.credited_cents",
      "i.status",
    ])
    .where("pi.organization_id", "=", orgId)
    .where("pi.plan_id", "in", [...planIds])
    .orderBy("i.due_date")
    .orderBy("i.number")
    .execute();
  return rows.map((r) => ({
    plan_id: r.plan_id,
    invoice_id: r.invoice_id,
    number: r.number,
    issue_date: r.issue_date,
    due_date: r.due_date,
    total_ttc_cents: num(r.total_ttc_cents),
    balance_cents: num(r.balance_cents),
    current_balance_cents: num(r.total_ttc_cents) - num(r.paid_cents) - num(r.credited_cents),
    status: r.status,
  }));
}

export async function listInstallments(
  db: Db,
  orgId: string,
  planIds: readonly string[],
): Promise<Installment[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom("installment")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("plan_id", "in", [...planIds])
    .orderBy("plan_id")
    .orderBy("position")
    .execute();
  return rows.map((r) => ({
    ...r,
    position: num(r.position),
    amount_cents: num(r.amount_cents),
    paid_cents: num(r.paid_cents),
  }));
}

export async function updateInstallment(
  db: Db,
  orgId: string,
  id: string,
  fields: Updateable<InstallmentTable>,
): Promise<void> {
  await db
    .updateTable("installment")
    .set(fields)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/**
 * The payments allocated to a plan's invoices since the plan was made (allocations written at or after
 * `sinceAt`): each allocation with its payment's date.
 */
export async function listPlanPayments(
  db: Db,
  orgId: string,
  planId: string,
  sinceAt: string,
): Promise<{ date: string; amount_cents: number }[]> {
  const rows = await db
    .selectFrom("allocation as a")
    .innerJoin("payment as p", (j) =>
      j.onRef("p.id", "=", "a.payment_id").onRef("p.organization_id", "=", "a.organization_id"),
    )
    .innerJoin("payment_plan_invoice as pi", (j) =>
      j.onRef("pi.invoice_id", "=", "a.invoice_id").onRef("pi.organization_id", "=", "a.organization_id"),
    )
    .select(["p.date", "a.amount_cents"])
    .where("a.organization_id", "=", orgId)
    .where("pi.plan_id", "=", planId)
    .where("a.created_at", ">=", sinceAt)
    .orderBy("p.date")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({ date: r.date, amount_cents: num(r.amount_cents) }));
}

/**
 * Locks the client's row until the transaction ends (PostgreSQL; SQLite has one writer): two plans, bills of exchange
 * or recovery cases made at once for the same client are made one after the other, the second sees the first's
 * invoices taken.
 */
export async function lockClientRow(
  db: Db,
  dialect: Dialect,
  orgId: string,
  clientId: string,
): Promise<void> {
  if (dialect !== "postgres") return;
  await db
    .selectFrom("client")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("id", "=", clientId)
    .forUpdate()
    .execute();
}

/** Of these invoices, those already in a plan not finished (draft, signed, active). */
export async function invoicesInOpenPlans(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<string[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await db
    .selectFrom("payment_plan_invoice as pi")
    .innerJoin("payment_plan as p", (j) =>
      j.onRef("p.id", "=", "pi.plan_id").onRef("p.organization_id", "=", "pi.organization_id"),
    )
    .select("pi.invoice_id")
    .where("pi.organization_id", "=", orgId)
    .where("pi.invoice_id", "in", [...invoiceIds])
    .where("p.state", "in", ["draft", "signed", "active"])
    .execute();
  return rows.map((r) => r.invoice_id);
}

/** The ids of the organization's active plans (the daily check). */
export async function listActivePlanIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("payment_plan")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("state", "=", "active")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** A client's open invoices (credit notes aside) with what each still owes: what a plan can include. */
export async function listOpenInvoicesOfClient(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<{ id: string; number: string; due_date: string; balance_cents: number }[]> {
  const rows = await db
    .selectFrom("invoice")
    .select(["id", "number", "due_date", "total_ttc_cents", "paid_cents", "credited_cents"])
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("status", "in", ["open", "partially_paid"])
    .where("kind", "<>", "credit_note")
    .orderBy("due_date")
    .orderBy("number")
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      number: r.number,
      due_date: r.due_date,
      balance_cents: num(r.total_ttc_cents) - num(r.paid_cents) - num(r.credited_cents),
    }))
    .filter((r) => r.balance_cents > 0);
}

/** Links the plan's acknowledgement of debt; false when one was linked meanwhile. */
export async function linkPlanDocument(
  db: Db,
  orgId: string,
  id: string,
  documentId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("payment_plan")
    .set({ document_id: documentId, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("document_id", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
