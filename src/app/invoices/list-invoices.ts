import { toIso } from "../../core/calendar.js";
import { listInvoices as queryInvoices } from "../../db/repositories/invoices.js";
import type { InvoiceStatus, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { type InvoiceDto, presentInvoice } from "./present-invoice.js";

export interface ListInvoicesOptions {
  ctx: AppContext;
  org: Organization;
  overdue?: boolean;
  status?: InvoiceStatus[];
  clientId?: string;
  limit?: number;
  after?: { due_date: string; id: string };
}

export async function listInvoices(options: ListInvoicesOptions): Promise<InvoiceDto[]> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const rows = await queryInvoices(ctx.db, org.id, {
    today: toIso(today),
    ...(options.overdue ? { overdue: true } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.after ? { after: options.after } : {}),
  });
  return rows.map((r) => presentInvoice(r, today));
}
