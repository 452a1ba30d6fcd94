import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findLivePortalLink, insertPortalLink } from "../../db/repositories/portal.js";
import type { Organization, PortalLink } from "../../db/schema.js";
import { hashToken, newToken } from "../accounts/session-tokens.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { PORTAL_LINK_DAYS } from "./create-portal-link.js";

/**
 * The client's live portal link, created when there is none — for a message that quotes it (its signed form,
 * portal-link-token.ts). Unlike create-portal-link nothing is revoked and the random token is never shown (only
 * its hash is stored, as always). The creation goes on the timeline and in the audit log, by no user (the system).
 * Call it inside the message's transaction.
 */
export async function ensurePortalLink(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
}): Promise<PortalLink> {
  const { ctx, org, clientId } = options;
  const at = nowIso(ctx);
  const live = await findLivePortalLink(ctx.db, org.id, clientId, at);
  if (live) return live;
  const expiresAt = new Date(ctx.clock.now() + PORTAL_LINK_DAYS * 86_400_000).toISOString();
  const row: PortalLink = {
    id: newId(),
    organization_id: org.id,
    client_id: clientId,
    token_hash: hashToken(newToken()),
    created_at: at,
    updated_at: at,
    expires_at: expiresAt,
    revoked_at: null,
    last_seen_at: null,
    created_by: null,
  };
  await insertPortalLink(ctx.db, row);
  const locale = orgLocale(org);
  const data = { link_id: row.id, expires_at: expiresAt, source: "message" };
  await insertActions(ctx.db, [
    timelineAction({
      orgId: org.id,
      clientId,
      invoiceId: null,
      userId: null,
      kind: "portal_link_created",
      occurredOn: toIso(todayFor(ctx, org.time_zone)),
      at,
      summary: formatMessage(locale, "portal.timeline.link_created_for_messages", {
        date: formatIsoDate(expiresAt.slice(0, 10), locale),
      }),
      data,
    }),
  ]);
  await appendAudit(ctx.db, {
    organizationId: org.id,
    userId: null,
    at,
    entity: "client",
    entityId: clientId,
    operation: "portal_link_created",
    data,
  });
  return row;
}
