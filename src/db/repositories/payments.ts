import type { Db } from "../connect.js";
import type { NewAllocation, NewPayment } from "../schema.js";

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
    .execute();
}
