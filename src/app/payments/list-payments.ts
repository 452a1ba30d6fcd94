import { listAllocationsOfPayments, listPayments as queryPayments } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { type PaymentDto, presentPayment } from "./present-payment.js";

export interface ListPaymentsOptions {
  ctx: AppContext;
  org: Organization;
  clientId?: string;
  invoiceId?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Keyset pagination: the (date, id) of the last payment of the previous page. */
  before?: { date: string; id: string };
}

/** Payments received, newest first, with their allocations (two queries per page). */
export async function listPayments(options: ListPaymentsOptions): Promise<PaymentDto[]> {
  const { ctx, org } = options;
  const rows = await queryPayments(ctx.db, org.id, {
    limit: options.limit,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.invoiceId ? { invoiceId: options.invoiceId } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  const allocations = await listAllocationsOfPayments(
    ctx.db,
    org.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentPayment(r, allocations));
}
