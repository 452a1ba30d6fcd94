import type { PortalLink } from "../../db/schema.js";

/** A portal link as the staff API shows it: never its token (shown once, at creation) nor its hash. */
export interface PortalLinkDto {
  id: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  created_by: string | null;
}

export function presentPortalLink(row: PortalLink): PortalLinkDto {
  return {
    id: row.id,
    client_id: row.client_id,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_seen_at: row.last_seen_at,
    created_by: row.created_by,
  };
}
