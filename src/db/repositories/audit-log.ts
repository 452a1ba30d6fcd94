import type { Db } from "../connect.js";
import { newId } from "../ids.js";

export interface AuditEntry {
  organizationId: string;
  userId?: string | null;
  at: string;
  entity: string;
  entityId?: string | null;
  operation: string;
  data?: unknown;
}

/** Append-only: there is no update or delete here, on purpose. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      organization_id: entry.organizationId,
      user_id: entry.userId ?? null,
      at: entry.at,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      operation: entry.operation,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}
