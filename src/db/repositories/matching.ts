import { sql } from "kysely";
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

function openInvoices(db: Db, orgId: string) {
  return (
    db
      .selectFrom("invoice")
      .select([
        "invoice.id",
        "invoice.number",
        "invoice.client_id",
        "invoice.issue_date",
        "invoice.due_date",
        "invoice.total_ttc_cents",
        "invoice.paid_cents",
        "invoice.credited_cents",
        "invoice.kind",
        "invoice.number_key",
        "invoice.number_loose_key",
      ])
      .where("invoice.organization_id", "=", orgId)
      // written out, not bound: the planner must see it implies the partial index of open invoices by total
      .where(sql<boolean>`invoice.status in ('open', 'partially_paid')`)
      .where("invoice.kind", "in", ["invoice", "deposit"])
  );
}

type Raw = {
  id: string;
  number: string;
  client_id: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number | string;
  paid_cents: number | string;
  credited_cents: number | string;
  kind: string;
  number_key: string | null;
  number_loose_key: string | null;
};

function present(r: Raw): OpenInvoiceRow & { number_key: string | null; number_loose_key: string | null } {
  const total = Number(r.total_ttc_cents);
  return {
    id: r.id,
    number: r.number,
    client_id: r.client_id,
    issue_date: r.issue_date ?? r.due_date,
    due_date: r.due_date,
    total_cents: total,
    balance_cents: total - Number(r.paid_cents) - Number(r.credited_cents),
    kind: r.kind === "deposit" ? "deposit" : "invoice",
    number_key: r.number_key,
    number_loose_key: r.number_loose_key,
  };
}

/** Open invoices whose number key or loose key is one of those found in the lines (indexed lookups). */
export async function openInvoicesByKeys(
  db: Db,
  orgId: string,
  keys: readonly string[],
  looseKeys: readonly string[],
): Promise<ReturnType<typeof present>[]> {
  const out: ReturnType<typeof present>[] = [];
  for (const part of chunks(keys))
    out.push(
      ...(await openInvoices(db, orgId).where("invoice.number_key", "in", part).execute()).map(present),
    );
  for (const part of chunks(looseKeys))
    out.push(
      ...(await openInvoices(db, orgId).where("invoice.number_loose_key", "in", part).execute()).map(present),
    );
  return out;
}

/** Open invoices by id (the invoices of declared payments). */
export async function openInvoicesByIds(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<ReturnType<typeof present>[]> {
  const out: ReturnType<typeof present>[] = [];
  for (const part of chunks(ids))
    out.push(...(await openInvoices(db, orgId).where("invoice.id", "in", part).execute()).map(present));
  return out;
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
  const ranked = openInvoices(db, orgId)
    .select(
      sql<number>`row_number() over (partition by invoice.total_ttc_cents order by invoice.due_date, invoice.id)`.as(
        "n",
      ),
    )
    .where("invoice.total_ttc_cents", "in", valueList(dialect, amounts, "int"));
  const rows = await db.selectFrom(ranked.as("c")).selectAll().where("c.n", "<=", perAmount).execute();
  return rows.map(present);
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
  const balance = sql<number>`(invoice.total_ttc_cents - (invoice.paid_cents + invoice.credited_cents))`;
  const ranked = openInvoices(db, orgId)
    .select(
      sql<number>`row_number() over (partition by ${balance} order by invoice.due_date, invoice.id)`.as("n"),
    )
    .where("invoice.status", "=", "partially_paid")
    .where(balance, "in", valueList(dialect, amounts, "int"));
  const rows = await db.selectFrom(ranked.as("c")).selectAll().where("c.n", "<=", perAmount).execute();
  return rows.map(present);
}

/** The open invoices of some clients (the payers recognised), oldest due first, at most `perClient` each. */
export async function openInvoicesOfClients(
  db: Db,
  orgId: string,
  clientIds: readonly string[],
  perClient: number,
): Promise<OpenInvoiceRow[]> {
  const out: OpenInvoiceRow[] = [];
  for (const part of chunks(clientIds)) {
    const rows = (
      await openInvoices(db, orgId)
        .where("invoice.client_id", "in", part)
        .orderBy("invoice.client_id")
        .orderBy("invoice.due_date")
        .execute()
    ).map(present);
    const count = new Map<string, number>();
    for (const r of rows) {
      const n = (count.get(r.client_id) ?? 0) + 1;
      count.set(r.client_id, n);
      if (n <= perClient) out.push(r);
    }
  }
  return out;
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
