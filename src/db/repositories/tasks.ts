import type { Insertable } from "kysely";
import type { Db } from "../connect.js";
import type { TaskState, TaskTable } from "../schema.js";

/** Inserts a task unless one with its idempotency key exists; true when inserted. */
export async function insertTask(db: Db, row: Insertable<TaskTable>): Promise<boolean> {
  const result = await db
    .insertInto("task")
    .values(row)
    .onConflict((oc) => oc.columns(["organization_id", "idempotency_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface TaskRow {
  id: string;
  client_id: string | null;
  client_name: string | null;
  invoice_id: string | null;
  kind: string;
  title: string;
  due_on: string;
  state: TaskState;
  data: string;
  created_at: string;
}

/** Open tasks due on or before `until`, soonest first. */
export async function listOpenTasks(db: Db, orgId: string, until: string, limit: number): Promise<TaskRow[]> {
  return db
    .selectFrom("task")
    .leftJoin("client", "client.id", "task.client_id")
    .select([
      "task.id",
      "task.client_id",
      "client.name as client_name",
      "task.invoice_id",
      "task.kind",
      "task.title",
      "task.due_on",
      "task.state",
      "task.data",
      "task.created_at",
    ])
    .where("task.organization_id", "=", orgId)
    .where("task.state", "=", "open")
    .where("task.due_on", "<=", until)
    .orderBy("task.due_on")
    .orderBy("task.id")
    .limit(limit)
    .execute();
}

export async function findTask(db: Db, orgId: string, id: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom("task")
    .leftJoin("client", "client.id", "task.client_id")
    .select([
      "task.id",
      "task.client_id",
      "client.name as client_name",
      "task.invoice_id",
      "task.kind",
      "task.title",
      "task.due_on",
      "task.state",
      "task.data",
      "task.created_at",
    ])
    .where("task.organization_id", "=", orgId)
    .where("task.id", "=", id)
    .executeTakeFirst();
}

export async function setTaskState(
  db: Db,
  orgId: string,
  id: string,
  state: TaskState,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("task")
    .set({ state, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("state", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closes the open failure tasks of an outbox message (it was resent, confirmed or cancelled). */
export async function closeOutboxFailureTasks(
  db: Db,
  orgId: string,
  outboxId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("task")
    .set({ state: "done", updated_at: at })
    .where("organization_id", "=", orgId)
    .where("state", "=", "open")
    .where("kind", "in", ["outbox_failed", "outbox_uncertain"])
    .where("idempotency_key", "like", `outbox:${outboxId}:%`)
    .execute();
}
