import { http, type Page } from "./client";

export interface Action {
  id: string;
  kind: string;
  occurred_on: string;
  occurred_at: string | null;
  summary: string;
  client_id: string | null;
  invoice_id: string | null;
  user_name: string | null;
  data: unknown;
}

export const listActions = (query: {
  client_id?: string;
  invoice_id?: string;
  cursor?: string;
  limit?: number;
}) => http.get<Page<Action>>("/actions", query);

export const addAction = (body: {
  kind: "note" | "call";
  client_id?: string;
  invoice_id?: string;
  summary: string;
  occurred_on?: string;
}) => http.post<Action>("/actions", body);
