import { appendAudit } from "../../db/repositories/audit-log.js";
import { findMember, lockOwners, updateMemberRole } from "../../db/repositories/memberships.js";
import type { Organization, Role } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { type MemberDto, presentMember } from "./present-member.js";

/** Gives a member another role; the organization always keeps at least one owner. */
export async function changeMemberRole(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  memberUserId: string;
  role: Role;
}): Promise<MemberDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, ctx.dialect, org.id);
    const member = await findMember(trx, org.id, options.memberUserId);
    if (!member) throw new AppError("not_found", "auth.member_not_found");
    if (member.role === options.role) return presentMember(member);
    if (member.role === "owner" && owners.length <= 1) throw new AppError("conflict", "auth.last_owner");
    await updateMemberRole(trx, org.id, member.user_id, options.role, at);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "membership",
      entityId: member.user_id,
      operation: "update",
      data: { email: member.email, from: member.role, to: options.role },
    });
    return presentMember({ ...member, role: options.role });
  });
}
