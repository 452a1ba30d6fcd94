import { insertSession } from "../../db/repositories/sessions.js";
import type { AppContext } from "../context.js";
import { hashToken, newToken, SESSION_POLICY } from "./session-tokens.js";

export interface CreateSessionOptions {
  ctx: AppContext;
  userId: string;
  organizationId: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** Opens a new session (a fresh token at every login: no session fixation). Returns the cookie token. */
export async function createSession(
  options: CreateSessionOptions,
): Promise<{ token: string; sessionId: string }> {
  const { ctx } = options;
  const now = ctx.clock.now();
  const at = new Date(now).toISOString();
  const token = newToken();
  const sessionId = hashToken(token);
  await insertSession(ctx.db, {
    id: sessionId,
    user_id: options.userId,
    organization_id: options.organizationId,
    csrf_token: newToken(),
    created_at: at,
    updated_at: at,
    last_seen_at: at,
    expires_at: new Date(now + SESSION_POLICY.absoluteMs).toISOString(),
    ip: options.ip ?? null,
    user_agent: options.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId };
}
