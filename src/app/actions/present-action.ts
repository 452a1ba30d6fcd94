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
  /**
   * The invoices the entry is about, by number: its invoice's, or for an entry of the client about several invoices
   * (a plan proposed, a promise kept or cancelled, an acknowledgement of debt generated) those its data names.
   */
  invoice_numbers: string[];
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

/** `data.invoices` when it is a list of invoice numbers. */
function numbersOf(data: Record<string, unknown>): string[] {
  const list = data.invoices;
  return Array.isArray(list) && list.every((n) => typeof n === "string") ? (list as string[]) : [];
}

export function presentAction(row: ActionView): ActionDto {
  const data = parseData(row.data);
  return {
    id: row.id,
    kind: row.kind,
    occurred_on: row.occurred_on,
    occurred_at: row.occurred_at,
    summary: row.summary,
    client_id: row.client_id,
    invoice_id: row.invoice_id,
    invoice_number: row.invoice_number,
    invoice_numbers: row.invoice_number ? [row.invoice_number] : numbersOf(data),
    user_name: row.user_name,
    data,
  };
}
