import { http, type Page } from "./client";

export type ClientKind = "business" | "consumer" | "public";
export type MerchantStatus = "merchant" | "non_merchant";

export interface ClientListItem {
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
  score?: ScoreSummary;
}

/** 0–100 and its grade A (good payer) … D (habitual late payer); null: no history yet. */
export interface ScoreSummary {
  value: number | null;
  grade: "A" | "B" | "C" | "D" | null;
}

export interface Contact {
  id: string;
  name: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  is_billing: boolean;
}

export type ContactInput = Partial<Omit<Contact, "id">>;

export interface ClientDetail {
  id: string;
  name: string;
  kind: ClientKind;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
  notes: string | null;
  /** The hold on all the client's reminders; null when none. */
  hold_kind?: "dispute" | "promise" | "manual" | null;
  hold_until?: string | null;
  hold_reason?: string | null;
  payment_term: string | null;
  merchant_status: MerchantStatus | null;
  /** The client's own dunning sequence; null: the default for its kind. */
  dunning_sequence_id?: string | null;
  updated_at: string;
  contacts: Contact[];
  score?: ScoreSummary;
  stats: {
    outstanding_cents: number;
    overdue_cents: number;
    invoices: number;
    paid_invoices: number;
    average_days_late: number | null;
  };
}

export interface ClientInput {
  kind: ClientKind;
  name: string;
  siren?: string;
  siret?: string;
  vat_number?: string;
  address?: string;
  postal_code?: string;
  city?: string;
  country?: string;
  language?: string;
  notes?: string;
  payment_term?: string | null;
  merchant_status?: MerchantStatus | null;
  dunning_sequence_id?: string | null;
  contacts?: ContactInput[];
}

export interface ClientListQuery {
  q?: string;
  sort?: "overdue" | "name";
  kind?: ClientKind;
  cursor?: string;
  limit?: number;
}

export const listClients = (query: ClientListQuery, signal?: AbortSignal) =>
  http.get<Page<ClientListItem>>("/clients", { ...query }, signal);

export const getClient = (id: string) => http.get<ClientDetail>(`/clients/${encodeURIComponent(id)}`);

export const createClient = (body: ClientInput) => http.post<ClientDetail>("/clients", body);

export const updateClient = (id: string, body: Partial<ClientInput>) =>
  http.patch<ClientDetail>(`/clients/${encodeURIComponent(id)}`, body);

export const addContact = (clientId: string, body: ContactInput) =>
  http.post<Contact>(`/clients/${encodeURIComponent(clientId)}/contacts`, body);

export const updateContact = (id: string, body: ContactInput) =>
  http.patch<Contact>(`/contacts/${encodeURIComponent(id)}`, body);

export const deleteContact = (id: string) => http.delete(`/contacts/${encodeURIComponent(id)}`);
