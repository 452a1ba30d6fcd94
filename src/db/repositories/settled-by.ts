import { type RawBuilder, sql } from "kysely";

/**
 * Whether invoice `i` (the alias of the caller's query) was settled, in part or whole, by something dated after
 * (`>`) or from (`>=`) a day: a confirmed payment allocated to it, or a credit note (not cancelled) crediting it,
 * dated by its issue date. The aging balance and the cash indicators read the invoices a past day may still owe.
 */
export function settledBySomethingDated(orgId: string, op: ">" | ">=", day: string): RawBuilder<boolean> {
  const compare = sql.raw(op);
  return sql<boolean>`(exists (select 1 from allocation a inner join payment p on p.id = a.payment_id
      where a.invoice_id = i.id and a.organization_id = ${orgId} and p.state = 'confirmed' and p.date ${compare} ${day})
    or exists (select 1 from invoice n where n.credited_invoice_id = i.id and n.organization_id = ${orgId}
      and n.kind = 'credit_note' and n.status <> 'cancelled' and coalesce(n.issue_date, n.due_date) ${compare} ${day}))`;
}
