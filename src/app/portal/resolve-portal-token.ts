import { timingSafeEqual } from "node:crypto";
import { findClient } from "../../db/repositories/clients.js";
import { findOrganization } from "../../db/repositories/organizations.js";
import { findPortalLinkByHash, findPortalLinkById, touchPortalLink } from "../../db/repositories/portal.js";
import type { Client, Organization, PortalLink } from "../../db/schema.js";
import { hashToken } from "../accounts/session-tokens.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { parseSignedPortalToken, portalLinkKey, portalLinkMacMatches } from "./portal-link-token.js";

/** Who is on the portal: the link of the token, its organization and client, and the caller's address. */
export interface PortalAccess {
  link: PortalLink;
  org: Organization;
  client: Client;
  ip: string;
}

/** The one answer to a token that does not open the portal, whatever the reason (unknown, revoked, expired). */
export function portalNotFound(): AppError {
  return new AppError("not_found", "portal.not_found");
}

/**
 * The portal behind a token, in either form: the link's own token (looked up by its SHA-256 — the index finds the
 * hash, the hashes are then compared in constant time) or a message's signed token `<link id>.<mac>`
 * (portal-link-token.ts: the MAC checked in constant time under RELANCE_SECRET_KEY's subkey). Either way the link
 * must be live: unknown, revoked, expired and tampered tokens are refused alike. Marks the link as seen.
 */
export async function resolvePortalToken(options: {
  ctx: AppContext;
  token: string;
  ip: string;
  /** Where RELANCE_SECRET_KEY is read for signed tokens. */
  env: NodeJS.ProcessEnv;
}): Promise<PortalAccess> {
  const { ctx, token } = options;
  const link = await linkOf(ctx, token, options.env);
  if (!link) throw portalNotFound();
  const now = nowIso(ctx);
  if (link.revoked_at !== null || link.expires_at <= now) throw portalNotFound();
  const org = await findOrganization(ctx.db, link.organization_id);
  const client = org ? await findClient(ctx.db, org.id, link.client_id) : undefined;
  if (!org || !client) throw portalNotFound();
  await touchPortalLink(ctx.db, org.id, link.id, now);
  return { link, org, client, ip: options.ip };
}

async function linkOf(
  ctx: AppContext,
  token: string,
  env: NodeJS.ProcessEnv,
): Promise<PortalLink | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const signed = parseSignedPortalToken(token);
  if (signed) {
    const key = portalLinkKey(env);
    const link = key ? await findPortalLinkById(ctx.db, signed.linkId) : undefined;
    return link && key && portalLinkMacMatches(key, link, signed.mac) ? link : undefined;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const hash = hashToken(token);
  const link = await findPortalLinkByHash(ctx.db, hash);
  return link && timingSafeEqual(Buffer.from(link.token_hash), Buffer.from(hash)) ? link : undefined;
}
