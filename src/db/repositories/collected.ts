import type { Db } from "../connect.js";

export interface CollectedRow {
  payment_id: string;
  payment_date: string;
  method: string;
  invoice_number: string;
  invoice_issue_date: string | null;
  client_siren: string | null;
  amount_cents: number;
}

/**
 * One row per allocation of a confirmed payment dated in [from, to] to an invoice (credit notes are not cash and
 * are left out, as are payments recorded from a credit note, source `credit_note…`), scoped by organization,
 * by payment date, invoice number, payment.
 */
export async function collectedAllocations(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<CollectedRow[]> {
  const rows = await db
    .selectFrom("allocation as a")
    .innerJoin("payment as p", (j) =>
      j.onRef("p.id", "=", "a.payment_id").on("p.organization_id", "=", orgId),
    )
    .innerJoin("invoice as i", (j) =>
      j.onRef("i.id", "=", "a.invoice_id").on("i.organization_id", "=", orgId),
    )
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "p.id as payment_id",
      "p.date as payment_date",
      "p.method",
      "i.number as invoice_number",
      "i.issue_date as invoice_issue_date",
      "c.siren as client_siren",
      "a.amount_cents",
    ])
    .where("a.organization_id", "=", orgId)
    .where("p.state", "=", "confirmed")
    .where("p.source", "not like", "credit_note%")
    .where("p.date", ">=", from)
    .where("p.date", "<=", to)
    .where("i.kind", "<>", "credit_note")
    .execute();
  // sorted here: text collations differ between SQLite and PostgreSQL
  const key = (r: (typeof rows)[number]) => [r.payment_date, r.invoice_number, r.payment_id];
  return rows
    .map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++)
        if (ka[i] !== kb[i]) return (ka[i] as string) < (kb[i] as string) ? -1 : 1;
      return 0;
    });
}
