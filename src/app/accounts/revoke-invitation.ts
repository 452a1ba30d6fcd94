import { appendAudit } from "../../db/repositories/audit-log.js";
import { deletePendingInvitation } from "../../db/repositories/invitations.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

/** Withdraws an invitation not yet accepted: its link stops working. */
export async function revokeInvitation(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  invitationId: string;
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deletePendingInvitation(trx, org.id, options.invitationId))) {
      throw new AppError("not_found", "auth.invitation_not_found");
    }
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "invitation",
      entityId: options.invitationId,
      operation: "delete",
    });
  });
}
