import type { Client, ClientHoldKind, ClientKind, Contact, MerchantStatus } from "../../db/schema.js";
import type { ScoreSummaryDto } from "./client-scores.js";

/** What the API shows of a contact: never a raw row. */
export interface ContactDto {
  id: string;
  client_id: string;
  name: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  is_billing: boolean;
}

export function presentContact(row: Contact): ContactDto {
  return {
    id: row.id,
    client_id: row.client_id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    is_billing: row.is_billing === 1,
  };
}

export interface ClientStatsDto {
  outstanding_cents: number;
  overdue_cents: number;
  invoices: number;
  paid_invoices: number;
  /** Mean days from the due date to the last payment over fully paid invoices; null without any. */
  average_days_late: number | null;
}

export interface ClientDetailDto {
  id: string;
  kind: ClientKind;
  name: string;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  language: string;
  tags: string[];
  notes: string | null;
  /** The hold on the client's reminders (dispute, promise to pay, manual pause); null when none. */
  hold_kind: ClientHoldKind | null;
  hold_until: string | null;
  hold_reason: string | null;
  /** The client's own payment term (label), null when the organization's applies. */
  payment_term: string | null;
  merchant_status: MerchantStatus | null;
  /** The client's own dunning sequence; null when the default for its kind applies. */
  dunning_sequence_id: string | null;
  created_at: string;
  updated_at: string;
  contacts: ContactDto[];
  stats: ClientStatsDto;
  /** The payment score (docs/calls.md): 0–100 and its grade A–D, null for a client without history. */
  score: ScoreSummaryDto;
}

/** Tags are stored as JSON text; anything else reads as no tags. */
export function parseTags(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export function presentClientDetail(
  row: Client,
  contacts: Contact[],
  stats: ClientStatsDto,
  score: ScoreSummaryDto,
): ClientDetailDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    siren: row.siren,
    siret: row.siret,
    vat_number: row.vat_number,
    address: row.address,
    postal_code: row.postal_code,
    city: row.city,
    country: row.country,
    language: row.language,
    tags: parseTags(row.tags),
    notes: row.notes,
    hold_kind: row.hold_kind,
    hold_until: row.hold_until,
    hold_reason: row.hold_reason,
    payment_term: row.payment_term,
    merchant_status: row.merchant_status,
    dunning_sequence_id: row.dunning_sequence_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    contacts: contacts.map(presentContact),
    stats,
    score,
  };
}
