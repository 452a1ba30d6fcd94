import type { Db } from "../../db/connect.js";
import {
  findDisputeReason,
  findInvoice,
  listCreditNotesOf,
  listInvoiceLines,
} from "../../db/repositories/invoices.js";
import { listPaymentsOfInvoice } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { type InvoiceDetailDto, presentInvoiceDetail } from "./present-invoice.js";

export interface GetInvoiceOptions {
  ctx: AppContext;
  org: Organization;
  id: string;
  /** Read inside this transaction instead of ctx.db. */
  db?: Db;
}

/** One invoice of the organization with its lines, payments, credit notes and client; 404 otherwise. */
export async function getInvoice(options: GetInvoiceOptions): Promise<InvoiceDetailDto> {
  const { ctx, org, id } = options;
  const db = options.db ?? ctx.db;
  const row = await findInvoice(db, org.id, id);
  if (!row) throw new AppError("not_found", "invoice.unknown");
  const lines = await listInvoiceLines(db, org.id, row.id);
  const payments = await listPaymentsOfInvoice(db, org.id, row.id);
  const creditNotes = await listCreditNotesOf(db, org.id, row.id);
  const disputeReason = row.disputed === 1 ? await findDisputeReason(db, org.id, row.id) : null;
  const credited = row.credited_invoice_id
    ? await findInvoice(db, org.id, row.credited_invoice_id)
    : undefined;
  return presentInvoiceDetail(row, todayFor(ctx, org.time_zone), {
    lines,
    payments,
    creditNotes,
    disputeReason,
    creditedInvoice: credited ? { id: credited.id, number: credited.number } : null,
  });
}
