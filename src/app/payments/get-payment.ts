import type { Db } from "../../db/connect.js";
import { findPayment, listAllocationsOfPayments } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { type PaymentDto, presentPayment } from "./present-payment.js";

/** One payment of the organization with its allocations; 404 otherwise. */
export async function getPayment(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
  db?: Db;
}): Promise<PaymentDto> {
  const db = options.db ?? options.ctx.db;
  const row = await findPayment(db, options.org.id, options.id);
  if (!row) throw new AppError("not_found", "payment.unknown");
  return presentPayment(row, await listAllocationsOfPayments(db, options.org.id, [row.id]));
}
