import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { deletePendingInvitationsFor, insertInvitation } from "../../db/repositories/invitations.js";
import { findMembership, findUserByEmail } from "../../db/repositories/users.js";
import type { Organization, Role } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { accountEmail } from "./account-email.js";
import { type InvitationDto, presentInvitation } from "./present-member.js";
import { hashToken, newToken } from "./session-tokens.js";

/** An invitation link works this long. */
export const INVITATION_VALIDITY_MS = 7 * 24 * 3600 * 1000;

/**
 * Invites someone into the organization with a role. The link's token is returned once, to be sent to them; only
 * its hash is stored. A new invitation of the same e-mail replaces the pending one.
 */
export async function inviteMember(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  email: string;
  role: Role;
}): Promise<{ invitation: InvitationDto; token: string }> {
  const { ctx, org } = options;
  const email = accountEmail(options.email);
  const token = newToken();
  const at = nowIso(ctx);
  const row = {
    id: newId(),
    organization_id: org.id,
    email,
    role: options.role,
    token_hash: hashToken(token),
    invited_by_user_id: options.userId,
    expires_at: new Date(ctx.clock.now() + INVITATION_VALIDITY_MS).toISOString(),
    accepted_at: null,
    accepted_by_user_id: null,
    created_at: at,
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (user && (await findMembership(trx, org.id, user.id))) {
      throw new AppError("conflict", "auth.already_member", { email });
    }
    await deletePendingInvitationsFor(trx, org.id, email);
    await insertInvitation(trx, row);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "invitation",
      entityId: row.id,
      operation: "create",
      data: { email, role: options.role },
    });
  });
  return { invitation: presentInvitation(row), token };
}
