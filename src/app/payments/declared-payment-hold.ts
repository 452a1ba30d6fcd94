import { chequesEn, chequesFr } from "../../core/i18n/cheques.js";
import { portalEn, portalFr } from "../../core/i18n/portal.js";
import type { Db } from "../../db/connect.js";
import { hasDeclaredPaymentFor } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { setHold } from "../dunning/set-hold.js";

/** The reasons of the pauses a declared payment sets, in both languages (the organization's at the time). */
const HOLD_REASONS = new Set<string>([
  portalFr["portal.hold_reason"],
  portalEn["portal.hold_reason"],
  chequesFr["cheque.hold_reason"],
  chequesEn["cheque.hold_reason"],
]);

/**
 * Lifts the pause a declared payment set on its invoice (a `manual` hold with the reason « Paiement déclaré sur le
 * portail, à vérifier » from declare-payment.ts, or « Chèque reçu, en attente d'encaissement » from
 * record-received-cheque.ts), once the payment is confirmed or rejected — unless another payment declared for the
 * invoice still awaits verification (two cheques for one invoice: the pause stays until the last one). Any other
 * hold — a pause set by the staff, a promise, a plan, a bill, a recovery case — stays. Call it after the declared
 * row is removed.
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
  if (await hasDeclaredPaymentFor(trx, org.id, options.invoiceId)) return false;
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

/** Whether an invoice's hold is the pause a declared payment set (for the set-based path of bank matching). */
export function isDeclaredPaymentHold(kind: string | null, reason: string | null): boolean {
  return kind === "manual" && HOLD_REASONS.has(reason ?? "");
}

/**
 * Pauses an invoice's reminders for a payment just declared (a portal declaration, a cheque received) until
 * `until`, unless something holds them as long already: a longer pause or promise, a plan's, a bill's or a case's
 * hold stays. Whether it paused them.
 */
export async function pauseForDeclaredPayment(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  invoice: { id: string; hold_kind: string | null; hold_until: string | null };
  until: string;
  reason: string;
}): Promise<boolean> {
  const { invoice, until } = options;
  const kind = invoice.hold_kind;
  const pause =
    kind === null ||
    ((kind === "promise" || kind === "manual") && invoice.hold_until !== null && invoice.hold_until < until);
  if (!pause) return false;
  await setHold({
    ctx: options.ctx,
    org: options.org,
    userId: options.userId,
    target: { invoiceId: invoice.id },
    hold: { kind: "manual", until, reason: options.reason },
    trx: options.trx,
  });
  return true;
}
