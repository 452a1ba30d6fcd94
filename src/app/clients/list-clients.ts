import { toIso } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import { type ClientSummary, listClients as queryClients } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";

export interface ClientDto {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  city: string | null;
  invoice_count: number;
  outstanding_cents: number;
  overdue_cents: number;
}

export function presentClient(row: ClientSummary): ClientDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    siren: row.siren,
    siret: row.siret,
    vat_number: row.vat_number,
    city: row.city,
    invoice_count: row.invoice_count,
    outstanding_cents: row.outstanding_cents,
    overdue_cents: row.overdue_cents,
  };
}

export interface ListClientsOptions {
  ctx: AppContext;
  org: Organization;
  search?: string;
  sort?: "name" | "overdue";
  limit?: number;
  offset?: number;
}

export async function listClients(options: ListClientsOptions): Promise<ClientDto[]> {
  const { ctx, org } = options;
  const rows = await queryClients(ctx.db, org.id, {
    today: toIso(todayFor(ctx, org.time_zone)),
    ...(options.search ? { search: normalizeName(options.search) } : {}),
    sort: options.sort ?? "name",
    limit: options.limit ?? 1000,
    offset: options.offset ?? 0,
  });
  return rows.map(presentClient);
}
