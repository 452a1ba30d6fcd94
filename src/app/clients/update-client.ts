import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findClient,
  findClientWithSiren,
  lockClientSiren,
  updateClient as writeClient,
} from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { checkClientSequence, followClientSequence } from "../dunning/client-sequence.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { type ClientInput, clientChanges } from "./client-fields.js";
import { loadClientDetail } from "./get-client.js";
import type { ClientDetailDto } from "./present-client.js";

/**
 * Changes a client's fields (the same checks as at creation; `normalized_name` follows the name). A SIREN that
 * another client of the organization has is a conflict.
 */
export async function updateClient(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  id: string;
  changes: ClientInput;
}): Promise<ClientDetailDto> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findClient(trx, org.id, id);
    if (!current) throw new AppError("not_found", "client.not_found");
    const problems: FieldProblem[] = [];
    const changes = clientChanges(options.changes, current, problems);
    const [first, ...others] = problems;
    if (first) throw invalidFields([first, ...others]);
    if (changes.dunning_sequence_id) await checkClientSequence(trx, org.id, changes.dunning_sequence_id);
    if (changes.siren && changes.siren !== current.siren) {
      await lockClientSiren(trx, ctx.dialect, org.id, changes.siren);
      const twin = await findClientWithSiren(trx, org.id, changes.siren, id);
      if (twin)
        throw new AppError("conflict", "client.siren_taken", { siren: changes.siren, name: twin.name });
    }
    if (Object.keys(changes).length > 0) {
      await writeClient(trx, org.id, id, { ...changes, updated_at: at });
      await followClientSequence(ctx, trx, org, current, {
        kind: changes.kind ?? current.kind,
        dunning_sequence_id:
          changes.dunning_sequence_id !== undefined
            ? changes.dunning_sequence_id
            : current.dunning_sequence_id,
      });
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "client",
        entityId: id,
        operation: "update",
        data: changes,
      });
    }
    return loadClientDetail(ctx, trx, org, id);
  });
}
