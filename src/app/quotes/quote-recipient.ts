import type { Db } from "../../db/connect.js";
import { listContacts } from "../../db/repositories/clients.js";
import type { Contact } from "../../db/schema.js";

/**
 * Who receives a client's quote messages: its billing contact with an e-mail, else its first contact with one —
 * the dunning messages' rule (build-dunning-message.ts). Undefined: the client has no e-mail address.
 */
export async function quoteRecipient(db: Db, orgId: string, clientId: string): Promise<Contact | undefined> {
  const contacts = await listContacts(db, orgId, clientId);
  return contacts.find((c) => Number(c.is_billing) === 1 && c.email) ?? contacts.find((c) => c.email);
}
