import { findClient, findInvoiceClient } from "../../db/repositories/clients.js";
import { listDocuments as queryDocuments } from "../../db/repositories/documents.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { type DocumentDto, presentDocument } from "./present-document.js";

/** Documents, newest first; a client's list includes its invoices' documents. */
export async function listDocuments(options: {
  ctx: AppContext;
  org: Organization;
  clientId?: string;
  invoiceId?: string;
  limit: number;
  before?: { created_at: string; id: string };
}): Promise<DocumentDto[]> {
  const { ctx, org, clientId, invoiceId } = options;
  if (clientId && !(await findClient(ctx.db, org.id, clientId)))
    throw new AppError("not_found", "client.not_found");
  if (invoiceId && !(await findInvoiceClient(ctx.db, org.id, invoiceId))) {
    throw new AppError("not_found", "link.invoice_not_found");
  }
  const rows = await queryDocuments(ctx.db, org.id, {
    limit: options.limit,
    ...(clientId ? { clientId } : {}),
    ...(invoiceId ? { invoiceId } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return rows.map(presentDocument);
}
