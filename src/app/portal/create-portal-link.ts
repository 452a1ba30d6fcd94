import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClient } from "../../db/repositories/clients.js";
import { insertPortalLink, revokePortalLinks } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { hashToken, newToken } from "../accounts/session-tokens.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { type PortalLinkDto, presentPortalLink } from "./portal-link-dto.js";

/** How long a portal link works (an organization setting later). */
export const PORTAL_LINK_DAYS = 180;

/**
 * Creates the client's portal link, revoking the one before: a 256-bit random token (base64url) returned once,
 * stored only as its SHA-256. On the client's timeline and in the audit log.
 */
export async function createPortalLink(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  clientId: string;
}): Promise<{ link: PortalLinkDto; token: string }> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const today = toIso(todayFor(ctx, org.time_zone));
  const expiresAt = new Date(ctx.clock.now() + PORTAL_LINK_DAYS * 86_400_000).toISOString();
  const token = newToken();
  const row = {
    id: newId(),
    organization_id: org.id,
    client_id: options.clientId,
    token_hash: hashToken(token),
    created_at: at,
    updated_at: at,
    expires_at: expiresAt,
    revoked_at: null,
    last_seen_at: null,
    created_by: options.userId,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const client = await findClient(trx, org.id, options.clientId);
    if (!client) throw new AppError("not_found", "client.not_found");
    await revokePortalLinks(trx, org.id, client.id, at);
    await insertPortalLink(trx, row);
    const locale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId: null,
        userId: options.userId,
        kind: "portal_link_created",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "portal.timeline.link_created", {
          date: formatIsoDate(expiresAt.slice(0, 10), locale),
        }),
        data: { link_id: row.id, expires_at: expiresAt },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "client",
      entityId: client.id,
      operation: "portal_link_created",
      data: { link_id: row.id, expires_at: expiresAt },
    });
  });
  return { link: presentPortalLink(row), token };
}
