import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findClientWithSiren,
  insertClients,
  insertContacts,
  lockClientSiren,
  newClientRow,
} from "../../db/repositories/clients.js";
import type { ClientKind, Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { type ClientInput, type ContactInput, clientChanges, contactChanges } from "./client-fields.js";
import { loadClientDetail } from "./get-client.js";
import type { ClientDetailDto } from "./present-client.js";

export interface CreateClientOptions {
  ctx: AppContext;
  org: Organization;
  userId: string;
  client: ClientInput & { kind: ClientKind; name: string };
  contacts?: ContactInput[];
}

/**
 * Creates a client and its contacts in one transaction. Identifiers are checked (a SIRET implies its SIREN); a
 * second client with the same SIREN in the organization is a conflict; at most one contact is the billing one.
 */
export async function createClient(options: CreateClientOptions): Promise<ClientDetailDto> {
  const { ctx, org } = options;
  const problems: FieldProblem[] = [];
  const changes = clientChanges(options.client, undefined, problems);
  const contacts = (options.contacts ?? []).map((c, i) =>
    contactChanges(c, undefined, problems, `contacts.${i}.`),
  );
  const billing = contacts.flatMap((c, i) => (c.is_billing === 1 ? [i] : []));
  for (const i of billing.slice(1)) {
    problems.push({ path: `contacts.${i}.is_billing`, messageCode: "contact.several_billing" });
  }
  const [first, ...others] = problems;
  if (first) throw invalidFields([first, ...others]);

  const id = newId();
  const at = nowIso(ctx);
  const row = {
    ...newClientRow(
      { id, organization_id: org.id, kind: options.client.kind, name: options.client.name },
      at,
    ),
    ...changes,
  };
  return ctx.db.transaction().execute(async (trx) => {
    if (row.siren) {
      await lockClientSiren(trx, ctx.dialect, org.id, row.siren);
      const twin = await findClientWithSiren(trx, org.id, row.siren);
      if (twin) throw new AppError("conflict", "client.siren_taken", { siren: row.siren, name: twin.name });
    }
    await insertClients(trx, [row]);
    await insertContacts(
      trx,
      contacts.map((c) => ({
        id: newId(),
        organization_id: org.id,
        client_id: id,
        name: c.name ?? null,
        role: c.role ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        is_billing: c.is_billing ?? 0,
        created_at: at,
        updated_at: at,
      })),
    );
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "client",
      entityId: id,
      operation: "create",
      data: { ...changes, contacts: contacts.length },
    });
    return loadClientDetail(ctx, trx, org, id);
  });
}
