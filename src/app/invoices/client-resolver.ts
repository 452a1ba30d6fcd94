import { normalizeName } from "../../core/clients/normalize-name.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import {
  findClientsByNormalizedName,
  findClientsBySiren,
  insertClients,
  insertContacts,
  listContactEmails,
  newClientRow,
} from "../../db/repositories/clients.js";
import type { Client, ClientKind, NewClient } from "../../db/schema.js";
import type { ImportRow } from "./einvoice-rows.js";

/** What the resolver reads of a row: the client's name, ids, e-mail, kind and (e-invoices) details. */
type ClientRow = Pick<ImportRow, "client" | "siren" | "siret" | "email" | "kind" | "client_details">;

interface Known {
  id: string;
  kind: ClientKind;
  siren: string | null;
}

/**
 * Finds the client of each imported row — by SIREN, then by normalised name (never across two different SIRENs),
 * else a new client — with one query per batch, and remembers them for the rest of the file. New clients and
 * their billing contacts are queued and written by `flush`.
 */
export class ClientResolver {
  private readonly bySiren = new Map<string, Known>();
  private readonly byName = new Map<string, Known>();
  private readonly kinds = new Map<string, ClientKind>();
  private readonly contactsLoaded = new Set<string>();
  private readonly emails = new Map<string, Set<string>>();
  private readonly withBilling = new Set<string>();
  private newClients: NewClient[] = [];
  private newContacts: { client_id: string; email: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly orgId: string,
    private readonly at: string,
  ) {}

  kindOf(clientId: string): ClientKind {
    return this.kinds.get(clientId) ?? "business";
  }

  /** The client id of each row, in order. */
  async resolve(rows: ClientRow[]): Promise<string[]> {
    await this.lookUp(rows);
    const ids = rows.map((row) => this.match(row));
    await this.loadContacts(ids);
    for (const [i, row] of rows.entries()) if (row.email) this.addEmail(ids[i] as string, row.email);
    return ids;
  }

  /** Writes the clients and contacts created since the last flush. */
  async flush(report: { clients_created: number }): Promise<void> {
    await insertClients(this.db, this.newClients);
    report.clients_created += this.newClients.length;
    await insertContacts(
      this.db,
      this.newContacts.map(({ client_id, email }) => {
        const isBilling = !this.withBilling.has(client_id);
        this.withBilling.add(client_id);
        return {
          id: newId(),
          organization_id: this.orgId,
          client_id,
          name: null,
          role: null,
          email,
          phone: null,
          is_billing: isBilling ? 1 : 0,
          created_at: this.at,
          updated_at: this.at,
        };
      }),
    );
    this.newClients = [];
    this.newContacts = [];
  }

  private async lookUp(rows: ClientRow[]): Promise<void> {
    const sirens = new Set<string>();
    const names = new Set<string>();
    for (const row of rows) {
      if (row.siren && !this.bySiren.has(row.siren)) sirens.add(row.siren);
      const name = normalizeName(row.client);
      if (!this.byName.has(name)) names.add(name);
    }
    const found: Client[] = [
      ...(await findClientsBySiren(this.db, this.orgId, [...sirens])),
      ...(await findClientsByNormalizedName(this.db, this.orgId, [...names])),
    ];
    found.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    for (const c of found) this.remember({ id: c.id, kind: c.kind, siren: c.siren }, c.normalized_name);
  }

  private remember(known: Known, name: string): void {
    this.kinds.set(known.id, known.kind);
    if (known.siren && !this.bySiren.has(known.siren)) this.bySiren.set(known.siren, known);
    if (!this.byName.has(name)) this.byName.set(name, known);
  }

  private match(row: ClientRow): string {
    if (row.siren) {
      const bySiren = this.bySiren.get(row.siren);
      if (bySiren) return bySiren.id;
    }
    const name = normalizeName(row.client);
    const byName = this.byName.get(name);
    if (byName && (!row.siren || !byName.siren)) return byName.id;
    const known: Known = { id: newId(), kind: row.kind ?? "business", siren: row.siren ?? null };
    const { country, ...details } = row.client_details ?? {};
    const client = newClientRow(
      {
        id: known.id,
        organization_id: this.orgId,
        kind: known.kind,
        name: row.client,
        siren: row.siren ?? null,
        siret: row.siret ?? null,
        ...details,
      },
      this.at,
    );
    this.newClients.push(country ? { ...client, country } : client);
    this.contactsLoaded.add(known.id);
    this.remember(known, name);
    return known.id;
  }

  private async loadContacts(clientIds: string[]): Promise<void> {
    const missing = [...new Set(clientIds)].filter((id) => !this.contactsLoaded.has(id));
    for (const c of await listContactEmails(this.db, this.orgId, missing)) {
      if (c.email) this.emailsOf(c.client_id).add(c.email.toLowerCase());
      if (c.is_billing) this.withBilling.add(c.client_id);
    }
    for (const id of missing) this.contactsLoaded.add(id);
  }

  private addEmail(clientId: string, email: string): void {
    const emails = this.emailsOf(clientId);
    const key = email.toLowerCase();
    if (emails.has(key)) return;
    emails.add(key);
    this.newContacts.push({ client_id: clientId, email });
  }

  private emailsOf(clientId: string): Set<string> {
    let set = this.emails.get(clientId);
    if (!set) {
      set = new Set();
      this.emails.set(clientId, set);
    }
    return set;
  }
}
