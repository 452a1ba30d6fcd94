import { BILL_EVENTS, type BillEvent, checkTransition } from "../../core/bills/state.js";
import { formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findBillForUpdate, listBillInvoices, updateBill } from "../../db/repositories/bills.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import type { BillOfExchangeTable, Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { writeInvoiceHold } from "../dunning/set-hold.js";
import { AppError, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { createPayment } from "../payments/create-payment.js";
import { getBill } from "./get-bill.js";
import type { BillDto } from "./present-bill.js";

const DATE_COLUMN = {
  accept: "accepted_on",
  present: "presented_on",
  pay: "paid_on",
  unpaid: "unpaid_on",
  cancel: "cancelled_on",
} as const satisfies Record<BillEvent, keyof BillOfExchangeTable>;

/** Lifts the `bill` hold of those invoices (another hold put since stays) and has the run look at the owed ones today. */
async function releaseInvoices(
  trx: Db,
  orgId: string,
  invoiceIds: readonly string[],
  today: string,
  at: string,
) {
  if (invoiceIds.length === 0) return;
  const rows = await trx
    .selectFrom("invoice")
    .select(["id", "hold_kind", "status"])
    .where("organization_id", "=", orgId)
    .where("id", "in", invoiceIds)
    .execute();
  await writeInvoiceHold(
    trx,
    orgId,
    rows.filter((r) => r.hold_kind === "bill").map((r) => r.id),
    { hold_kind: null, hold_until: null, hold_reason: null, updated_at: at },
  );
  await lookAgainBy(
    trx,
    orgId,
    rows.filter((r) => r.status === "open" || r.status === "partially_paid").map((r) => r.id),
    today,
  );
}

/**
 * One step of a bill's life (core/bills/state.ts), dated (default today), in one transaction with its effects, an
 * action on each of its invoices' timelines and an audit entry:
 * - accept, present: the date is recorded;
 * - pay: a payment of the bill's amount (method `bill_of_exchange`) allocated to its invoices, each up to what it
 *   still owes, through createPayment — the invoices' balances change as for any payment, the dunning engine sees
 *   it; the hold is lifted from what stays owed;
 * - unpaid (impayé), cancel: the hold is lifted and the invoices are looked at again today, so escalation resumes.
 * A step not allowed from the bill's state, or wrongly dated, is refused and changes nothing.
 */
export async function moveBill(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  event: BillEvent;
  /** YYYY-MM-DD; default today. */
  date?: string | undefined;
  /** The language of the dates in the error messages (the request's); the timeline keeps the organization's. */
  locale?: Locale;
}): Promise<BillDto> {
  const { ctx, org, event } = options;
  const today = todayFor(ctx, org.time_zone);
  const locale = orgLocale(org);
  let date = today;
  if (options.date) {
    const parsed = parseIsoDate(options.date);
    if (!parsed.ok) {
      throw invalidFields([
        { path: "date", messageCode: parsed.problem.code, params: parsed.problem.params ?? {} },
      ]);
    }
    date = parsed.value;
  }
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const bill = await findBillForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!bill) throw new AppError("not_found", "bill.not_found");
    const issue = parseIsoDate(bill.issue_on);
    const due = parseIsoDate(bill.due_on);
    if (!issue.ok || !due.ok) throw new AppError("internal", "http.internal");
    const checked = checkTransition(
      { state: bill.state, issue_on: issue.value, due_on: due.value },
      event,
      date,
      today,
    );
    if (!checked.ok) {
      const params: Record<string, string | number> = {
        ...(checked.problem.params ?? {}),
        ...(checked.problem.code === "bill.transition_refused"
          ? { from: formatMessage(locale, `bill.state.${bill.state}`) }
          : {}),
      };
      // core names the dates in ISO: written as the messages write them
      for (const key of ["date", "issue", "due"]) {
        const value = params[key];
        if (typeof value === "string") params[key] = formatIsoDate(value, options.locale ?? ctx.locale);
      }
      throw invalidFields([{ path: "date", messageCode: checked.problem.code, params }]);
    }
    const state = BILL_EVENTS[event];
    const invoices = await listBillInvoices(trx, org.id, [bill.id]);
    const invoiceIds = invoices.map((i) => i.invoice_id);
    const changes: {
      accepted_on?: string;
      presented_on?: string;
      paid_on?: string;
      unpaid_on?: string;
      cancelled_on?: string;
      payment_id?: string;
    } = { [DATE_COLUMN[event]]: toIso(date) };

    if (event === "pay") {
      const allocations = invoices
        .map((i) => ({ invoice_id: i.invoice_id, amount_cents: Math.min(i.amount_cents, i.balance_cents) }))
        .filter((a) => a.amount_cents > 0);
      const { payment } = await createPayment({
        ctx,
        org,
        userId: options.userId,
        trx,
        input: {
          date: toIso(date),
          amount_cents: Number(bill.amount_cents),
          method: "bill_of_exchange",
          reference: `LC ${bill.id}`,
          payer: bill.drawee_name,
          client_id: bill.client_id,
          allocations,
        },
      });
      changes.payment_id = payment.id;
    }
    if (event === "pay" || event === "unpaid" || event === "cancel") {
      await releaseInvoices(trx, org.id, invoiceIds, toIso(today), at);
    }
    const moved = await updateBill(trx, org.id, bill.id, bill.state, { ...changes, state, updated_at: at });
    if (!moved) throw new AppError("conflict", "bill.transition_refused", { from: bill.state, event });

    const params = {
      amount: formatEuros(Number(bill.amount_cents) as Cents, locale),
      due: formatIsoDate(bill.due_on, locale),
    };
    await insertActions(
      trx,
      invoiceIds.map((invoiceId) =>
        timelineAction({
          orgId: org.id,
          clientId: bill.client_id,
          invoiceId,
          userId: options.userId,
          kind: `bill_${state}`,
          occurredOn: toIso(date),
          at,
          summary: formatMessage(locale, `bill.timeline.${state}`, params),
          data: {
            bill_id: bill.id,
            state,
            ...(changes.payment_id ? { payment_id: changes.payment_id } : {}),
          },
        }),
      ),
    );
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "bill_of_exchange",
      entityId: bill.id,
      operation: event,
      data: {
        from: bill.state,
        to: state,
        date: toIso(date),
        ...(changes.payment_id ? { payment_id: changes.payment_id } : {}),
      },
    });
    return getBill({ ctx, org, id: bill.id, db: trx });
  });
}
