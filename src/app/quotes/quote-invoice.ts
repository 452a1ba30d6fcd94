import { deriveStatus } from "../../core/invoices/balance.js";
import type { LineInput, Totals } from "../../core/invoices/totals.js";
import { lineNet } from "../../core/invoices/totals.js";
import { quoteInvoiceNumbers } from "../../core/quotes/numbers.js";
import type { Db, Dialect } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import {
  type findClientOf,
  findTakenInvoiceNumbers,
  insertInvoice,
  insertInvoiceLines,
  lockInvoiceNumbering,
} from "../../db/repositories/invoices.js";
import type { Quote } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { AppError } from "../errors.js";

type Client = NonNullable<Awaited<ReturnType<typeof findClientOf>>>;

/**
 * The number of an invoice made from a quote, under the organization's numbering lock (create-invoice.ts): the
 * one asked (409 if taken) or the first free default (quote-invoice numbers in core/quotes/numbers.ts).
 */
export async function pickQuoteInvoiceNumber(
  trx: Db,
  dialect: Dialect,
  orgId: string,
  prefix: "AC" | "F",
  quote: Quote,
  asked: string | undefined,
): Promise<string> {
  await lockInvoiceNumbering(trx, dialect, orgId);
  if (asked !== undefined) {
    if ((await findTakenInvoiceNumbers(trx, orgId, [asked])).size > 0) {
      const params = { number: asked };
      throw new AppError("conflict", "invoice.number_taken", params, [
        { path: prefix === "AC" ? "deposit_number" : "number", messageCode: "invoice.number_taken", params },
      ]);
    }
    return asked;
  }
  const candidates = quoteInvoiceNumbers(prefix, quote.number);
  const taken = await findTakenInvoiceNumbers(trx, orgId, candidates);
  const free = candidates.find((n) => !taken.has(n));
  if (!free) throw new AppError("conflict", "quote.invoice_number_taken", { number: quote.number });
  return free;
}

export interface QuoteInvoiceLine extends LineInput {
  description: string;
}

/** Writes an invoice made from a quote (kind deposit or final invoice) with its lines and the given totals. */
export async function insertQuoteInvoice(
  trx: Db,
  fields: {
    org: Organization;
    client: Client;
    quote: Quote;
    kind: "invoice" | "deposit";
    number: string;
    issueDate: string;
    dueDate: string;
    lines: QuoteInvoiceLine[];
    totals: Totals;
    notes: string;
    at: string;
  },
): Promise<string> {
  const { org, client, totals, at } = fields;
  const id = newId();
  await insertInvoice(trx, {
    id,
    organization_id: org.id,
    client_id: client.id,
    quote_id: fields.quote.id,
    kind: fields.kind,
    number: fields.number,
    issue_date: fields.issueDate,
    delivery_date: null,
    due_date: fields.dueDate,
    currency: "EUR",
    total_ht_cents: totals.total_ht_cents,
    total_vat_cents: totals.total_vat_cents,
    total_ttc_cents: totals.total_ttc_cents,
    paid_cents: 0,
    credited_cents: 0,
    status: deriveStatus({ total_cents: totals.total_ttc_cents, paid_cents: 0 }),
    penalty_clause: org.penalty_clause,
    indemnity_applies: client.kind === "consumer" ? 0 : 1,
    source: "created",
    disputed: 0,
    notes: fields.notes,
    created_at: at,
    updated_at: at,
  });
  await insertInvoiceLines(
    trx,
    fields.lines.map((l, i) => ({
      id: newId(),
      organization_id: org.id,
      invoice_id: id,
      position: i + 1,
      description: l.description,
      quantity_milli: l.quantity_milli,
      unit_price_cents: l.unit_price_cents,
      vat_rate_bp: l.vat_rate_bp,
      discount_cents: l.discount_cents ?? 0,
      net_cents: lineNet(l),
      created_at: at,
      updated_at: at,
    })),
  );
  return id;
}
