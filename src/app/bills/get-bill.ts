import type { Db } from "../../db/connect.js";
import { findBill, listBillInvoices, listBills } from "../../db/repositories/bills.js";
import { findClient } from "../../db/repositories/clients.js";
import type { BillState, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { type BillDto, presentBill } from "./present-bill.js";

/** One bill of the organization with its invoices; 404 otherwise. */
export async function getBill(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
  db?: Db;
}): Promise<BillDto> {
  const db = options.db ?? options.ctx.db;
  const row = await findBill(db, options.org.id, options.id);
  if (!row) throw new AppError("not_found", "bill.not_found");
  return presentBill(row, await listBillInvoices(db, options.org.id, [row.id]));
}

/** Bills, newest first: of one client (of the organization, else 404) and/or in some states. */
export async function listBillsOf(options: {
  ctx: AppContext;
  org: Organization;
  clientId?: string;
  states?: readonly BillState[];
  limit?: number;
}): Promise<BillDto[]> {
  const { ctx, org, clientId } = options;
  if (clientId && !(await findClient(ctx.db, org.id, clientId)))
    throw new AppError("not_found", "client.not_found");
  const rows = await listBills(ctx.db, org.id, {
    limit: options.limit ?? 500,
    ...(clientId ? { clientId } : {}),
    ...(options.states ? { states: options.states } : {}),
  });
  const invoices = await listBillInvoices(
    ctx.db,
    org.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentBill(r, invoices));
}
