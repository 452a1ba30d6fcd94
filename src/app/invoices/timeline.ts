import type { Insertable } from "kysely";
import { isLocale, type Locale } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import type { ActionTable, Organization } from "../../db/schema.js";

/** The language of what is written for the organization itself (timeline summaries): its own locale. */
export function orgLocale(org: Organization): Locale {
  return isLocale(org.locale) ? org.locale : "fr";
}

/** One action row of a client's timeline (written in the same transaction as the change it records). */
export function timelineAction(fields: {
  orgId: string;
  clientId: string | null;
  invoiceId: string | null;
  userId: string | null;
  kind: string;
  occurredOn: string;
  at: string;
  summary: string;
  data: Record<string, unknown>;
}): Insertable<ActionTable> {
  return {
    id: newId(),
    organization_id: fields.orgId,
    client_id: fields.clientId,
    invoice_id: fields.invoiceId,
    user_id: fields.userId,
    kind: fields.kind,
    occurred_on: fields.occurredOn,
    occurred_at: fields.at,
    summary: fields.summary,
    data: JSON.stringify(fields.data),
    idempotency_key: null,
    created_at: fields.at,
    updated_at: fields.at,
  };
}
