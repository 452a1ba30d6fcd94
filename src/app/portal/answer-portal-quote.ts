import { insertActions } from "../../db/repositories/actions.js";
import type { AppContext } from "../context.js";
import { invalidFields } from "../errors.js";
import { acceptQuote } from "../quotes/accept-quote.js";
import { refuseQuote } from "../quotes/refuse-quote.js";
import { portalAction } from "./portal-action.js";
import { findPortalQuote } from "./portal-quotes.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/**
 * « Accepter » / « Refuser » on the portal. An acceptance goes through accept-quote.ts (the same state check — sent
 * and within its validity, 409 otherwise — and the same deposit invoice), recorded on the quote as
 * { by: null, how: "portal", ip, name }: the name typed by the client stands for its « bon pour accord ». A refusal
 * goes through refuse-quote.ts. Both add a portal entry on the timeline with the name and the IP address.
 */
export async function answerPortalQuote(options: {
  ctx: AppContext;
  access: PortalAccess;
  quoteId: string;
  answer: "accept" | "refuse";
  name: string;
  reason?: string | null;
}): Promise<{ status: string; deposit_invoice_id: string | null }> {
  const { ctx, access } = options;
  const name = options.name.trim();
  if (name === "") throw invalidFields([{ path: "name", messageCode: "portal.name_required" }]);
  const reason = options.reason?.trim() || null;
  const quote = await findPortalQuote(ctx, access, options.quoteId);
  const target = options.answer === "accept" ? "accepted" : "refused";
  const common = { ctx, org: access.org, userId: null, id: quote.id };
  const after =
    options.answer === "accept"
      ? await acceptQuote({ ...common, how: "portal", ip: access.ip, name })
      : await refuseQuote(common);
  const deposit = after.invoices.find((i) => i.kind === "deposit");
  const result = { status: after.status, deposit_invoice_id: deposit?.id ?? null };
  // answering again what is already answered changes nothing (no second entry)
  if (quote.status === target) return result;
  await insertActions(ctx.db, [
    portalAction(ctx, access, {
      kind: options.answer === "accept" ? "portal_quote_accepted" : "portal_quote_refused",
      invoiceId: null,
      message:
        options.answer === "accept" ? "portal.timeline.quote_accepted" : "portal.timeline.quote_refused",
      params: { number: quote.number, name, reason: reason ? ` : ${reason}` : "" },
      data: { quote_id: quote.id, name, ...(reason ? { reason } : {}) },
    }),
  ]);
  return result;
}
