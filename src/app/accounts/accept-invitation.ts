import type { Locale } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { lockPendingInvitation, markInvitationAccepted } from "../../db/repositories/invitations.js";
import {
  findMembership,
  findUserByEmail,
  insertMembership,
  insertUser,
  updateUser,
} from "../../db/repositories/users.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { createSession } from "./create-session.js";
import { findValidInvitation } from "./lookup-invitation.js";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./passwords.js";

export interface AcceptInvitationOptions {
  ctx: AppContext;
  token: string;
  password: string;
  name?: string;
  /** The new account's language. */
  locale: Locale;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Accepts an invitation: with an existing account its password must match; otherwise the account is created with
 * this password. An existing account without a password (made by `relance init --email`) is refused: whoever holds
 * the link must not choose that account's password (anyone can create an organization and invite any e-mail);
 * the server's administrator gives it one with `relance users set-password`. The membership and the
 * invitation's use are one transaction (a link works once), then a session opens in the organization.
 */
export async function acceptInvitation(
  options: AcceptInvitationOptions,
): Promise<{ token: string; userId: string; organizationId: string }> {
  const { ctx } = options;
  const invitation = await findValidInvitation(ctx.db, ctx, options.token);
  const email = invitation.email;
  const existing = await findUserByEmail(ctx.db, email);
  let passwordHash: string | null = null;
  if (existing && !existing.password_hash) {
    throw new AppError("forbidden", "auth.invitation_account_without_password", { email });
  }
  if (existing?.password_hash) {
    if (!(await verifyPassword(existing.password_hash, options.password))) {
      throw new AppError("unauthorized", "auth.invitation_wrong_password", { email });
    }
  } else {
    if (options.password.length < MIN_PASSWORD_LENGTH) {
      throw invalidFields([
        { path: "password", messageCode: "auth.password_too_short", params: { min: MIN_PASSWORD_LENGTH } },
      ]);
    }
    passwordHash = await hashPassword(options.password);
  }
  const name = options.name?.trim() || null;
  const at = nowIso(ctx);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    // First, so that a concurrent acceptance of the same link waits here, then finds it used.
    if (!(await lockPendingInvitation(trx, ctx.dialect, invitation.organization_id, invitation.id, at))) {
      throw new AppError("not_found", "auth.invitation_invalid");
    }
    const user = await findUserByEmail(trx, email);
    // Someone created this account (or gave it a password) between the check above and now: start over.
    if (Boolean(user?.password_hash) !== Boolean(existing?.password_hash)) {
      throw new AppError("conflict", "auth.email_taken", { email });
    }
    const id = user?.id ?? newId();
    if (!user) {
      await insertUser(trx, { id, email, name, password_hash: passwordHash, locale: options.locale }, at);
    } else if (passwordHash) {
      await updateUser(trx, id, { password_hash: passwordHash, ...(user.name ? {} : { name }) }, at);
    }
    if (!(await markInvitationAccepted(trx, invitation.organization_id, invitation.id, id, at))) {
      throw new AppError("not_found", "auth.invitation_invalid");
    }
    if (!(await findMembership(trx, invitation.organization_id, id))) {
      await insertMembership(
        trx,
        { id: newId(), organization_id: invitation.organization_id, user_id: id, role: invitation.role },
        at,
      );
      await appendAudit(trx, {
        organizationId: invitation.organization_id,
        userId: id,
        at,
        entity: "membership",
        entityId: id,
        operation: "create",
        data: { email, role: invitation.role, invitation_id: invitation.id },
      });
    }
    return id;
  });
  const { token } = await createSession({
    ctx,
    userId,
    organizationId: invitation.organization_id,
    ip: options.ip ?? null,
    userAgent: options.userAgent ?? null,
  });
  return { token, userId, organizationId: invitation.organization_id };
}
