import { toIso } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import { listInvoices as queryInvoices } from "../../db/repositories/invoices.js";
import type { InvoiceKind, InvoiceStatus, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { type InvoiceDto, presentInvoice } from "./present-invoice.js";

export interface ListInvoicesOptions {
  ctx: AppContext;
  org: Organization;
  /** Open or partially paid, due before today. */
  overdue?: boolean;
  status?: InvoiceStatus[];
  clientId?: string;
  disputed?: boolean;
  kind?: InvoiceKind;
  /** Part of the invoice number, or of the client's name (case and accents ignored). */
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  issueFrom?: string;
  issueTo?: string;
  /** Bounds on the total including VAT, inclusive. */
  minCents?: number;
  maxCents?: number;
  limit?: number;
  /** Keyset pagination: the (due_date, id) of the last invoice of the previous page. */
  after?: { due_date: string; id: string };
}

/** Invoices in due-date order (then id), filtered; every filter is scoped to the organization. */
export async function listInvoices(options: ListInvoicesOptions): Promise<InvoiceDto[]> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const q = options.q?.trim();
  const rows = await queryInvoices(ctx.db, org.id, {
    today: toIso(today),
    ...(options.overdue ? { overdue: true } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.disputed !== undefined ? { disputed: options.disputed } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(q ? { search: { number: q, name: normalizeName(q) } } : {}),
    ...(options.dueFrom ? { dueFrom: options.dueFrom } : {}),
    ...(options.dueTo ? { dueTo: options.dueTo } : {}),
    ...(options.issueFrom ? { issueFrom: options.issueFrom } : {}),
    ...(options.issueTo ? { issueTo: options.issueTo } : {}),
    ...(options.minCents !== undefined ? { minCents: options.minCents } : {}),
    ...(options.maxCents !== undefined ? { maxCents: options.maxCents } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.after ? { after: options.after } : {}),
  });
  return rows.map((r) => presentInvoice(r, today));
}
