import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  clearBillingContacts,
  findClient,
  findContact,
  insertContacts,
} from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { type ContactInput, contactChanges } from "./client-fields.js";
import { type ContactDto, presentContact } from "./present-client.js";

/** Adds a contact to a client; a new billing contact takes the flag from the previous one (same transaction). */
export async function addContact(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  clientId: string;
  contact: ContactInput;
}): Promise<ContactDto> {
  const { ctx, org, clientId } = options;
  const problems: FieldProblem[] = [];
  const changes = contactChanges(options.contact, undefined, problems);
  const [first, ...others] = problems;
  const id = newId();
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findClient(trx, org.id, clientId))) throw new AppError("not_found", "client.not_found");
    if (first) throw invalidFields([first, ...others]);
    if (changes.is_billing === 1) await clearBillingContacts(trx, org.id, clientId, at);
    await insertContacts(trx, [
      {
        id,
        organization_id: org.id,
        client_id: clientId,
        name: changes.name ?? null,
        role: changes.role ?? null,
        email: changes.email ?? null,
        phone: changes.phone ?? null,
        is_billing: changes.is_billing ?? 0,
        created_at: at,
        updated_at: at,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "contact",
      entityId: id,
      operation: "create",
      data: { client_id: clientId, ...changes },
    });
    const row = await findContact(trx, org.id, id);
    if (!row) throw new AppError("internal", "http.internal");
    return presentContact(row);
  });
}
