import { depositCents } from "../../core/invoices/quotes.js";
import type { QuoteLineRow, QuoteRow } from "../../db/repositories/quotes.js";
import type { ClientKind, QuoteStatus } from "../../db/schema.js";
import type { InvoiceLineDto } from "../invoices/present-invoice.js";

export interface QuoteDto {
  id: string;
  number: string;
  client_id: string;
  client: string;
  issue_date: string;
  valid_until: string | null;
  total_ht_cents: number;
  total_vat_cents: number;
  total_ttc_cents: number;
  deposit_percent: number;
  /** TTC × deposit_percent / 100, rounded half up. */
  deposit_cents: number;
  status: QuoteStatus;
  accepted_at: string | null;
}

export interface QuoteDetailDto extends Omit<QuoteDto, "client"> {
  client: { id: string; name: string; kind: ClientKind };
  /** Who accepted and how (`manual`: recorded by a user). */
  acceptance: { by: string | null; how: string } | null;
  lines: InvoiceLineDto[];
}

export function presentQuote(row: QuoteRow): QuoteDto {
  return {
    id: row.id,
    number: row.number,
    client_id: row.client_id,
    client: row.client_name,
    issue_date: row.issue_date,
    valid_until: row.valid_until,
    total_ht_cents: row.total_ht_cents,
    total_vat_cents: row.total_vat_cents,
    total_ttc_cents: row.total_ttc_cents,
    deposit_percent: row.deposit_percent,
    deposit_cents: depositCents(row.total_ttc_cents, row.deposit_percent),
    status: row.status,
    accepted_at: row.accepted_at,
  };
}

function parseAcceptance(text: string | null): { by: string | null; how: string } | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { by?: unknown; how?: unknown };
    return {
      by: typeof value.by === "string" ? value.by : null,
      how: typeof value.how === "string" ? value.how : "",
    };
  } catch {
    return null;
  }
}

export function presentQuoteDetail(row: QuoteRow, lines: QuoteLineRow[]): QuoteDetailDto {
  const { client: _name, ...summary } = presentQuote(row);
  return {
    ...summary,
    client: { id: row.client_id, name: row.client_name, kind: row.client_kind as ClientKind },
    acceptance: parseAcceptance(row.acceptance),
    lines: lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity_milli: l.quantity_milli,
      unit_price_cents: l.unit_price_cents,
      vat_rate_bp: l.vat_rate_bp,
      discount_cents: l.discount_cents,
      total_ht_cents: l.net_cents,
    })),
  };
}
