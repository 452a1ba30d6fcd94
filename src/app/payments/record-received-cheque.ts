import { addDays, compareDates, formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClientOf, findInvoiceForUpdate } from "../../db/repositories/invoices.js";
import { insertPayments } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { pauseForDeclaredPayment } from "./declared-payment-hold.js";
import { getPayment } from "./get-payment.js";
import type { PaymentDto } from "./present-payment.js";
import { findInvoiceId } from "./record-payment.js";

/**
 * How long the reminders of an invoice wait after a cheque is received: the time to take it to the bank with the
 * next remittance and for the bank to credit it.
 */
export const CHEQUE_HOLD_DAYS = 10;

export interface ReceivedChequeInput {
  amount_cents: number;
  /** The day the cheque came in (YYYY-MM-DD), not after today in the organization's time zone. */
  received_on: string;
  cheque_number?: string | null;
  /** The name on the cheque (tireur); by default the client's name. */
  drawer?: string | null;
  /** The drawer's bank, kept on the timeline entry and in the audit log (the payment row has no column for it). */
  bank?: string | null;
}

export interface ReceivedChequeResult {
  payment: PaymentDto;
  invoice_number: string;
  /** Until when the reminders now wait; null (or an earlier pause's date) when a longer hold was already there. */
  hold_until: string | null;
  /** Whether this cheque set the pause (false: a longer pause, a promise, a plan, a bill or a case holds it). */
  paused: boolean;
}

/**
 * « Chèque reçu »: the staff record a cheque received for an invoice, before it is deposited (the cheque register:
 * which cheque came from whom for which invoice). Like « J'ai payé » on the portal (portal/declare-payment.ts), the
 * payment is written `declared` (method `cheque`, source `staff`, reference = the cheque number, payer = the
 * drawer) with `declared_invoice_id` and no allocation, so the balance does not move until the money is on the
 * account: the staff confirm it (confirm-declared-payment.ts) or the bank line of the remittance does (bank
 * matching); a cheque that bounces or never comes is rejected (reject-declared-payment.ts). Meanwhile the invoice's
 * reminders pause CHEQUE_HOLD_DAYS days (a manual hold « Chèque reçu, en attente d'encaissement », lifted by
 * declared-payment-hold.ts) unless something holds them as long already. An amount above the balance is accepted
 * as on the portal: at confirmation the invoice gets up to its balance, the rest stays on account. A timeline
 * entry `cheque_received` and an audit row, both with the drawer's bank.
 */
export async function recordReceivedCheque(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  /** The invoice, by id, or by number (with the client's name when two clients share a number). */
  invoice: { id: string } | { number: string; client?: string };
  input: ReceivedChequeInput;
}): Promise<ReceivedChequeResult> {
  const { ctx, org, input } = options;
  const today = todayFor(ctx, org.time_zone);
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.amount_cents) || input.amount_cents <= 0)
    problems.push({ path: "amount_cents", messageCode: "amount.zero" });
  const received = parseIsoDate(input.received_on);
  if (!received.ok)
    problems.push({
      path: "received_on",
      messageCode: received.problem.code,
      params: received.problem.params ?? {},
    });
  else if (compareDates(received.value, today) > 0)
    problems.push({
      path: "received_on",
      messageCode: "cheque.date_future",
      params: { date: input.received_on },
    });
  const [first, ...rest] = problems;
  if (first) throw invalidFields([first, ...rest]);
  const invoiceId = await findInvoiceId(ctx, org, options.invoice);
  const chequeNumber = input.cheque_number?.trim() || null;
  const bank = input.bank?.trim() || null;
  const at = nowIso(ctx);
  const until = toIso(addDays(today, CHEQUE_HOLD_DAYS));
  const locale = orgLocale(org);
  const paymentId = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, invoiceId);
    if (!invoice) throw new AppError("not_found", "cheque.invoice_not_found");
    if (invoice.kind === "credit_note")
      throw new AppError("conflict", "cheque.credit_note", { number: invoice.number });
    const balance =
      Number(invoice.total_ttc_cents) - Number(invoice.paid_cents) - Number(invoice.credited_cents);
    if (balance <= 0 || invoice.status === "cancelled")
      throw new AppError("conflict", "cheque.invoice_settled", { number: invoice.number });
    const client = await findClientOf(trx, org.id, invoice.client_id);
    const drawer = input.drawer?.trim() || client?.name || null;
    await insertPayments(trx, [
      {
        id: paymentId,
        organization_id: org.id,
        client_id: invoice.client_id,
        date: input.received_on,
        amount_cents: input.amount_cents,
        method: "cheque",
        reference: chequeNumber,
        payer: drawer,
        state: "declared",
        source: "staff",
        declared_invoice_id: invoice.id,
        created_at: at,
        updated_at: at,
      },
    ]);
    // pause the reminders unless something holds them as long already (a plan's, bill's or case's hold stays)
    const pause = await pauseForDeclaredPayment({
      ctx,
      trx,
      org,
      userId: options.userId,
      invoice,
      until,
      reason: formatMessage(locale, "cheque.hold_reason"),
    });
    const params = {
      cheque: chequeNumber ?? "",
      drawer: drawer ?? "—",
      date: formatIsoDate(input.received_on, locale),
      amount: formatEuros(input.amount_cents as Cents, locale),
      number: invoice.number,
      bank: bank ? formatMessage(locale, "cheque.bank", { bank }) : "",
    };
    const data = {
      payment_id: paymentId,
      amount_cents: input.amount_cents,
      received_on: input.received_on,
      cheque_number: chequeNumber,
      drawer,
      bank,
    };
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: invoice.client_id,
        invoiceId: invoice.id,
        userId: options.userId,
        kind: "cheque_received",
        occurredOn: toIso(today),
        at,
        summary: formatMessage(
          locale,
          chequeNumber ? "cheque.timeline.received" : "cheque.timeline.received_no_number",
          params,
        ),
        data,
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment",
      entityId: paymentId,
      operation: "cheque_received",
      data: { invoice_id: invoice.id, ...data },
    });
    const payment = await getPayment({ ctx, org, id: paymentId, db: trx });
    return {
      payment,
      invoice_number: invoice.number,
      hold_until: pause ? until : invoice.hold_until,
      paused: pause,
    };
  });
}
