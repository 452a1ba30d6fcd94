import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { RecoveryCaseTable, RecoveryProcedureTable } from "../schema.js";

export type RecoveryCaseRow = Selectable<RecoveryCaseTable>;
export type RecoveryProcedureRow = Selectable<RecoveryProcedureTable>;

export async function insertRecoveryCase(db: Db, row: Insertable<RecoveryCaseTable>): Promise<void> {
  await db.insertInto("recovery_case").values(row).execute();
}

export async function findRecoveryCase(
  db: Db,
  orgId: string,
  id: string,
): Promise<RecoveryCaseRow | undefined> {
  return db
    .selectFrom("recovery_case")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Reads a case and, on PostgreSQL, locks it until the transaction ends (SQLite has one writer). */
export async function findRecoveryCaseForUpdate(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
): Promise<RecoveryCaseRow | undefined> {
  const query = db
    .selectFrom("recovery_case")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id);
  return (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

export async function findOpenRecoveryCase(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<RecoveryCaseRow | undefined> {
  return db
    .selectFrom("recovery_case")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("closed_on", "is", null)
    .executeTakeFirst();
}

/** Cases, newest first, of a client and/or open only. */
export async function listRecoveryCases(
  db: Db,
  orgId: string,
  filters: { clientId?: string; open?: boolean; limit: number },
): Promise<RecoveryCaseRow[]> {
  let query = db.selectFrom("recovery_case").selectAll().where("organization_id", "=", orgId);
  if (filters.clientId) query = query.where("client_id", "=", filters.clientId);
  if (filters.open) query = query.where("closed_on", "is", null);
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(filters.limit).execute();
}

export async function updateRecoveryCase(
  db: Db,
  orgId: string,
  id: string,
  changes: Updateable<RecoveryCaseTable>,
): Promise<void> {
  await db
    .updateTable("recovery_case")
    .set(changes)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function insertRecoveryProcedure(
  db: Db,
  row: Insertable<RecoveryProcedureTable>,
): Promise<void> {
  await db.insertInto("recovery_procedure").values(row).execute();
}

export async function findRecoveryProcedure(
  db: Db,
  orgId: string,
  id: string,
): Promise<RecoveryProcedureRow | undefined> {
  return db
    .selectFrom("recovery_procedure")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The procedures of some cases, oldest first. */
export async function listRecoveryProcedures(
  db: Db,
  orgId: string,
  caseIds: readonly string[],
): Promise<RecoveryProcedureRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom("recovery_procedure")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("case_id", "in", [...caseIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function updateRecoveryProcedure(
  db: Db,
  orgId: string,
  id: string,
  changes: Updateable<RecoveryProcedureTable>,
): Promise<void> {
  await db
    .updateTable("recovery_procedure")
    .set(changes)
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Σ the fees of a case's procedures. */
export async function sumProcedureFees(db: Db, orgId: string, caseId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_procedure")
    .select((eb) => eb.fn.sum<number | string | null>("fees_cents").as("total"))
    .where("organization_id", "=", orgId)
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** The messages sent to a client (reminders and registered letters) with their letter dates and PDF. */
export async function listSentMessagesOfClient(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<
  {
    id: string;
    channel: string;
    sent_at: string | null;
    planned_on: string;
    letter: string;
    document_id: string | null;
  }[]
> {
  return db
    .selectFrom("outbox")
    .select(["id", "channel", "sent_at", "planned_on", "letter", "document_id"])
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("state", "=", "sent")
    .orderBy("sent_at")
    .orderBy("id")
    .execute();
}

/**
 * Of these invoices, those of a recovery case not closed, with their case (a case's invoices are fixed when it
 * opens, in its `invoice_ids`: the open cases of the invoices' clients are read, at most one per client).
 */
export async function invoicesInOpenCases(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<{ invoice_id: string; case_id: string; opened_on: string }[]> {
  if (invoiceIds.length === 0) return [];
  const cases = await db
    .selectFrom("recovery_case")
    .select(["id", "opened_on", "invoice_ids"])
    .where("organization_id", "=", orgId)
    .where("closed_on", "is", null)
    .where("client_id", "in", (eb) =>
      eb
        .selectFrom("invoice")
        .select("client_id")
        .where("organization_id", "=", orgId)
        .where("id", "in", [...invoiceIds]),
    )
    .execute();
  const wanted = new Set(invoiceIds);
  return cases.flatMap((c) => {
    let ids: unknown;
    try {
      ids = JSON.parse(c.invoice_ids);
    } catch {
      ids = [];
    }
    return (Array.isArray(ids) ? ids : [])
      .filter((id): id is string => typeof id === "string" && wanted.has(id))
      .map((id) => ({ invoice_id: id, case_id: c.id, opened_on: c.opened_on }));
  });
}
