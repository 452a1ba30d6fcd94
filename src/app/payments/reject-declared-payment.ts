import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { deleteDeclaredPayment, findDeclaredPaymentForUpdate } from "../../db/repositories/portal.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { liftDeclaredPaymentHold } from "./declared-payment-hold.js";

/**
 * The staff reject a declared payment — declared on the portal, or a cheque received (record-received-cheque.ts) —
 * when nothing arrived or the cheque bounced: the declared row is removed (it never moved
 * a balance), the pause it set on its invoice is lifted so the reminders resume, and the timeline says so
 * (`declared_payment_rejected`, with the reason) — the declaration itself stays on the timeline and in the audit
 * log. A payment that is not (or no longer) declared answers 404.
 */
export async function rejectDeclaredPayment(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  reason?: string | null;
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const reason = options.reason?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const declared = await findDeclaredPaymentForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!declared) throw new AppError("not_found", "payment.declared_not_found");
    await deleteDeclaredPayment(trx, org.id, declared.id);
    const invoiceId = declared.declared_invoice_id;
    if (invoiceId) await liftDeclaredPaymentHold({ ctx, trx, org, userId: options.userId, invoiceId });
    const locale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: declared.client_id,
        invoiceId,
        userId: options.userId,
        kind: "declared_payment_rejected",
        occurredOn: toIso(todayFor(ctx, org.time_zone)),
        at,
        summary: formatMessage(locale, "portal.timeline.declared_rejected", {
          amount: formatEuros(declared.amount_cents as Cents, locale),
          date: formatIsoDate(declared.date, locale),
          reason: reason ? ` : ${reason}` : "",
        }),
        data: { declared_payment_id: declared.id, amount_cents: declared.amount_cents, reason },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment",
      entityId: declared.id,
      operation: "declared_rejected",
      data: { amount_cents: declared.amount_cents, invoice_id: invoiceId, reason },
    });
  });
}
