import type { MessageCode } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { findClient, findInvoiceClient } from "../../db/repositories/clients.js";
import { AppError } from "../errors.js";

/** What a note or a document is attached to: always a client, and maybe one of its invoices. */
export interface Link {
  client_id: string;
  invoice_id: string | null;
  invoice_number: string | null;
}

/**
 * Checks that the client and the invoice belong to the organization (404 otherwise, whoever owns them) and fit
 * together; an invoice alone implies its client. Neither is `missing` (400).
 */
export async function resolveLink(
  db: Db,
  orgId: string,
  ids: { clientId?: string | undefined; invoiceId?: string | undefined },
  missing: MessageCode,
): Promise<Link> {
  const { clientId, invoiceId } = ids;
  if (!clientId && !invoiceId) {
    throw new AppError("invalid_input", missing, {}, [{ path: "client_id", messageCode: missing }]);
  }
  if (clientId && !(await findClient(db, orgId, clientId)))
    throw new AppError("not_found", "client.not_found");
  if (!invoiceId) return { client_id: clientId ?? "", invoice_id: null, invoice_number: null };
  const invoice = await findInvoiceClient(db, orgId, invoiceId);
  if (!invoice) throw new AppError("not_found", "link.invoice_not_found");
  if (clientId && invoice.client_id !== clientId) {
    throw new AppError("invalid_input", "link.client_mismatch", { number: invoice.number }, [
      { path: "invoice_id", messageCode: "link.client_mismatch", params: { number: invoice.number } },
    ]);
  }
  return { client_id: invoice.client_id, invoice_id: invoice.id, invoice_number: invoice.number };
}
