import { type RateEntry, RateTable } from "../../core/law/rates.js";
import type { Db } from "../../db/connect.js";
import { listRates, type RateRow } from "../../db/repositories/rates.js";

export interface LoadRateTableOptions {
  db: Db;
  /** The organization whose own rows override the shared ones; null: the shared rows only. */
  orgId: string | null;
}

export function rateEntryOf(row: RateRow): RateEntry {
  return {
    kind: row.kind,
    valid_from: row.valid_from,
    valid_to: row.valid_to,
    rate_bp: row.rate_bp,
    source: row.source,
    confirmed: row.confirmed === 1,
  };
}

/**
 * The rate table a computation uses, read from the database (seeded by migration 0004, edited with
 * `relance rates set` or PUT /api/v1/rates). An organization's own row replaces the shared row of the same kind and
 * start date.
 */
export async function loadRateTable(options: LoadRateTableOptions): Promise<RateTable> {
  const rows = await listRates(options.db, options.orgId);
  const byKey = new Map<string, RateRow>();
  for (const row of rows) {
    const key = `${row.kind}|${row.valid_from}`;
    const seen = byKey.get(key);
    if (!seen || (seen.organization_id === null && row.organization_id !== null)) byKey.set(key, row);
  }
  return new RateTable([...byKey.values()].map(rateEntryOf));
}
