import { insertActions } from "../../db/repositories/actions.js";
import { findPortalInvoice } from "../../db/repositories/portal.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { makeInvoiceDuplicate } from "../invoices/invoice-duplicate.js";
import { portalAction } from "./portal-action.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/** The duplicate (PDF) of one of the client's invoices, downloaded from the portal (on the timeline). */
export async function portalInvoicePdf(options: {
  ctx: AppContext;
  access: PortalAccess;
  invoiceId: string;
}): Promise<{ pdf: Buffer; filename: string }> {
  const { ctx, access } = options;
  const invoice = await findPortalInvoice(ctx.db, access.org.id, access.client.id, options.invoiceId);
  if (!invoice) throw new AppError("not_found", "portal.invoice_not_found");
  const { pdf, filename } = await makeInvoiceDuplicate({ ctx, org: access.org, id: invoice.id });
  await insertActions(ctx.db, [
    portalAction(ctx, access, {
      kind: "portal_download",
      invoiceId: invoice.id,
      message: "portal.timeline.download",
      params: { number: invoice.number },
    }),
  ]);
  return { pdf, filename };
}
