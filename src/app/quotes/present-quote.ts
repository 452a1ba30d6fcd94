import type { PlainDate } from "../../core/calendar.js";
import { depositAmount, type VatBase } from "../../core/quotes/deposit.js";
import { quoteStateOn } from "../../core/quotes/state.js";
import type { QuoteInvoiceRow, QuoteLineRow, QuoteRow } from "../../db/repositories/quotes.js";
import type { ClientKind, QuoteStatus } from "../../db/schema.js";
import type { InvoiceLineDto } from "../invoices/present-invoice.js";

/** An invoice made from the quote: its deposit invoice(s) (kind `deposit`) and its final invoice (`invoice`). */
export interface QuoteInvoiceDto {
  id: string;
  kind: "deposit" | "invoice";
  number: string;
  issue_date: string | null;
  total_cents: number;
  paid_cents: number;
  balance_cents: number;
  status: string;
}

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
  /** Per VAT rate, HT × deposit_percent / 100 rounded half up, plus its VAT (core/quotes/deposit.ts). */
  deposit_cents: number;
  /** The stored status, except a sent quote past its validity, which reads `expired`. */
  status: QuoteStatus;
  accepted_at: string | null;
  sent_at: string | null;
  refused_at: string | null;
  invoices: QuoteInvoiceDto[];
  /**
   * `deposit_unpaid`: accepted, a deposit asked and not fully paid — « Ne pas commencer les travaux : acompte non
   * réglé »; null otherwise.
   */
  warning: "deposit_unpaid" | null;
}

export interface QuoteDetailDto extends Omit<QuoteDto, "client"> {
  client: { id: string; name: string; kind: ClientKind };
  /** Who accepted (a user, or the name typed on the portal), how (`manual`, `signed`, `portal`), from which IP. */
  acceptance: { by: string | null; how: string; ip: string | null; name: string | null } | null;
  lines: InvoiceLineDto[];
}

function presentInvoice(r: QuoteInvoiceRow): QuoteInvoiceDto {
  return {
    id: r.id,
    kind: r.kind === "deposit" ? "deposit" : "invoice",
    number: r.number,
    issue_date: r.issue_date,
    total_cents: r.total_ttc_cents,
    paid_cents: r.paid_cents,
    balance_cents: r.total_ttc_cents - r.paid_cents - r.credited_cents,
    status: r.status,
  };
}

export function presentQuote(
  row: QuoteRow,
  bases: readonly VatBase[],
  invoices: readonly QuoteInvoiceRow[],
  today: PlainDate,
): QuoteDto {
  const status = quoteStateOn(row, today);
  const made = invoices.filter((i) => i.quote_id === row.id).map(presentInvoice);
  const deposits = made.filter((i) => i.kind === "deposit");
  const unpaid =
    row.status === "accepted" &&
    deposits.length > 0 &&
    deposits.some((d) => d.balance_cents > 0 && d.status !== "cancelled");
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
    deposit_cents: depositAmount(bases, row.deposit_percent),
    status,
    accepted_at: row.accepted_at,
    sent_at: row.sent_at,
    refused_at: row.refused_at,
    invoices: made,
    warning: unpaid ? "deposit_unpaid" : null,
  };
}

function parseAcceptance(text: string | null): QuoteDetailDto["acceptance"] {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { by?: unknown; how?: unknown; ip?: unknown; name?: unknown };
    return {
      by: typeof value.by === "string" ? value.by : null,
      how: typeof value.how === "string" ? value.how : "",
      ip: typeof value.ip === "string" ? value.ip : null,
      name: typeof value.name === "string" ? value.name : null,
    };
  } catch {
    return null;
  }
}

export function presentQuoteDetail(
  row: QuoteRow,
  lines: QuoteLineRow[],
  invoices: readonly QuoteInvoiceRow[],
  today: PlainDate,
): QuoteDetailDto {
  const bases = linesBases(lines);
  const { client: _name, ...summary } = presentQuote(row, bases, invoices, today);
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

/** The HT per VAT rate of stored lines (their nets), highest rate first. */
export function linesBases(lines: readonly QuoteLineRow[]): VatBase[] {
  const m = new Map<number, number>();
  for (const l of lines) m.set(l.vat_rate_bp, (m.get(l.vat_rate_bp) ?? 0) + l.net_cents);
  return [...m].sort(([a], [b]) => b - a).map(([vat_rate_bp, ht_cents]) => ({ vat_rate_bp, ht_cents }));
}
