import type { Outbox, OutboxState } from "../../db/schema.js";
import { plannedInvoices } from "./outbox-effects.js";

export interface OutboxDto {
  id: string;
  client_id: string;
  client_name: string;
  channel: Outbox["channel"];
  state: OutboxState;
  planned_on: string;
  step_id: string | null;
  invoices: { id: string; number: string }[];
  recipients: { name: string | null; address: string }[];
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string | null;
  transport: string | null;
  sent_at: string | null;
  cancel_reason: string | null;
  document_id: string | null;
  letter: {
    number: string | null;
    sent_on: string | null;
    presented_on: string | null;
    received_on: string | null;
  };
  created_at: string;
  updated_at: string;
}

export function letterOf(row: Pick<Outbox, "letter">): OutboxDto["letter"] {
  let value: Partial<OutboxDto["letter"]> = {};
  try {
    value = JSON.parse(row.letter || "{}") as Partial<OutboxDto["letter"]>;
  } catch {
    value = {};
  }
  return {
    number: value.number ?? null,
    sent_on: value.sent_on ?? null,
    presented_on: value.presented_on ?? null,
    received_on: value.received_on ?? null,
  };
}

export function presentOutbox(row: Outbox & { client_name: string }): OutboxDto {
  let recipients: OutboxDto["recipients"] = [];
  try {
    recipients = JSON.parse(row.recipients) as OutboxDto["recipients"];
  } catch {
    recipients = [];
  }
  return {
    id: row.id,
    client_id: row.client_id,
    client_name: row.client_name,
    channel: row.channel,
    state: row.state,
    planned_on: row.planned_on,
    step_id: row.step_id,
    invoices: plannedInvoices(row).map((p) => ({ id: p.id, number: p.number })),
    recipients,
    subject: row.subject,
    text_body: row.text_body,
    html_body: row.html_body,
    attempts: Number(row.attempts),
    next_attempt_at: row.next_attempt_at,
    last_error: row.last_error,
    message_id: row.message_id,
    transport: row.transport,
    sent_at: row.sent_at,
    cancel_reason: row.cancel_reason,
    document_id: row.document_id,
    letter: letterOf(row),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
