import { compareDates, type PlainDate, toIso } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findInvoiceForUpdate,
  findInvoicesByNumber,
  updateInvoiceBalance,
} from "../../db/repositories/invoices.js";
import { insertAllocations, insertPayments, sumAllocations } from "../../db/repositories/payments.js";
import type { Organization, PaymentMethod } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  "transfer",
  "cheque",
  "card",
  "direct_debit",
  "bill_of_exchange",
  "cash",
  "other",
];

export interface RecordPaymentOptions {
  ctx: AppContext;
  org: Organization;
  /** The invoice, by id or by number (with the client's name when two clients share a number). */
  invoice: { id: string } | { number: string; client?: string };
  amount: Cents;
  date: PlainDate;
  method: PaymentMethod;
  reference?: string | null;
  userId?: string | null;
}

export interface RecordPaymentResult {
  payment_id: string;
  invoice_id: string;
  number: string;
  paid_cents: number;
  balance_cents: number;
  status: string;
}

/**
 * Records a payment received for one invoice (partial payments allowed) in one transaction: the payment, its
 * allocation, the invoice's new balance and status, a timeline action and an audit entry. Refuses a payment
 * larger than the balance, dated in the future, or for an invoice already settled.
 */
export async function recordPayment(options: RecordPaymentOptions): Promise<RecordPaymentResult> {
  const { ctx, org, amount, date } = options;
  if (amount <= 0) throw new AppError("invalid_input", "amount.zero");
  const today = todayFor(ctx, org.time_zone);
  if (compareDates(date, today) > 0) {
    throw new AppError("invalid_input", "payment.date_in_future", { date: toIso(date), today: toIso(today) });
  }
  const invoiceId = await findInvoiceId(options);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, invoiceId);
    if (!invoice) throw new AppError("not_found", "invoice.not_found", { number: invoiceId });
    if (invoice.status !== "open" && invoice.status !== "partially_paid") {
      throw new AppError("conflict", "invoice.not_open", { number: invoice.number, status: invoice.status });
    }
    const balance =
      invoice.total_ttc_cents - invoice.credited_cents - (await sumAllocations(trx, org.id, invoice.id));
    if (amount > balance) {
      throw new AppError("invalid_input", "payment.exceeds_balance", {
        amount: formatEuros(amount, ctx.locale),
        balance: formatEuros(balance as Cents, ctx.locale),
        number: invoice.number,
      });
    }
    const paymentId = newId();
    await insertPayments(trx, [
      {
        id: paymentId,
        organization_id: org.id,
        client_id: invoice.client_id,
        date: toIso(date),
        amount_cents: amount,
        method: options.method,
        reference: options.reference ?? null,
        payer: null,
        state: "confirmed",
        source: "manual",
        created_at: at,
        updated_at: at,
      },
    ]);
    await insertAllocations(trx, [
      {
        id: newId(),
        organization_id: org.id,
        payment_id: paymentId,
        invoice_id: invoice.id,
        amount_cents: amount,
        created_at: at,
        updated_at: at,
      },
    ]);
    const paid = await sumAllocations(trx, org.id, invoice.id);
    const status = deriveStatus({
      total_cents: invoice.total_ttc_cents,
      paid_cents: paid + invoice.credited_cents,
    });
    await updateInvoiceBalance(trx, org.id, invoice.id, { paid_cents: paid, status, updated_at: at });
    await insertActions(trx, [
      {
        id: newId(),
        organization_id: org.id,
        client_id: invoice.client_id,
        invoice_id: invoice.id,
        user_id: options.userId ?? null,
        kind: "payment",
        occurred_on: toIso(date),
        occurred_at: at,
        summary: `Paiement reçu : ${formatEuros(amount, "fr")} (${options.method})`,
        data: JSON.stringify({ payment_id: paymentId, amount_cents: amount, method: options.method }),
        idempotency_key: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId ?? null,
      at,
      entity: "payment",
      entityId: paymentId,
      operation: "create",
      data: { invoice_id: invoice.id, amount_cents: amount, date: toIso(date), method: options.method },
    });
    return {
      payment_id: paymentId,
      invoice_id: invoice.id,
      number: invoice.number,
      paid_cents: paid,
      balance_cents: invoice.total_ttc_cents - invoice.credited_cents - paid,
      status,
    };
  });
}

async function findInvoiceId(options: RecordPaymentOptions): Promise<string> {
  const { ctx, org } = options;
  if ("id" in options.invoice) return options.invoice.id;
  const { number, client } = options.invoice;
  let candidates = await findInvoicesByNumber(ctx.db, org.id, number);
  if (client) {
    const wanted = normalizeName(client);
    candidates = candidates.filter((c) => normalizeName(c.client_name) === wanted || c.client_id === client);
  }
  const [first, ...others] = candidates;
  if (!first) throw new AppError("not_found", "invoice.not_found", { number });
  if (others.length > 0) {
    throw new AppError("invalid_input", "invoice.ambiguous", {
      number,
      clients: candidates.map((c) => c.client_name).join(", "),
    });
  }
  return first.id;
}
