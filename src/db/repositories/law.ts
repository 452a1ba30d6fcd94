import { sql } from "kysely";
import type { Db } from "../connect.js";
import type { ClientKind } from "../schema.js";

/** An open invoice that may be near its prescription date, with what the list shows of its client. */
export interface PrescriptionCandidate {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  client_kind: ClientKind;
  due_date: string;
  total_ttc_cents: number;
  paid_cents: number;
  credited_cents: number;
}

/**
 * The organization's open invoices (credit notes aside) due on or before the cut-off of their client's kind: the
 * caller computes each cut-off so that no invoice whose prescription date falls within its window is left out
 * (the exact date is computed afterwards). Reads the open statuses of invoice_org_status_due up to the latest
 * cut-off only, never the whole ledger.
 */
export async function listPrescriptionCandidates(
  db: Db,
  orgId: string,
  cutoffs: Record<ClientKind, string>,
): Promise<PrescriptionCandidate[]> {
  const latest = [cutoffs.business, cutoffs.consumer, cutoffs.public].sort().at(-1) ?? cutoffs.business;
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id",
      "i.number",
      "i.client_id",
      "c.name as client_name",
      "c.kind as client_kind",
      "i.due_date",
      "i.total_ttc_cents",
      "i.paid_cents",
      "i.credited_cents",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.status", "in", ["open", "partially_paid"])
    .where(sql<boolean>`i.kind <> 'credit_note'`)
    .where("i.due_date", "<=", latest)
    .where((eb) =>
      eb.or([
        eb.and([eb("c.kind", "=", "consumer"), eb("i.due_date", "<=", cutoffs.consumer)]),
        eb.and([eb("c.kind", "=", "public"), eb("i.due_date", "<=", cutoffs.public)]),
        eb.and([eb("c.kind", "=", "business"), eb("i.due_date", "<=", cutoffs.business)]),
      ]),
    )
    .orderBy("i.due_date")
    .orderBy("i.id")
    .execute();
  return rows.map((r) => ({
    ...r,
    total_ttc_cents: Number(r.total_ttc_cents),
    paid_cents: Number(r.paid_cents),
    credited_cents: Number(r.credited_cents ?? 0),
  }));
}

/** An event that interrupts or suspends prescription, recorded as an action on an invoice or on a client alone. */
export interface PrescriptionEventRow {
  client_id: string | null;
  invoice_id: string | null;
  kind: string;
  occurred_on: string;
}

/**
 * The actions of these kinds on these invoices, or on these clients without an invoice (they concern every invoice
 * of the client). Batched by 500 ids.
 */
export async function listPrescriptionEvents(
  db: Db,
  orgId: string,
  invoiceIds: string[],
  clientIds: string[],
  kinds: readonly string[],
): Promise<PrescriptionEventRow[]> {
  const out: PrescriptionEventRow[] = [];
  const base = () =>
    db
      .selectFrom("action")
      .select(["client_id", "invoice_id", "kind", "occurred_on"])
      .where("organization_id", "=", orgId)
      .where("kind", "in", [...kinds]);
  for (let i = 0; i < invoiceIds.length; i += 500) {
    out.push(
      ...(await base()
        .where("invoice_id", "in", invoiceIds.slice(i, i + 500))
        .execute()),
    );
  }
  for (let i = 0; i < clientIds.length; i += 500) {
    out.push(
      ...(await base()
        .where("invoice_id", "is", null)
        .where("client_id", "in", clientIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}
