import { epcQrPayload } from "../../core/payments/epc-qr.js";
import { findPortalInvoice, listPortalInvoices } from "../../db/repositories/portal.js";
import type { Invoice } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/**
 * The EPC payment QR code (PNG) of the portal: for one of the client's invoices (its balance, its number as the
 * transfer's text) or, without `invoiceId`, for everything owed (every open invoice's number). 404 when the
 * organization has no IBAN or nothing is owed.
 */
export async function portalQrPng(options: {
  ctx: AppContext;
  access: PortalAccess;
  invoiceId?: string | undefined;
}): Promise<Buffer> {
  const { ctx, access } = options;
  const { org, client } = access;
  let invoices: Invoice[];
  if (options.invoiceId !== undefined) {
    const invoice = await findPortalInvoice(ctx.db, org.id, client.id, options.invoiceId);
    if (!invoice) throw new AppError("not_found", "portal.invoice_not_found");
    invoices = [invoice];
  } else {
    invoices = await listPortalInvoices(ctx.db, org.id, client.id);
  }
  const open = invoices
    .map((i) => ({ number: i.number, balance: i.total_ttc_cents - i.paid_cents - i.credited_cents }))
    .filter((i) => i.balance > 0);
  const amount = open.reduce((s, i) => s + i.balance, 0);
  if (!org.iban || amount <= 0) throw new AppError("not_found", "portal.no_qr");
  const text = open
    .map((i) => i.number)
    .join(" ")
    .slice(0, 140);
  const payload = epcQrPayload({
    name: org.name.slice(0, 70),
    iban: org.iban,
    ...(org.bic ? { bic: org.bic } : {}),
    amount_cents: amount,
    ...(text ? { text } : {}),
  });
  if (!payload.ok) throw new AppError("not_found", "portal.no_qr");
  const { epcQrPng } = await import("../../templates/epc-qr-image.js");
  return epcQrPng(payload.value, 6);
}
