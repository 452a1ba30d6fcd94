import { appendAudit } from "../../db/repositories/audit-log.js";
import { findTask, setTaskState } from "../../db/repositories/tasks.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { presentTask, type TaskDto } from "./get-today.js";

/** Marks an open task done (or cancelled); audited. */
export async function completeTask(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  state: "done" | "cancelled";
}): Promise<TaskDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const task = await findTask(trx, org.id, options.id);
    if (!task) throw new AppError("not_found", "dunning.task_not_found");
    if (task.state === "open") {
      await setTaskState(trx, org.id, task.id, options.state, at);
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "task",
        entityId: task.id,
        operation: options.state,
        data: {},
      });
    }
    const after = await findTask(trx, org.id, task.id);
    if (!after) throw new AppError("not_found", "dunning.task_not_found");
    return presentTask(after);
  });
}
