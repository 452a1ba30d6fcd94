import type { Locale } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { countUsers, findUserByEmail, insertUser } from "../../db/repositories/users.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { insertNewOrganization } from "../organizations/init-organization.js";
import { accountEmail } from "./account-email.js";
import { createSession } from "./create-session.js";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.js";

export interface SignUpOptions {
  ctx: AppContext;
  email: string;
  password: string;
  name: string;
  organizationName: string;
  locale: Locale;
  /** `first_user`: only the very first account may sign up; later ones come by invitation. */
  policy: "open" | "first_user";
  ip?: string | null;
  userAgent?: string | null;
}

/** Creates an account, its organization (the user is its owner) and a session, in one transaction. */
export async function signUp(
  options: SignUpOptions,
): Promise<{ token: string; userId: string; organizationId: string }> {
  const { ctx } = options;
  const email = accountEmail(options.email);
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("invalid_input", "auth.password_too_short", { min: MIN_PASSWORD_LENGTH });
  }
  const passwordHash = await hashPassword(options.password);
  const at = nowIso(ctx);
  const userId = newId();
  const org = await ctx.db.transaction().execute(async (trx) => {
    if (options.policy === "first_user" && (await countUsers(trx)) > 0) {
      throw new AppError("forbidden", "auth.signup_closed");
    }
    if (await findUserByEmail(trx, email)) {
      throw new AppError("conflict", "auth.email_taken", { email });
    }
    const name = options.name.trim() || null;
    await insertUser(
      trx,
      { id: userId, email, name, password_hash: passwordHash, locale: options.locale },
      at,
    );
    return insertNewOrganization(trx, {
      ctx,
      name: options.organizationName,
      locale: options.locale,
      ownerUserId: userId,
    });
  });
  const { token } = await createSession({
    ctx,
    userId,
    organizationId: org.id,
    ip: options.ip ?? null,
    userAgent: options.userAgent ?? null,
  });
  return { token, userId, organizationId: org.id };
}
