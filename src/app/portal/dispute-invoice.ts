import { insertActions } from "../../db/repositories/actions.js";
import { findPortalInvoice } from "../../db/repositories/portal.js";
import type { AppContext } from "../context.js";
import { addDocument } from "../documents/add-document.js";
import { AppError, invalidFields } from "../errors.js";
import { updateInvoice } from "../invoices/update-invoice.js";
import { checkDisputeAttachment, type DisputeAttachment } from "./dispute-attachment.js";
import { portalAction } from "./portal-action.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/**
 * « Contester » on the portal: the client disputes one of its invoices with a reason. The invoice is marked disputed
 * as the staff's dispute does (update-invoice: the reminders stop while it lasts, `dispute_opened` on the
 * timeline), and the portal action is recorded with the caller's IP address. An optional attachment (PDF, PNG,
 * JPEG, checked before anything is written: a refused file opens no dispute) becomes a document of the client on
 * the invoice (`correspondence`, by no user), named in the portal entry.
 */
export async function disputePortalInvoice(options: {
  ctx: AppContext;
  access: PortalAccess;
  invoiceId: string;
  reason: string;
  attachment?: DisputeAttachment;
}): Promise<void> {
  const { ctx, access, attachment } = options;
  const reason = options.reason.trim();
  if (reason === "") throw invalidFields([{ path: "reason", messageCode: "portal.reason_required" }]);
  const filename = attachment ? checkDisputeAttachment(attachment) : null;
  const invoice = await findPortalInvoice(ctx.db, access.org.id, access.client.id, options.invoiceId);
  if (!invoice) throw new AppError("not_found", "portal.invoice_not_found");
  if (Number(invoice.disputed) === 1)
    throw new AppError("conflict", "portal.already_disputed", { number: invoice.number });
  if (invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents <= 0)
    throw new AppError("conflict", "portal.invoice_settled", { number: invoice.number });
  await updateInvoice({
    ctx,
    org: access.org,
    userId: null,
    id: invoice.id,
    changes: { disputed: true, dispute_reason: reason },
  });
  const document =
    attachment && filename
      ? await addDocument({
          ctx,
          org: access.org,
          userId: null,
          kind: "correspondence",
          invoiceId: invoice.id,
          filename,
          file: attachment.file,
        })
      : null;
  await insertActions(ctx.db, [
    portalAction(ctx, access, {
      kind: "portal_dispute",
      invoiceId: invoice.id,
      message: document ? "portal.timeline.disputed_with_file" : "portal.timeline.disputed",
      params: { number: invoice.number, reason, ...(document ? { filename: document.filename } : {}) },
      data: { reason, ...(document ? { document_id: document.id, filename: document.filename } : {}) },
    }),
  ]);
}
