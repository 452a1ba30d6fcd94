import { listActions as queryActions } from "../../db/repositories/actions.js";
import { findClient, findInvoiceClient } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { type ActionDto, presentAction } from "./present-action.js";

export interface ListActionsOptions {
  ctx: AppContext;
  org: Organization;
  /** A client's timeline: its own actions and those of its invoices. */
  clientId?: string;
  invoiceId?: string;
  kinds?: string[];
  limit: number;
  /** Keyset pagination: the last (occurred_at, id) of the previous page. */
  before?: { occurred_at: string; id: string };
}

/** The timeline, newest first. A client or invoice filter of another organization is not found. */
export async function listActions(options: ListActionsOptions): Promise<ActionDto[]> {
  const { ctx, org, clientId, invoiceId } = options;
  if (clientId && !(await findClient(ctx.db, org.id, clientId)))
    throw new AppError("not_found", "client.not_found");
  if (invoiceId && !(await findInvoiceClient(ctx.db, org.id, invoiceId))) {
    throw new AppError("not_found", "link.invoice_not_found");
  }
  const rows = await queryActions(ctx.db, org.id, {
    limit: options.limit,
    ...(clientId ? { clientId } : {}),
    ...(invoiceId ? { invoiceId } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return rows.map(presentAction);
}
