import type { CallView, PromiseView } from "../../db/repositories/calls.js";
import type { CallOutcome, PromiseState } from "../../db/schema.js";

export const CALL_OUTCOMES = ["reached", "voicemail", "no_answer", "wrong_number", "call_back"] as const;
export const PROMISE_STATES = ["open", "kept", "broken", "cancelled"] as const;
export const TONES = ["friendly", "firm", "formal"] as const;

/** A call as the API and `--json` show it. */
export interface CallDto {
  id: string;
  client_id: string;
  client_name: string;
  user_name: string | null;
  occurred_at: string;
  occurred_on: string;
  contact_id: string | null;
  contact_name: string | null;
  phone: string | null;
  outcome: CallOutcome;
  call_back_on: string | null;
  notes: string | null;
  tone: string | null;
}

export function presentCall(row: CallView): CallDto {
  return {
    id: row.id,
    client_id: row.client_id,
    client_name: row.client_name,
    user_name: row.user_name,
    occurred_at: row.occurred_at,
    occurred_on: row.occurred_on,
    contact_id: row.contact_id,
    contact_name: row.contact_name,
    phone: row.phone,
    outcome: row.outcome as CallOutcome,
    call_back_on: row.call_back_on,
    notes: row.notes,
    tone: row.tone,
  };
}

/** A promise to pay as the API and `--json` show it. */
export interface PromiseDto {
  id: string;
  client_id: string;
  client_name: string;
  call_id: string | null;
  amount_cents: number;
  promised_on: string;
  grace_days: number;
  /** The last day reminders are held: promised_on + grace_days. */
  hold_until: string;
  state: PromiseState;
  resolved_on: string | null;
  invoice_ids: string[];
  /** true: the hold is on the client (every open invoice was promised). */
  holds_client: boolean;
  created_at: string;
}

export function parseIds(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function presentPromise(row: PromiseView, holdUntil: string): PromiseDto {
  return {
    id: row.id,
    client_id: row.client_id,
    client_name: row.client_name,
    call_id: row.call_id,
    amount_cents: Number(row.amount_cents),
    promised_on: row.promised_on,
    grace_days: Number(row.grace_days),
    hold_until: holdUntil,
    state: row.state,
    resolved_on: row.resolved_on,
    invoice_ids: parseIds(row.invoice_ids),
    holds_client: Number(row.holds_client) === 1,
    created_at: row.created_at,
  };
}
