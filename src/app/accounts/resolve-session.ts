import {
  deleteSession,
  findSession,
  type SessionRecord,
  touchSession,
} from "../../db/repositories/sessions.js";
import type { AppContext } from "../context.js";
import { hashToken, SESSION_POLICY } from "./session-tokens.js";

/**
 * The session behind a cookie token, or null when there is none, it has passed its absolute end, or it has been
 * idle too long (an ended session is deleted). Refreshes last_seen_at at most once a minute.
 */
export async function resolveSession(options: {
  ctx: AppContext;
  token: string;
}): Promise<SessionRecord | null> {
  const { ctx, token } = options;
  if (token.length < 20 || token.length > 100) return null;
  const id = hashToken(token);
  const record = await findSession(ctx.db, id);
  if (!record) return null;
  const now = ctx.clock.now();
  const lastSeen = Date.parse(record.session.last_seen_at);
  if (Date.parse(record.session.expires_at) <= now || lastSeen + SESSION_POLICY.idleMs <= now) {
    await deleteSession(ctx.db, id);
    return null;
  }
  if (now - lastSeen >= SESSION_POLICY.touchEveryMs) {
    const at = new Date(now).toISOString();
    await touchSession(ctx.db, id, at);
    record.session.last_seen_at = at;
  }
  return record;
}
