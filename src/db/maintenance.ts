import { sql } from "kysely";
import type { Db, Dialect } from "./connect.js";

/**
 * Refreshes the planner's statistics after a bulk write (an import), so that the very next list uses the right
 * index: without statistics SQLite assumes an equality on a non-unique index matches ~10 rows, and reads a whole
 * organization's clients through (organization_id, …) instead of 50 primary keys. SQLite: PRAGMA optimize
 * (analyzes only the tables that need it); PostgreSQL: ANALYZE of the tables an import writes.
 */
export async function refreshStatistics(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") await sql`pragma optimize`.execute(db);
  else await sql`analyze client, invoice, payment, allocation`.execute(db);
}
