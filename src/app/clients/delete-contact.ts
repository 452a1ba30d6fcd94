import { appendAudit } from "../../db/repositories/audit-log.js";
import { findContact, deleteContact as removeContact } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

export async function deleteContact(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  id: string;
}): Promise<void> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const contact = await findContact(trx, org.id, id);
    if (!contact) throw new AppError("not_found", "contact.not_found");
    await removeContact(trx, org.id, id);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "contact",
      entityId: id,
      operation: "delete",
      data: { client_id: contact.client_id, name: contact.name, email: contact.email },
    });
  });
}
