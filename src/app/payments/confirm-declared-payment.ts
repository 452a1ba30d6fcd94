import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { deleteDeclaredPayment, findDeclaredPaymentForUpdate } from "../../db/repositories/portal.js";
import type { Organization, PaymentMethod } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { createPayment } from "./create-payment.js";
import { liftDeclaredPaymentHold } from "./declared-payment-hold.js";
import type { PaymentDto } from "./present-payment.js";

/**
 * The staff confirm a declared payment — declared on the portal, or a cheque received and recorded by the staff
 * (record-received-cheque.ts) — once the money arrived: in one transaction the declared row is
 * replaced by a normal payment recorded through create-payment.ts (the use case behind record-payment), allocated to
 * the invoice it names up to its balance (the rest stays on account), so the balance and status move and the
 * dunning reacts (after-balance-change); the pause the declaration set is lifted; a `declared_payment_confirmed`
 * entry and an audit row. `amount_cents` / `date` correct the declaration with what really arrived. A payment that
 * is not (or no longer) declared answers 404.
 */
export async function confirmDeclaredPayment(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  amountCents?: number;
  date?: string;
  locale?: Locale;
  /** Confirmed by a bank statement line (bank matching): the payment names it. */
  bankTransactionId?: string;
  /** Runs inside the caller's transaction. */
  trx?: Db;
}): Promise<PaymentDto> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const day = toIso(todayFor(ctx, org.time_zone));
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    options.trx ? work(options.trx) : ctx.db.transaction().execute(work);
  return inTransaction(async (trx) => {
    const declared = await findDeclaredPaymentForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!declared) throw new AppError("not_found", "payment.declared_not_found");
    const amount = options.amountCents ?? declared.amount_cents;
    const invoiceId = declared.declared_invoice_id;
    const invoice = invoiceId
      ? await trx
          .selectFrom("invoice")
          .select(["id", "number", "total_ttc_cents", "paid_cents", "credited_cents", "status"])
          .where("organization_id", "=", org.id)
          .where("id", "=", invoiceId)
          .executeTakeFirst()
      : undefined;
    const balance = invoice
      ? Number(invoice.total_ttc_cents) - Number(invoice.paid_cents) - Number(invoice.credited_cents)
      : 0;
    const allocated = invoice && invoice.status !== "cancelled" ? Math.min(amount, Math.max(balance, 0)) : 0;
    await deleteDeclaredPayment(trx, org.id, declared.id);
    if (invoice)
      await liftDeclaredPaymentHold({ ctx, trx, org, userId: options.userId, invoiceId: invoice.id });
    const { payment } = await createPayment({
      ctx,
      org,
      userId: options.userId,
      trx,
      ...(options.locale ? { locale: options.locale } : {}),
      input: {
        date: options.date ?? declared.date,
        amount_cents: amount,
        method: declared.method as PaymentMethod,
        reference: declared.reference,
        payer: declared.payer,
        client_id: declared.client_id,
        allocations: invoice && allocated > 0 ? [{ invoice_id: invoice.id, amount_cents: allocated }] : [],
        ...(options.bankTransactionId
          ? { bank_transaction_id: options.bankTransactionId, source: "bank" }
          : {}),
      },
    });
    const locale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: declared.client_id,
        invoiceId: invoice?.id ?? null,
        userId: options.userId,
        kind: "declared_payment_confirmed",
        occurredOn: day,
        at,
        summary: formatMessage(locale, "portal.timeline.declared_confirmed", {
          amount: formatEuros(amount as Cents, locale),
          date: formatIsoDate(options.date ?? declared.date, locale),
        }),
        data: { declared_payment_id: declared.id, payment_id: payment.id },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment",
      entityId: declared.id,
      operation: "declared_confirmed",
      data: { payment_id: payment.id, amount_cents: amount, declared_cents: declared.amount_cents },
    });
    return payment;
  });
}
