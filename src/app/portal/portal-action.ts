import type { Insertable } from "kysely";
import { toIso } from "../../core/calendar.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import type { ActionTable } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/** A timeline entry of something done on the portal (no user: the client), with the caller's IP address. */
export function portalAction(
  ctx: AppContext,
  access: PortalAccess,
  fields: {
    kind: string;
    invoiceId: string | null;
    message: MessageCode;
    params?: Record<string, string | number>;
    data?: Record<string, unknown>;
  },
): Insertable<ActionTable> {
  const { org } = access;
  return timelineAction({
    orgId: org.id,
    clientId: access.client.id,
    invoiceId: fields.invoiceId,
    userId: null,
    kind: fields.kind,
    occurredOn: toIso(todayFor(ctx, org.time_zone)),
    at: nowIso(ctx),
    summary: formatMessage(orgLocale(org), fields.message, { ...fields.params, ip: access.ip }),
    data: { ...fields.data, ip: access.ip, link_id: access.link.id },
  });
}
