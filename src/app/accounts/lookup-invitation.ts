import type { Db } from "../../db/connect.js";
import {
  findInvitationByTokenHash,
  type InvitationWithOrganization,
} from "../../db/repositories/invitations.js";
import { findUserByEmail } from "../../db/repositories/users.js";
import type { Role } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { hashToken } from "./session-tokens.js";

export interface InvitationLookupDto {
  organization_name: string;
  email: string;
  role: Role;
  /** The e-mail already has an account with a password: accepting asks for that password. */
  has_account: boolean;
}

/** The pending, unexpired invitation behind a link's token, or 404 `auth.invitation_invalid`. */
export async function findValidInvitation(
  db: Db,
  ctx: AppContext,
  token: string,
): Promise<InvitationWithOrganization> {
  const invitation =
    token.length >= 20 && token.length <= 100
      ? await findInvitationByTokenHash(db, hashToken(token))
      : undefined;
  if (!invitation || invitation.accepted_at !== null || invitation.expires_at <= nowIso(ctx)) {
    throw new AppError("not_found", "auth.invitation_invalid");
  }
  return invitation;
}

/** What the invitation page shows before the invitee answers (public: the token is the credential). */
export async function lookupInvitation(options: {
  ctx: AppContext;
  token: string;
}): Promise<InvitationLookupDto> {
  const { ctx } = options;
  const invitation = await findValidInvitation(ctx.db, ctx, options.token);
  const user = await findUserByEmail(ctx.db, invitation.email);
  return {
    organization_name: invitation.organization_name,
    email: invitation.email,
    role: invitation.role,
    has_account: Boolean(user?.password_hash),
  };
}
