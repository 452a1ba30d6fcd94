import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  clearBillingContacts,
  findContact,
  updateContact as writeContact,
} from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { type ContactInput, contactChanges } from "./client-fields.js";
import { type ContactDto, presentContact } from "./present-client.js";

/** Changes a contact; making it the billing contact un-flags the client's other one (same transaction). */
export async function updateContact(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  id: string;
  changes: ContactInput;
}): Promise<ContactDto> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findContact(trx, org.id, id);
    if (!current) throw new AppError("not_found", "contact.not_found");
    const problems: FieldProblem[] = [];
    const changes = contactChanges(options.changes, current, problems);
    const [first, ...others] = problems;
    if (first) throw invalidFields([first, ...others]);
    if (changes.is_billing === 1) await clearBillingContacts(trx, org.id, current.client_id, at, id);
    if (Object.keys(changes).length > 0) {
      await writeContact(trx, org.id, id, { ...changes, updated_at: at });
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "contact",
        entityId: id,
        operation: "update",
        data: changes,
      });
    }
    const row = await findContact(trx, org.id, id);
    if (!row) throw new AppError("internal", "http.internal");
    return presentContact(row);
  });
}
