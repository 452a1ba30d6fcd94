import { compareDates, type PlainDate, toIso } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import type { Cents } from "../../core/money.js";
import { findInvoicesByNumber } from "../../db/repositories/invoices.js";
import type { Organization, PaymentMethod } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { createPayment } from "./create-payment.js";

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
  /** `--idempotency-key`: a command run again with the same key and the same payment records nothing more. */
  idempotencyKey?: string | null;
}

export interface RecordPaymentResult {
  payment_id: string;
  invoice_id: string;
  number: string;
  paid_cents: number;
  balance_cents: number;
  status: string;
  /** Already recorded under the idempotency key: nothing was written (the balance is the invoice's now). */
  replayed: boolean;
}

/**
 * Records a payment received for one invoice (partial payments allowed) in one transaction: the payment, its
 * allocation, the invoice's new balance and status, a timeline action and an audit entry. Refuses a payment
 * larger than the balance, dated in the future, or for an invoice already settled. The one-invoice case of
 * createPayment, with the invoice found by number (the CLI's `relance payments add`).
 */
export async function recordPayment(options: RecordPaymentOptions): Promise<RecordPaymentResult> {
  const { ctx, org, amount, date } = options;
  if (amount <= 0) throw new AppError("invalid_input", "amount.zero");
  const today = todayFor(ctx, org.time_zone);
  if (compareDates(date, today) > 0) {
    throw new AppError("invalid_input", "payment.date_in_future", { date: toIso(date), today: toIso(today) });
  }
  const invoiceId = await findInvoiceId(ctx, org, options.invoice);
  const { payment, invoices, replayed } = await createPayment({
    ctx,
    org,
    userId: options.userId ?? null,
    input: {
      date: toIso(date),
      amount_cents: amount,
      method: options.method,
      reference: options.reference ?? null,
      allocations: [{ invoice_id: invoiceId, amount_cents: amount }],
    },
    ...(options.idempotencyKey != null ? { idempotencyKey: options.idempotencyKey } : {}),
  });
  const [invoice] = invoices;
  if (!invoice) throw new AppError("internal", "http.internal");
  return {
    payment_id: payment.id,
    invoice_id: invoice.id,
    number: invoice.number,
    paid_cents: invoice.paid_cents,
    balance_cents: invoice.balance_cents,
    status: invoice.status,
    replayed,
  };
}

/** The id of an invoice given by id, or by number (with the client's name or id when two clients share a number). */
export async function findInvoiceId(
  ctx: AppContext,
  org: Organization,
  invoice: { id: string } | { number: string; client?: string },
): Promise<string> {
  if ("id" in invoice) return invoice.id;
  const { number, client } = invoice;
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
