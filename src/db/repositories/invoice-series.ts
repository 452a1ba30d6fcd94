import { sql } from "kysely";
import type { Db } from "../connect.js";
import { newId } from "../ids.js";

/** The last number assigned in a series (0 when the series has none yet). Reads only: a proposal. */
export async function lastSeriesNumber(db: Db, orgId: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom("invoice_series")
    .select("last_number")
    .where("organization_id", "=", orgId)
    .where("prefix", "=", prefix)
    .executeTakeFirst();
  return row ? Number(row.last_number) : 0;
}

/**
 * Moves a series' counter by one and returns the new value, creating the series at 1. Call it only inside the
 * transaction that inserts the invoice (after `lockInvoiceNumbering`): a rollback gives the number back.
 */
export async function advanceSeries(db: Db, orgId: string, prefix: string, at: string): Promise<number> {
  const row = await db
    .insertInto("invoice_series")
    .values({ id: newId(), organization_id: orgId, prefix, last_number: 1, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(["organization_id", "prefix"]).doUpdateSet({
        last_number: sql<number>`invoice_series.last_number + 1`,
        updated_at: at,
      }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}
