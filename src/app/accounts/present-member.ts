import type { MemberRow } from "../../db/repositories/memberships.js";
import type { Invitation, Role } from "../../db/schema.js";

export interface MemberDto {
  user_id: string;
  email: string;
  name: string | null;
  role: Role;
}

export function presentMember(row: MemberRow): MemberDto {
  return { user_id: row.user_id, email: row.email, name: row.name, role: row.role };
}

/** An invitation as the owner sees it: never its token (only its hash is stored). */
export interface InvitationDto {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  expires_at: string;
}

export function presentInvitation(row: Invitation): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}
