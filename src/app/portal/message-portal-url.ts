import { findLivePortalLink } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { ensurePortalLink } from "./ensure-portal-link.js";
import { portalLinkKey, signPortalLink } from "./portal-link-token.js";

/** The public address of the web app, as the client reaches it (also the invitations' and the portal card's). */
export const PUBLIC_URL_ENV = "RELANCE_PUBLIC_URL";

/**
 * The address messages point to: RELANCE_PUBLIC_URL, else http://localhost:<PORT or 3000> (right only on the
 * machine that runs Relance: set RELANCE_PUBLIC_URL on a server). The daily run has no request to take a host from.
 */
export function publicBaseUrl(env: NodeJS.ProcessEnv): string {
  const configured = env[PUBLIC_URL_ENV]?.trim();
  const base = configured ? configured : `http://localhost:${env.PORT?.trim() || "3000"}`;
  return base.replace(/\/+$/, "");
}

/**
 * The portal's URL for a message to the client (`portal_url` in the templates): the signed form of the client's
 * live link, the link created when there is none (`create`, when the message is really built to be sent) — a
 * preview does not create one and shows `<base>/p/…` instead. Null without RELANCE_SECRET_KEY: nothing can be
 * signed, the message goes without the portal (the templates test `portal_url`).
 */
export async function messagePortalUrl(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  env: NodeJS.ProcessEnv;
  create: boolean;
}): Promise<string | null> {
  const { ctx, org, clientId, env } = options;
  const key = portalLinkKey(env);
  if (!key) return null;
  const base = publicBaseUrl(env);
  const link = options.create
    ? await ensurePortalLink({ ctx, org, clientId })
    : await findLivePortalLink(ctx.db, org.id, clientId, nowIso(ctx));
  return link ? `${base}/p/${signPortalLink(key, link)}` : `${base}/p/…`;
}

/** How a message builder gets the portal's URL: the environment, and whether it may create the link. */
export interface MessagePortal {
  env: NodeJS.ProcessEnv;
  create: boolean;
}
