import { http, type Page } from "./client";

export interface Action {
  id: string;
  kind: string;
  occurred_on: string;
  occurred_at: string | null;
  summary: string;
  client_id: string | null;
  invoice_id: string | null;
  invoice_number?: string | null;
  /** The invoices the entry is about: its own, or those a client's entry names (a plan, a promise). */
  invoice_numbers?: string[];
  user_name: string | null;
  data: unknown;
}

export const listActions = (query: {
  client_id?: string;
  invoice_id?: string;
  cursor?: string;
  limit?: number;
}) => http.get<Page<Action>>("/actions", query);

/** What a user can write on the timeline; the last three interrupt prescription (Code civil 2240 s.). */
export type TimelineEntryKind = "note" | "call" | "acknowledgement" | "court_claim" | "enforcement";

export const addAction = (body: {
  kind: TimelineEntryKind;
  client_id?: string;
  invoice_id?: string;
  summary: string;
  occurred_on?: string;
}) => http.post<Action>("/actions", body);
