import { type Kysely, sql } from "kysely";

/**
 * Indexes for the invoice list (`GET /api/v1/invoices`, 100,000 invoices, pages of 50), each chosen from the
 * query plans of both dialects (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL): every list is
 * ordered by (due_date, id) with a keyset cursor, so each index ends with those two columns and a page is a
 * range read, never a sort of the ledger. Each index on invoice slows the import down (every row writes it: these
 * cost about a quarter more CPU on a 200,000-row SQLite import), so the rare filters get small partial indexes:
 * - invoice_org_due: the default list and the filters without an index of their own (search, date and amount
 *   ranges); before it, both planners scanned every invoice and sorted them.
 * - the status filters, overdue included, use invoice_org_status_due: one ordered branch per status, merged
 *   (repositories/invoices.ts). The index gains `id` so that each branch is read in order: without it,
 *   PostgreSQL without statistics yet (right after an import) sorted a whole status to return 50 rows.
 * - invoice_org_client_due: one client's invoices (the client's page). The (organization, client, number) unique
 *   index would do with statistics, but SQLite has none until ANALYZE runs, and then walked all of
 *   invoice_org_due in order looking for the client's rows (35 ms at 100,000 invoices instead of 0.1 ms).
 * - invoice_org_disputed_due, invoice_org_kind_due (partial, tiny): disputes and credit notes / deposits are
 *   rare, so walking the whole ledger in due order to find 50 of them would read most of it; the query writes
 *   the predicates with literals so that SQLite matches them.
 * - invoice_org_credited (partial, tiny): the credit notes of an invoice (its detail page).
 * - quote_org_issue: the quote list, newest first by (issue_date, id).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("invoice_org_due")
    .on("invoice")
    .columns(["organization_id", "due_date", "id"])
    .execute();
  await db.schema.dropIndex("invoice_org_status_due").execute();
  await db.schema
    .createIndex("invoice_org_status_due")
    .on("invoice")
    .columns(["organization_id", "status", "due_date", "id"])
    .execute();
  await db.schema
    .createIndex("invoice_org_client_due")
    .on("invoice")
    .columns(["organization_id", "client_id", "due_date", "id"])
    .execute();
  await db.schema
    .createIndex("invoice_org_disputed_due")
    .on("invoice")
    .columns(["organization_id", "due_date", "id"])
    .where(sql<boolean>`disputed = 1`)
    .execute();
  await db.schema
    .createIndex("invoice_org_kind_due")
    .on("invoice")
    .columns(["organization_id", "kind", "due_date", "id"])
    .where(sql<boolean>`kind <> 'invoice'`)
    .execute();
  await db.schema
    .createIndex("invoice_org_credited")
    .on("invoice")
    .columns(["organization_id", "credited_invoice_id"])
    .where(sql<boolean>`credited_invoice_id is not null`)
    .execute();
  await db.schema
    .createIndex("quote_org_issue")
    .on("quote")
    .columns(["organization_id", "issue_date", "id"])
    .execute();
}
