import { updateSessionOrganization } from "../../db/repositories/sessions.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { insertNewOrganization } from "../organizations/init-organization.js";

/**
 * A signed-in user creates another organization (an accountant adding a client's ledger): they become its owner
 * and the session switches to it.
 */
export async function createOrganization(options: {
  ctx: AppContext;
  userId: string;
  sessionId: string;
  name: string;
  siren?: string;
}): Promise<Organization> {
  const { ctx } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const org = await insertNewOrganization(trx, {
      ctx,
      name: options.name,
      ownerUserId: options.userId,
      ...(options.siren ? { siren: options.siren } : {}),
    });
    await updateSessionOrganization(trx, options.sessionId, org.id, nowIso(ctx));
    return org;
  });
}
