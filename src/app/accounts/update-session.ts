import type { Locale } from "../../core/messages.js";
import { updateSessionOrganization } from "../../db/repositories/sessions.js";
import { findMembership, updateUser } from "../../db/repositories/users.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

/** Switches the session's active organization (only to one the user belongs to) and/or the user's language. */
export async function updateSession(options: {
  ctx: AppContext;
  sessionId: string;
  userId: string;
  organizationId?: string;
  locale?: Locale;
}): Promise<void> {
  const { ctx } = options;
  const at = nowIso(ctx);
  if (options.organizationId !== undefined) {
    if (!(await findMembership(ctx.db, options.organizationId, options.userId))) {
      throw new AppError("not_found", "auth.not_member");
    }
    await updateSessionOrganization(ctx.db, options.sessionId, options.organizationId, at);
  }
  if (options.locale) await updateUser(ctx.db, options.userId, { locale: options.locale }, at);
}
