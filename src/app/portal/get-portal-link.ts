import { findClient } from "../../db/repositories/clients.js";
import { findLivePortalLink } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { type PortalLinkDto, presentPortalLink } from "./portal-link-dto.js";

/** The client's portal link in force (without its token, which was shown once), or null. */
export async function getPortalLink(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
}): Promise<PortalLinkDto | null> {
  const { ctx, org } = options;
  const client = await findClient(ctx.db, org.id, options.clientId);
  if (!client) throw new AppError("not_found", "client.not_found");
  const link = await findLivePortalLink(ctx.db, org.id, client.id, nowIso(ctx));
  return link ? presentPortalLink(link) : null;
}
