import { timingSafeEqual } from "node:crypto";
import { findClient } from "../../db/repositories/clients.js";
import { findOrganization } from "../../db/repositories/organizations.js";
import { findPortalLinkByHash, touchPortalLink } from "../../db/repositories/portal.js";
import type { Client, Organization, PortalLink } from "../../db/schema.js";
import { hashToken } from "../accounts/session-tokens.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

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
 * The portal behind a token: looked up by the SHA-256 of the token (the index finds the hash, the hashes are then
 * compared in constant time), refused alike when unknown, revoked or expired. Marks the link as seen.
 */
export async function resolvePortalToken(options: {
  ctx: AppContext;
  token: string;
  ip: string;
}): Promise<PortalAccess> {
  const { ctx, token } = options;
  if (token.length < 20 || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) throw portalNotFound();
  const hash = hashToken(token);
  const link = await findPortalLinkByHash(ctx.db, hash);
  if (!link || !timingSafeEqual(Buffer.from(link.token_hash), Buffer.from(hash))) throw portalNotFound();
  const now = nowIso(ctx);
  if (link.revoked_at !== null || link.expires_at <= now) throw portalNotFound();
  const org = await findOrganization(ctx.db, link.organization_id);
  const client = org ? await findClient(ctx.db, org.id, link.client_id) : undefined;
  if (!org || !client) throw portalNotFound();
  await touchPortalLink(ctx.db, org.id, link.id, now);
  return { link, org, client, ip: options.ip };
}
