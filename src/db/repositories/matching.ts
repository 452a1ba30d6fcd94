import { type RawBuilder, sql } from "kysely";
import type { DeclaredPayment } from "../../core/matching/types.js";
import { valueList } from "../bulk.js";
import type { Db, Dialect } from "../connect.js";
import type { BankTransaction } from "../schema.js";

/** An open invoice as bank matching reads it (core/matching OpenInvoice, plus nothing else). */
export interface OpenInvoiceRow {
  id: string;
  number: string;
  client_id: string;
  issue_date: string;
  due_date: string;
  total_cents: number;
  balance_cents: number;
  kind: "invoice" | "deposit";
}

const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** The columns an open invoice is read with, in the order of the arrays read back. */
const COLUMNS = [
  "id",
  "number",
  "client_id",
  "issue_date",
  "due_date",
  "total_ttc_cents",
  "paid_cents",
  "credited_cents",
  "kind",
  "number_key",
  "number_loose_key",
] as const;

type Cell = string | number | null;

function present(r: Cell[]): OpenInvoiceRow & { number_key: string | null; number_loose_key: string | null } {
  const [id, number, client_id, issue_date, due_date, total, paid, credited, kind, key, loose] = r;
  const total_cents = Number(total);
  return {
    id: String(id),
    number: String(number),
    client_id: String(client_id),
    issue_date: String(issue_date ?? due_date),
    due_date: String(due_date),
    total_cents,
    balance_cents: total_cents - Number(paid) - Number(credited),
    kind: kind === "deposit" ? "deposit" : "invoice",
    number_key: key === null ? null : String(key),
    number_loose_key: loose === null ? null : String(loose),
  };
}

/**
 * The open invoices (and deposits) of the organization meeting `where`, with `limit`: at most `per` for each value
 * of `by`, the oldest due first (a window function); ordered by `by` (if any), due date and id. The rows come back
 * as one JSON array of arrays (json_group_array / json_agg): a driver builds an object per row and per column far
 * more slowly than JSON.parse does, and a statement of thousands of lines reads tens of thousands of invoices.
 */
async function readOpenInvoices(
  db: Db,
  dialect: Dialect,
  orgId: string,
  where: RawBuilder<boolean>,
  limit?: { by: RawBuilder<unknown>; per: number },
): Promise<ReturnType<typeof present>[]> {
  const columns = sql.raw(COLUMNS.map((c) => `invoice.${c}`).join(", "));
  const rank = limit
    ? sql`, ${limit.by} as k, row_number() over (partition by ${limit.by} order by invoice.due_date, invoice.id) as n`
    : sql``;
  const row = sql.raw(
    `${dialect === "postgres" ? "json_build_array" : "json_array"}(${COLUMNS.map((c) => `t.${c}`).join(", ")})`,
  );
  const order = limit ? sql`t.k, t.due_date, t.id` : sql`t.due_date, t.id`;
  const aggregate =
    dialect === "postgres"
      ? sql`coalesce(json_agg(${row} order by ${order}), '[]')`
      : sql`json_group_array(${row} order by ${order})`;
  const kept = limit ? sql`where t.n <= ${limit.per}` : sql``;
  // the status written out, not bound: the planner must see it implies the partial index of open invoices by total
  const result = await sql<{ rows: string | Cell[][] }>`select ${aggregate} as rows from (
      select ${columns}${rank} from invoice
      where invoice.organization_id = ${orgId} and invoice.status in ('open', 'partially_paid')
        and invoice.kind in ('invoice', 'deposit') and ${where}) t ${kept}`.execute(db);
  const found = result.rows[0]?.rows ?? [];
  return (typeof found === "string" ? (JSON.parse(found) as Cell[][]) : found).map(present);
}

/** Open invoices whose number key or loose key is one of those found in the lines (indexed lookups). */
export async function openInvoicesByKeys(
  db: Db,
  dialect: Dialect,
  orgId: string,
  keys: readonly string[],
  looseKeys: readonly string[],
): Promise<ReturnType<typeof present>[]> {
  const [exact, loose] = await Promise.all([
    keys.length === 0
      ? []
      : readOpenInvoices(db, dialect, orgId, sql`invoice.number_key in ${valueList(dialect, keys, "text")}`),
    looseKeys.length === 0
      ? []
      : readOpenInvoices(
          db,
          dialect,
          orgId,
          sql`invoice.number_loose_key in ${valueList(dialect, looseKeys, "text")}`,
        ),
  ]);
  return [...exact, ...loose];
}

/** Open invoices by id (the invoices of declared payments). */
export async function openInvoicesByIds(
  db: Db,
  dialect: Dialect,
  orgId: string,
  ids: readonly string[],
): Promise<ReturnType<typeof present>[]> {
  if (ids.length === 0) return [];
  return readOpenInvoices(db, dialect, orgId, sql`invoice.id in ${valueList(dialect, ids, "text")}`);
}

/**
 * Payments declared and not yet arrived (a cheque recorded on receipt, a portal declaration) whose amount is one of
 * the amounts, through the partial index of declared payments by amount (migration 0016).
 */
