import { portalEn, portalFr } from "../../core/i18n/portal.js";
import type { Db } from "../../db/connect.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { setHold } from "../dunning/set-hold.js";

const HOLD_REASONS = new Set<string>([portalFr["portal.hold_reason"], portalEn["portal.hold_reason"]]);

/**
 * Lifts the pause a declared payment set on its invoice (declare-payment.ts: a `manual` hold with the reason
 * « Paiement déclaré sur le portail, à vérifier »), once the payment is confirmed or rejected. Any other hold — a
 * pause set by the staff, a promise, a plan, a bill, a recovery case — stays.
 */
export async function liftDeclaredPaymentHold(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  invoiceId: string;
}): Promise<boolean> {
  const { trx, org } = options;
  const invoice = await trx
    .selectFrom("invoice")
    .select(["hold_kind", "hold_reason"])
    .where("organization_id", "=", org.id)
    .where("id", "=", options.invoiceId)
    .executeTakeFirst();
  if (invoice?.hold_kind !== "manual" || !HOLD_REASONS.has(invoice.hold_reason ?? "")) return false;
  await setHold({
    ctx: options.ctx,
    org,
    userId: options.userId,
    target: { invoiceId: options.invoiceId },
    hold: null,
    trx,
  });
  return true;
}
