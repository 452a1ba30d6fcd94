import { deleteSessionsOfUser } from "../../db/repositories/sessions.js";
import { findUserByEmail, updateUser } from "../../db/repositories/users.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { accountEmail } from "./account-email.js";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.js";

/**
 * Sets a user's password from the command line (someone with access to the server): the owner created by
 * `relance init --email`, or a forgotten password until reset by e-mail exists. Ends the user's sessions.
 */
export async function setPassword(options: {
  ctx: AppContext;
  email: string;
  password: string;
}): Promise<void> {
  const { ctx } = options;
  const email = accountEmail(options.email);
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("invalid_input", "auth.password_too_short", { min: MIN_PASSWORD_LENGTH });
  }
  const hash = await hashPassword(options.password);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw new AppError("not_found", "user.not_found", { email });
    await updateUser(trx, user.id, { password_hash: hash }, nowIso(ctx));
    await deleteSessionsOfUser(trx, user.id);
  });
}
