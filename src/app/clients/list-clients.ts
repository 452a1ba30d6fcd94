import { toIso } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import {
  type ClientListAfter,
  type ClientSummary,
  listClients as queryClients,
} from "../../db/repositories/clients.js";
import type { ClientKind, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { type ScoreSummaryDto, scoresOf, summarizeScore } from "./client-scores.js";

export type { ClientListAfter };

/** A client in the API's list. */
export interface ClientListItemDto {
  id: string;
  name: string;
  kind: ClientKind;
  siren: string | null;
  city: string | null;
  outstanding_cents: number;
  overdue_cents: number;
  open_invoices: number;
  overdue_invoices: number;
  /** The payment score (docs/calls.md). */
  score: ScoreSummaryDto;
}

/** A client in `relance clients list` (the list item, with its other identifiers and every invoice counted). */
export interface ClientDto extends ClientListItemDto {
  siret: string | null;
  vat_number: string | null;
  invoice_count: number;
}

export function presentClient(row: ClientSummary, score: ScoreSummaryDto): ClientDto {
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
    open_invoices: row.open_invoices,
    overdue_invoices: row.overdue_invoices,
    score,
  };
}

export function presentClientListItem(c: ClientDto): ClientListItemDto {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    siren: c.siren,
    city: c.city,
    outstanding_cents: c.outstanding_cents,
    overdue_cents: c.overdue_cents,
    open_invoices: c.open_invoices,
    overdue_invoices: c.overdue_invoices,
    score: c.score,
  };
}

export interface ListClientsOptions {
  ctx: AppContext;
  org: Organization;
  /** A name (matched on the normalized name, anywhere) or the first digits of a SIREN/SIRET. */
  search?: string;
  kind?: ClientKind;
  sort?: "name" | "overdue";
  limit?: number;
  /** Keyset pagination: the last row of the previous page (its sort must be this list's). */
  after?: ClientListAfter;
}

/** Clients with what they owe as of today, by name or by overdue amount (largest first). */
export async function listClients(options: ListClientsOptions): Promise<ClientDto[]> {
  const { ctx, org } = options;
  const search = options.search?.trim() ?? "";
  const name = normalizeName(search);
  const digits = search.replace(/[\s.]/g, "");
  const today = todayFor(ctx, org.time_zone);
  const rows = await queryClients(ctx.db, org.id, {
    today: toIso(today),
    ...(name ? { search: name } : {}),
    ...(/^\d{3,14}$/.test(digits) ? { sirenPrefix: digits } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    sort: options.sort ?? "name",
    limit: options.limit ?? 1000,
    ...(options.after ? { after: options.after } : {}),
  });
  // the page's scores: two more queries, whatever the number of clients
  const scores = await scoresOf(
    ctx.db,
    org.id,
    rows.map((r) => r.id),
    today,
  );
  return rows.map((r) => {
    const score = scores.get(r.id);
    return presentClient(r, score ? summarizeScore(score) : { value: null, grade: null });
  });
}
