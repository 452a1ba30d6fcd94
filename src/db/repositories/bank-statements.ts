import type { Insertable } from "kysely";
import { insertObjectsOnce, valueList } from "../bulk.js";
import type { Db, Dialect } from "../connect.js";
import type { BankStatementTable, BankTransactionTable } from "../schema.js";

/** The statement's row: inserted unless the account already has a statement with this reference; its id either way. */
export async function upsertStatement(
  db: Db,
  row: Insertable<BankStatementTable>,
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto("bank_statement")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "account", "statement_ref"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { id: row.id, created: true };
  const existing = await db
    .selectFrom("bank_statement")
    .select("id")
    .where("organization_id", "=", row.organization_id)
    .where("account", "=", row.account)
    .where("statement_ref", "=", row.statement_ref)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Rows per INSERT (one JSON parameter each). */
const CHUNK = 2_000;

/** Inserts the lines whose (account, dedupe_key) is new; returns the ids of those inserted. */
export async function insertTransactionsOnce(
  db: Db,
  dialect: Dialect,
  orgId: string,
  rows: readonly Insertable<BankTransactionTable>[],
): Promise<string[]> {
  const inserted: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await insertObjectsOnce(
      db,
      dialect,
      "bank_transaction",
      chunk,
      ["position", "amount_cents", "match_score"],
      ["organization_id", "account", "dedupe_key"],
    );
    const ids = chunk.map((r) => r.id);
    const found = await db
      .selectFrom("bank_transaction")
      .select("id")
      .where("organization_id", "=", orgId)
      .where("id", "in", valueList(dialect, ids, "text"))
      .execute();
    inserted.push(...found.map((r) => r.id));
  }
  return inserted;
}
