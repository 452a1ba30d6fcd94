import type { Db } from "../connect.js";
import type { BankMatchState, BankTransaction } from "../schema.js";

export interface ListBankLinesOptions {
  state: BankMatchState;
  limit: number;
  /** Keyset pagination (newest first): the last (booking_date, id) of the previous page. */
  before?: { date: string; id: string };
}

/** The bank lines in one state, newest first (booking date, then id): the index (org, state, date) serves it. */
export async function listBankLines(
  db: Db,
  orgId: string,
  options: ListBankLinesOptions,
): Promise<BankTransaction[]> {
  let query = db
    .selectFrom("bank_transaction")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("match_state", "=", options.state);
  const before = options.before;
  if (before) {
    query = query.where((eb) => eb(eb.refTuple("booking_date", "id"), "<", eb.tuple(before.date, before.id)));
  }
  return query.orderBy("booking_date", "desc").orderBy("id", "desc").limit(options.limit).execute();
}

/** An invoice named by a proposal or a match, as the reconciliation screen shows it. */
export interface BankLineInvoiceRow {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  status: string;
  total_cents: number;
  balance_cents: number;
}

/** These invoices with their client's name and what is still owed (one query for a page). */
export async function invoicesForBankLines(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<BankLineInvoiceRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("invoice as i")
    .innerJoin("client as c", (j) => j.onRef("c.id", "=", "i.client_id").on("c.organization_id", "=", orgId))
    .select([
      "i.id",
      "i.number",
      "i.client_id",
      "c.name as client_name",
      "i.status",
      "i.total_ttc_cents",
      "i.paid_cents",
      "i.credited_cents",
    ])
    .where("i.organization_id", "=", orgId)
    .where("i.id", "in", [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    client_id: r.client_id,
    client_name: r.client_name,
    status: r.status,
    total_cents: Number(r.total_ttc_cents),
    balance_cents: Math.max(0, Number(r.total_ttc_cents) - Number(r.paid_cents) - Number(r.credited_cents)),
  }));
}
