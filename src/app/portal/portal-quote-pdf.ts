import { insertActions } from "../../db/repositories/actions.js";
import type { AppContext } from "../context.js";
import { makeQuotePdf } from "../quotes/make-quote-pdf.js";
import { portalAction } from "./portal-action.js";
import { findPortalQuote } from "./portal-quotes.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/** The PDF of one of the client's quotes (not a draft), downloaded from the portal (on the timeline). */
export async function portalQuotePdf(options: {
  ctx: AppContext;
  access: PortalAccess;
  quoteId: string;
}): Promise<{ pdf: Buffer; filename: string }> {
  const { ctx, access } = options;
  const quote = await findPortalQuote(ctx, access, options.quoteId);
  const { pdf, filename } = await makeQuotePdf({ ctx, org: access.org, id: quote.id });
  await insertActions(ctx.db, [
    portalAction(ctx, access, {
      kind: "portal_download",
      invoiceId: null,
      message: "portal.timeline.quote_download",
      params: { number: quote.number },
      data: { quote_id: quote.id },
    }),
  ]);
  return { pdf, filename };
}
