import { listMembers as selectMembers } from "../../db/repositories/memberships.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { type MemberDto, presentMember } from "./present-member.js";

/** The members of the organization by e-mail, from the keyset `after` (pass the page size + 1). */
export async function listMembers(options: {
  ctx: AppContext;
  org: Organization;
  limit: number;
  after?: { email: string; user_id: string };
}): Promise<MemberDto[]> {
  const { ctx, org } = options;
  const rows = await selectMembers(ctx.db, org.id, {
    limit: options.limit,
    ...(options.after ? { after: options.after } : {}),
  });
  return rows.map(presentMember);
}
