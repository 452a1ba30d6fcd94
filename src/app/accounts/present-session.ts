import type { SessionRecord } from "../../db/repositories/sessions.js";
import { listMembershipsOfUser } from "../../db/repositories/users.js";
import type { Role } from "../../db/schema.js";
import type { AppContext } from "../context.js";

export interface SessionDto {
  user: { id: string; email: string; name: string | null; locale: string };
  organization: { id: string; name: string; role: Role } | null;
  organizations: { id: string; name: string; role: Role }[];
  csrf_token: string;
}

export async function presentSession(ctx: AppContext, record: SessionRecord): Promise<SessionDto> {
  const memberships = await listMembershipsOfUser(ctx.db, record.user.id);
  const m = record.membership;
  return {
    user: record.user,
    organization: m ? { id: m.organization_id, name: m.organization_name, role: m.role } : null,
    organizations: memberships.map((o) => ({ id: o.organization_id, name: o.name, role: o.role })),
    csrf_token: record.session.csrf_token,
  };
}
