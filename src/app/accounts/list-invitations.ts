import { listPendingInvitations } from "../../db/repositories/invitations.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { type InvitationDto, presentInvitation } from "./present-member.js";

/** The invitations still waiting for an answer (neither accepted nor expired), newest first. */
export async function listInvitations(options: {
  ctx: AppContext;
  org: Organization;
  limit: number;
  after?: { created_at: string; id: string };
}): Promise<InvitationDto[]> {
  const { ctx, org } = options;
  const rows = await listPendingInvitations(ctx.db, org.id, nowIso(ctx), {
    limit: options.limit,
    ...(options.after ? { after: options.after } : {}),
  });
  return rows.map(presentInvitation);
}
