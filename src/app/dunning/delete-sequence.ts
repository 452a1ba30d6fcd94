import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  countClientsBySequence,
  detachOutboxFromSteps,
  findSequence,
  listSteps,
  lockSequences,
  deleteSequence as removeSequence,
} from "../../db/repositories/dunning-sequences.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

/**
 * Deletes a sequence and its steps. Refused (conflict) while it is the default for a kind of client or while a
 * client has chosen it. The messages already sent from its steps stay in the outbox, without their step. Audited.
 */
export async function deleteSequence(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
}): Promise<void> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await lockSequences(trx, ctx.dialect, org.id);
    const sequence = await findSequence(trx, org.id, id);
    if (!sequence) throw new AppError("not_found", "sequence.not_found");
    if (sequence.default_for !== null) {
      throw new AppError("conflict", "sequence.is_default", { name: sequence.name });
    }
    const clients = (await countClientsBySequence(trx, org.id)).get(id) ?? 0;
    if (clients > 0)
      throw new AppError("conflict", "sequence.in_use", { name: sequence.name, count: clients });
    const steps = await listSteps(trx, org.id, [id]);
    await detachOutboxFromSteps(
      trx,
      org.id,
      steps.map((s) => s.id),
    );
    await removeSequence(trx, org.id, id);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "dunning_sequence",
      entityId: id,
      operation: "delete",
      data: { name: sequence.name, steps: steps.length },
    });
  });
}
