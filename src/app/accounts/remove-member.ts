import { appendAudit } from "../../db/repositories/audit-log.js";
import { deleteMembership, findMember, lockOwners } from "../../db/repositories/memberships.js";
import { clearSessionsOfMembership } from "../../db/repositories/sessions.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

/**
 * Removes a member from the organization (an owner may remove themselves if another owner remains). Their open
 * sessions lose this organization at once; their past actions keep their name.
 */
export async function removeMember(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  memberUserId: string;
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, ctx.dialect, org.id);
    const member = await findMember(trx, org.id, options.memberUserId);
    if (!member) throw new AppError("not_found", "auth.member_not_found");
    if (member.role === "owner" && owners.length <= 1) throw new AppError("conflict", "auth.last_owner");
    await deleteMembership(trx, org.id, member.user_id);
    await clearSessionsOfMembership(trx, org.id, member.user_id, at);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "membership",
      entityId: member.user_id,
      operation: "delete",
      data: { email: member.email, role: member.role },
    });
  });
}
