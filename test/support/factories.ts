import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/db/ids.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import type { ClientKind, Organization } from "../../src/db/schema.js";

const AT = "2025-01-01T00:00:00.000Z";

export async function makeClient(
  ctx: AppContext,
  org: Organization,
  fields: { name?: string; kind?: ClientKind; siren?: string | null } = {},
): Promise<string> {
  const id = newId();
  const name = fields.name ?? "Boulangerie Dupont";
  await insertClients(ctx.db, [
    newClientRow(
      { id, organization_id: org.id, kind: fields.kind ?? "business", name, siren: fields.siren ?? null },
      AT,
    ),
  ]);
  return id;
}

export async function makeInvoice(
  ctx: AppContext,
  org: Organization,
  clientId: string,
  fields: { number?: string; total_cents?: number; issue_date?: string; due_date?: string } = {},
): Promise<string> {
  const id = newId();
  await insertInvoicesSkippingExisting(ctx.db, [
    {
      id,
      organization_id: org.id,
      client_id: clientId,
      quote_id: null,
      kind: "invoice",
      number: fields.number ?? "F-2025-0001",
      issue_date: fields.issue_date ?? "2025-01-15",
      delivery_date: null,
      due_date: fields.due_date ?? "2025-02-14",
      currency: "EUR",
      total_ht_cents: null,
      total_vat_cents: null,
      total_ttc_cents: fields.total_cents ?? 120000,
      paid_cents: 0,
      status: "open",
      penalty_clause: "default",
      indemnity_applies: 1,
      source: "created",
      disputed: 0,
      notes: null,
      created_at: AT,
      updated_at: AT,
    },
  ]);
  return id;
}