export async function declaredPaymentsByAmounts(
  db: Db,
  orgId: string,
  amounts: readonly number[],
): Promise<DeclaredPayment[]> {
  const out: DeclaredPayment[] = [];
  for (const part of chunks(amounts)) {
    const rows = await db
      .selectFrom("payment")
      .select(["id", "declared_invoice_id", "amount_cents", "method", "reference", "date"])
      .where("organization_id", "=", orgId)
      .where(sql<boolean>`state = 'declared'`)
      .where("amount_cents", "in", part)
      .where("declared_invoice_id", "is not", null)
      .orderBy("date")
      .orderBy("id")
      .execute();
    for (const r of rows)
      out.push({
        payment_id: r.id,
        invoice_id: r.declared_invoice_id as string,
        amount_cents: Number(r.amount_cents),
        method: r.method,
        reference: r.reference,
        date: r.date,
      });
  }
  return out;
}

/**
 * Open invoices whose total is one of the amounts (the index of open invoices by total), at most `perAmount` per
 * amount, the oldest due first: one query, the amounts as one parameter, the limit applied by the database (a
 * round amount may be the total of thousands of invoices).
 */
export async function openInvoicesByTotals(
  db: Db,
  dialect: Dialect,
  orgId: string,
  amounts: readonly number[],
  perAmount: number,
): Promise<OpenInvoiceRow[]> {
  if (amounts.length === 0) return [];
  return readOpenInvoices(
    db,
    dialect,
    orgId,
    sql`invoice.total_ttc_cents in ${valueList(dialect, amounts, "int")}`,
    {
      by: sql`invoice.total_ttc_cents`,
      per: perAmount,
    },
  );
}

/**
 * Partially paid invoices whose balance is one of the amounts (a payment of what is left), at most `perAmount` per
 * amount, the oldest due first; read through the status index, the balance computed, in one query.
 */
export async function partlyPaidByBalances(
  db: Db,
  dialect: Dialect,
  orgId: string,
  amounts: readonly number[],
  perAmount: number,
): Promise<OpenInvoiceRow[]> {
  if (amounts.length === 0) return [];
  const balance = sql`(invoice.total_ttc_cents - (invoice.paid_cents + invoice.credited_cents))`;
  return readOpenInvoices(
    db,
    dialect,
    orgId,
    sql`invoice.status = 'partially_paid' and ${balance} in ${valueList(dialect, amounts, "int")}`,
    { by: balance, per: perAmount },
  );
}

/** The open invoices of some clients (the payers recognised), oldest due first, at most `perClient` each. */
export async function openInvoicesOfClients(
  db: Db,
  dialect: Dialect,
  orgId: string,
  clientIds: readonly string[],
  perClient: number,
): Promise<OpenInvoiceRow[]> {
  if (clientIds.length === 0) return [];
  return readOpenInvoices(
    db,
    dialect,
    orgId,
    sql`invoice.client_id in ${valueList(dialect, clientIds, "text")}`,
    {
      by: sql`invoice.client_id`,
      per: perClient,
    },
  );
}

/** Every client's id and name (payer names are compared with them in memory, through a token index). */
export async function clientNames(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("client").select(["id", "name"]).where("organization_id", "=", orgId).execute();
}

export async function payerAliases(
  db: Db,
  orgId: string,
): Promise<{ client_id: string; kind: "name" | "iban"; value: string }[]> {
  return db
    .selectFrom("payer_alias")
    .select(["client_id", "kind", "value"])
    .where("organization_id", "=", orgId)
    .execute();
}

/** Learns a payer name or IBAN for a client (nothing when already known). */
export async function addPayerAlias(
  db: Db,
  row: {
    id: string;
    organization_id: string;
    client_id: string;
    kind: "name" | "iban";
    value: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("payer_alias")
    .values({
      id: row.id,
      organization_id: row.organization_id,
      client_id: row.client_id,
      kind: row.kind,
      value: row.value,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.columns(["organization_id", "kind", "value", "client_id"]).doNothing())
    .execute();
}

export async function bankTransactions(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<BankTransaction[]> {
  const out: BankTransaction[] = [];
  for (const part of chunks(ids))
    out.push(
      ...(await db
        .selectFrom("bank_transaction")
        .selectAll()
        .where("organization_id", "=", orgId)
        .where("id", "in", part)
        .orderBy("booking_date")
        .orderBy("position")
        .execute()),
    );
  return out;
}

/**
 * The bank lines to match (docs/matching.md): with `again`, every line unmatched or proposed that the user has not
 * answered (rejected, undone) — « Rapprocher à nouveau »; without, only the lines never decided (imported without
 * matching, or by a process stopped before it matched), which each import matches with its own lines.
 */
export async function bankLinesToMatch(
  db: Db,
  orgId: string,
  options: { again: boolean },
): Promise<string[]> {
  let query = db
    .selectFrom("bank_transaction")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("answered_at", "is", null);
  query = options.again
    ? query.where("match_state", "in", ["unmatched", "proposed"])
    : query.where("match_state", "=", "unmatched").where("match_reasons", "is", null);
  return (await query.execute()).map((r) => r.id);
}
