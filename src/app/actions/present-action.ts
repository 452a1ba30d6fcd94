import type { ActionView } from "../../db/repositories/actions.js";

/** A timeline entry as the API shows it (`data` parsed). */
export interface ActionDto {
  id: string;
  kind: string;
  occurred_on: string;
  occurred_at: string;
  summary: string;
  client_id: string | null;
  invoice_id: string | null;
  invoice_number: string | null;
  user_name: string | null;
  data: Record<string, unknown>;
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function presentAction(row: ActionView): ActionDto {
  return {
    id: row.id,
    kind: row.kind,
    occurred_on: row.occurred_on,
    occurred_at: row.occurred_at,
    summary: row.summary,
    client_id: row.client_id,
    invoice_id: row.invoice_id,
    invoice_number: row.invoice_number,
    user_name: row.user_name,
    data: parseData(row.data),
  };
}
