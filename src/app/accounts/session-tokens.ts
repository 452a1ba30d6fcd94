import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random token, URL-safe: session cookies, CSRF tokens, invitation links. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored as their SHA-256, never as such. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const SESSION_POLICY = {
  /** A session unused this long ends. */
  idleMs: 7 * 24 * 3600 * 1000,
  /** A session ends this long after login, used or not. */
  absoluteMs: 30 * 24 * 3600 * 1000,
  /** last_seen_at is written at most this often (not on every request). */
  touchEveryMs: 60 * 1000,
} as const;
