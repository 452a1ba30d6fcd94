import { toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClient } from "../../db/repositories/clients.js";
import { revokePortalLinks } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";

/** Revokes the client's portal link (its URL answers 404 from now on); nothing to revoke writes nothing. */
export async function revokePortalLink(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  clientId: string;
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const client = await findClient(trx, org.id, options.clientId);
    if (!client) throw new AppError("not_found", "client.not_found");
    const revoked = await revokePortalLinks(trx, org.id, client.id, at);
    if (revoked === 0) return;
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: client.id,
        invoiceId: null,
        userId: options.userId,
        kind: "portal_link_revoked",
        occurredOn: toIso(todayFor(ctx, org.time_zone)),
        at,
        summary: formatMessage(orgLocale(org), "portal.timeline.link_revoked"),
        data: {},
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "client",
      entityId: client.id,
      operation: "portal_link_revoked",
      data: {},
    });
  });
}
