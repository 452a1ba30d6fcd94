import { deleteExpiredSessions } from "../../db/repositories/sessions.js";
import { findUserByEmail, listMembershipsOfUser } from "../../db/repositories/users.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { createSession } from "./create-session.js";
import { verifyPassword } from "./passwords.js";
import { SESSION_POLICY } from "./session-tokens.js";

export interface LogInOptions {
  ctx: AppContext;
  email: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Checks an e-mail and password and opens a new session in the user's first organization. A wrong e-mail and a
 * wrong password give the same answer in the same time.
 */
export async function logIn(options: LogInOptions): Promise<{ token: string; userId: string }> {
  const { ctx } = options;
  const email = options.email.trim().toLowerCase();
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash, options.password);
  if (!user || !ok) throw new AppError("unauthorized", "auth.invalid_credentials");
  const now = ctx.clock.now();
  await deleteExpiredSessions(
    ctx.db,
    user.id,
    nowIso(ctx),
    new Date(now - SESSION_POLICY.idleMs).toISOString(),
  );
  const memberships = await listMembershipsOfUser(ctx.db, user.id);
  const { token } = await createSession({
    ctx,
    userId: user.id,
    organizationId: memberships[0]?.organization_id ?? null,
    ip: options.ip ?? null,
    userAgent: options.userAgent ?? null,
  });
  return { token, userId: user.id };
}
