import { addDays, compareDates, formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findPaymentByIdempotencyKey,
  insertPayments,
  isIdempotencyKeyTaken,
} from "../../db/repositories/payments.js";
import { findPortalInvoice } from "../../db/repositories/portal.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { orgLocale } from "../invoices/timeline.js";
import { pauseForDeclaredPayment } from "../payments/declared-payment-hold.js";
import { portalPaymentKey, requestHash } from "../payments/idempotency.js";
import { portalAction } from "./portal-action.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/** How long the reminders of an invoice wait after a declared payment, for the transfer to show on the account. */
export const DECLARED_PAYMENT_HOLD_DAYS = 7;

export const DECLARABLE_METHODS = ["transfer", "cheque", "card", "cash", "other"] as const;
export type DeclarableMethod = (typeof DECLARABLE_METHODS)[number];

export interface DeclaredPaymentInput {
  date: string;
  amount_cents: number;
  method: DeclarableMethod;
  reference?: string | null;
}

/**
 * « J'ai payé » on the portal: the client says it paid an invoice. The payment is written in the state `declared`
 * (awaiting verification) with no allocation, so the balance does not move until someone confirms it; the invoice's
 * reminders pause DECLARED_PAYMENT_HOLD_DAYS days (a manual pause with set-hold, unless a longer pause, a promise
 * running later, a plan, a bill or a recovery case already holds it); the timeline says « Paiement déclaré sur le
 * portail » with the caller's IP address.
 *
 * The form sends a key made when it opened (`Idempotency-Key`): the same declaration sent twice (a double click, a
 * retried request, two at once) is recorded once — the replay gets the first answer (`replayed`, the pause as it
 * is now) and writes nothing; the same key with other values is refused (409). A key is the client's own: stored
 * as `portal:<client id>:<key>`, it never meets another client's or the staff's.
 */
export async function declarePortalPayment(options: {
  ctx: AppContext;
  access: PortalAccess;
  invoiceId: string;
  input: DeclaredPaymentInput;
  idempotencyKey?: string | null;
}): Promise<{ payment_id: string; hold_until: string | null; replayed: boolean }> {
  const { ctx, access, input } = options;
  const { org, client } = access;
  const today = todayFor(ctx, org.time_zone);
  const problems: FieldProblem[] = [];
  const date = parseIsoDate(input.date);
  if (!date.ok)
    problems.push({ path: "date", messageCode: date.problem.code, params: date.problem.params ?? {} });
  else if (compareDates(date.value, today) > 0)
    problems.push({ path: "date", messageCode: "portal.date_future", params: { date: input.date } });
  if (!Number.isInteger(input.amount_cents) || input.amount_cents <= 0)
    problems.push({ path: "amount_cents", messageCode: "amount.zero" });
  const [first, ...rest] = problems;
  if (first) throw invalidFields([first, ...rest]);
  const reference = input.reference?.trim() || null;
  const at = nowIso(ctx);
  const paymentId = newId();
  const until = toIso(addDays(today, DECLARED_PAYMENT_HOLD_DAYS));
  const locale = orgLocale(org);
  const key = options.idempotencyKey != null ? portalPaymentKey(client.id, options.idempotencyKey) : null;
  const hash = key
    ? requestHash({
        invoice_id: options.invoiceId,
        date: input.date,
        amount_cents: input.amount_cents,
        method: input.method,
        reference,
      })
    : null;
  type Answer = { payment_id: string; hold_until: string | null; replayed: boolean };
  let earlier: { id: string; request_hash: string | null } | undefined;
  try {
    const recorded = await ctx.db.transaction().execute(async (trx) => {
      // a replay: looked up inside the transaction (on SQLite, once the write lock is ours: the first is there)
      const done = key ? await findPaymentByIdempotencyKey(trx, org.id, key) : undefined;
      if (done) return done;
      const invoice = await findPortalInvoice(trx, org.id, client.id, options.invoiceId);
      if (!invoice) throw new AppError("not_found", "portal.invoice_not_found");
      if (
        invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents <= 0 ||
        invoice.status === "cancelled"
      )
        throw new AppError("conflict", "portal.invoice_settled", { number: invoice.number });
      await insertPayments(trx, [
        {
          id: paymentId,
          organization_id: org.id,
          client_id: client.id,
          date: input.date,
          amount_cents: input.amount_cents,
          method: input.method,
          reference,
          payer: client.name,
          state: "declared",
          source: "portal",
          declared_invoice_id: invoice.id,
          idempotency_key: key,
          request_hash: hash,
          created_at: at,
          updated_at: at,
        },
      ]);
      // pause the reminders unless something holds them as long already (a plan's, bill's or case's hold stays)
      const pause = await pauseForDeclaredPayment({
        ctx,
        trx,
        org,
        userId: null,
        invoice,
        until,
        reason: formatMessage(locale, "portal.hold_reason"),
      });
      await insertActions(trx, [
        portalAction(ctx, access, {
          kind: "portal_payment_declared",
          invoiceId: invoice.id,
          message: "portal.timeline.declared",
          params: {
            amount: formatEuros(input.amount_cents as Cents, locale),
            date: formatIsoDate(input.date, locale),
            number: invoice.number,
            method: formatMessage(locale, `payment_method.${input.method}` as MessageCode),
            reference: reference ? `, ${reference}` : "",
          },
          data: {
            payment_id: paymentId,
            amount_cents: input.amount_cents,
            date: input.date,
            method: input.method,
            reference,
          },
        }),
      ]);
      await appendAudit(trx, {
        organizationId: org.id,
        userId: null,
        at,
        entity: "payment",
        entityId: paymentId,
        operation: "portal_declared",
        data: { invoice_id: invoice.id, amount_cents: input.amount_cents, ip: access.ip },
      });
      const answer: Answer = {
        payment_id: paymentId,
        hold_until: pause ? until : invoice.hold_until,
        replayed: false,
      };
      return answer;
    });
    if ("payment_id" in recorded) return recorded;
    earlier = recorded;
  } catch (error) {
    // the same declaration sent twice at once (PostgreSQL): the other request committed first, ours failed on the
    // unique key and was rolled back whole
    if (!key || !isIdempotencyKeyTaken(error)) throw error;
    earlier = await findPaymentByIdempotencyKey(ctx.db, org.id, key);
    if (!earlier) throw error;
  }
  if (earlier.request_hash !== hash) throw new AppError("conflict", "portal.declaration_changed");
  const invoice = await findPortalInvoice(ctx.db, org.id, client.id, options.invoiceId);
  return { payment_id: earlier.id, hold_until: invoice?.hold_until ?? null, replayed: true };
}
