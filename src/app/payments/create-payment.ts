import { formatDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findClientOf,
  findInvoice,
  findInvoiceForUpdate,
  updateInvoice,
} from "../../db/repositories/invoices.js";
import {
  findPaymentByIdempotencyKey,
  insertAllocations,
  insertPayments,
  isIdempotencyKeyTaken,
  sumAllocations,
} from "../../db/repositories/payments.js";
import type { Invoice, Organization, PaymentMethod } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { afterBalanceChange } from "../dunning/after-balance-change.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { getPayment } from "./get-payment.js";
import { requestHash, staffPaymentKey } from "./idempotency.js";
import type { PaymentDto } from "./present-payment.js";

export interface PaymentInput {
  date: string;
  amount_cents: number;
  method: PaymentMethod;
  reference?: string | null;
  payer?: string | null;
  /** The client who paid; by default the client of the invoices. */
  client_id?: string | null;
  /** How the amount is split over invoices; what is not allocated stays on account. */
  allocations: { invoice_id: string; amount_cents: number }[];
  /** The bank statement line that brought the money (a bank match, docs/matching.md). */
  bank_transaction_id?: string | null;
  /** Where the payment comes from: "manual" (default), "bank" (a statement line), "portal"… */
  source?: string;
}

export interface CreatePaymentOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  input: PaymentInput;
  /** The caller's language, for amounts and dates inside messages. */
  locale?: Locale;
  /** Run inside the caller's transaction (a bill of exchange marked paid) instead of a new one. */
  trx?: Db;
  /**
   * The caller's idempotency key (the API's `Idempotency-Key`, `--idempotency-key`): a payment already recorded
   * with it and the same input is returned as it is (`replayed`), nothing written; another input is refused.
   */
  idempotencyKey?: string | null;
}

export interface InvoiceBalance {
  id: string;
  number: string;
  paid_cents: number;
  balance_cents: number;
  status: string;
}

export interface CreatePaymentResult {
  payment: PaymentDto;
  /** Each invoice paid, after the payment, in the order of the allocations (a replay: as they are now). */
  invoices: InvoiceBalance[];
  /** The payment was already recorded under the idempotency key: nothing was written. */
  replayed: boolean;
}

function checkInput(options: CreatePaymentOptions): void {
  const { ctx, org, input } = options;
  const locale = options.locale ?? ctx.locale;
  const problems: FieldProblem[] = [];
  if (input.amount_cents <= 0) problems.push({ path: "amount_cents", messageCode: "amount.zero" });
  const today = todayFor(ctx, org.time_zone);
  if (input.date > toIso(today)) {
    const d = parseIsoDate(input.date);
    problems.push({
      path: "date",
      messageCode: "payment.date_in_future",
      params: { date: d.ok ? formatDate(d.value, locale) : input.date, today: formatDate(today, locale) },
    });
  }
  const seen = new Set<string>();
  let allocated = 0;
  input.allocations.forEach((a, i) => {
    if (a.amount_cents <= 0)
      problems.push({ path: `allocations.${i}.amount_cents`, messageCode: "amount.zero" });
    if (seen.has(a.invoice_id)) {
      problems.push({ path: `allocations.${i}.invoice_id`, messageCode: "payment.duplicate_invoice" });
    }
    seen.add(a.invoice_id);
    allocated += a.amount_cents;
  });
  if (allocated > input.amount_cents && input.amount_cents > 0) {
    problems.push({
      path: "allocations",
      messageCode: "payment.allocations_exceed_amount",
      params: {
        allocated: formatEuros(allocated as Cents, locale),
        amount: formatEuros(input.amount_cents as Cents, locale),
      },
    });
  }
  const [first, ...more] = problems;
  if (first) throw invalidFields([first, ...more]);
}

/**
 * Records a payment received and splits it over invoices of one client, in one transaction: every invoice is
 * locked (in id order, so two payments never wait on each other crosswise), checked (the organization's, the
 * same client, still open, the allocation within its balance), then the payment, its allocations, each
 * invoice's paid amount and status, one timeline action per invoice and an audit entry. Any refusal writes
 * nothing.
 */
export async function createPayment(options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const { ctx, org, input } = options;
  const locale = options.locale ?? ctx.locale;
  checkInput(options);
  const at = nowIso(ctx);
  const paymentId = newId();
  const key = options.idempotencyKey != null ? staffPaymentKey(options.idempotencyKey) : null;
  const hash = key ? requestHash(fingerprint(input)) : null;
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    options.trx ? work(options.trx) : ctx.db.transaction().execute(work);
  let recorded: InvoiceBalance[] | { replayOf: string };
  try {
    recorded = await inTransaction((trx) => record(trx));
  } catch (error) {
    // two replays at once: the other one committed first (its insert made ours wait, then fail) — ours is rolled
    // back whole, and the first payment is the answer
    if (!key || options.trx || !isIdempotencyKeyTaken(error)) throw error;
    const first = await findPaymentByIdempotencyKey(ctx.db, org.id, key);
    if (!first) throw error;
    recorded = { replayOf: checkReplay(first, hash, options.idempotencyKey as string) };
  }
  const db = options.trx ? { db: options.trx } : {};
  if (!Array.isArray(recorded)) {
    const payment = await getPayment({ ctx, org, id: recorded.replayOf, ...db });
    const invoices: InvoiceBalance[] = [];
    for (const a of payment.allocations) {
      const invoice = await findInvoice(options.trx ?? ctx.db, org.id, a.invoice_id);
      if (!invoice) continue;
      const total = Number(invoice.total_ttc_cents);
      const paid = Number(invoice.paid_cents);
      const credited = Number(invoice.credited_cents);
      invoices.push({
        id: invoice.id,
        number: invoice.number,
        paid_cents: paid,
        balance_cents: total - credited - paid,
        status: invoice.status,
      });
    }
    return { payment, invoices, replayed: true };
  }
  return {
    payment: await getPayment({ ctx, org, id: paymentId, ...db }),
    invoices: recorded,
    replayed: false,
  };

  async function record(trx: Db): Promise<InvoiceBalance[] | { replayOf: string }> {
    let clientId = input.client_id ?? null;
    if (clientId && !(await findClientOf(trx, org.id, clientId))) {
      throw new AppError("not_found", "client.not_found");
    }
    const byId = new Map<string, Invoice>();
    for (const { invoice_id } of [...input.allocations].sort((a, b) =>
      a.invoice_id < b.invoice_id ? -1 : 1,
    )) {
      const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, invoice_id);
      if (!invoice) throw new AppError("not_found", "invoice.unknown");
      byId.set(invoice_id, invoice);
    }
    // a replay is looked up once the invoices are locked: on PostgreSQL a replay running at the same time as the
    // first request waits here for it, then sees its payment (the invoice may be paid by now: not a refusal)
    if (key) {
      const first = await findPaymentByIdempotencyKey(trx, org.id, key);
      if (first) return { replayOf: checkReplay(first, hash, options.idempotencyKey as string) };
    }
    const invoices = input.allocations.map((a) => byId.get(a.invoice_id) as Invoice);
    clientId ??= invoices[0]?.client_id ?? null;
    for (const [i, invoice] of invoices.entries()) {
      if (invoice.client_id !== clientId) {
        const client = await findClientOf(trx, org.id, invoice.client_id);
        throw invalidFields([
          {
            path: `allocations.${i}.invoice_id`,
            messageCode: "payment.several_clients",
            params: { number: invoice.number, client: client?.name ?? "?" },
          },
        ]);
      }
      if (invoice.status !== "open" && invoice.status !== "partially_paid") {
        throw new AppError("conflict", "invoice.not_open", {
          number: invoice.number,
          status: invoice.status,
        });
      }
    }
    const problems: FieldProblem[] = [];
    invoices.forEach((invoice, i) => {
      const amount = input.allocations[i]?.amount_cents ?? 0;
      const balance = invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents;
      if (amount > balance) {
        problems.push({
          path: `allocations.${i}.amount_cents`,
          messageCode: "payment.exceeds_balance",
          params: {
            amount: formatEuros(amount as Cents, locale),
            balance: formatEuros(balance as Cents, locale),
            number: invoice.number,
          },
        });
      }
    });
    const [first, ...more] = problems;
    if (first) throw invalidFields([first, ...more]);

    await insertPayments(trx, [
      {
        id: paymentId,
        organization_id: org.id,
        client_id: clientId,
        date: input.date,
        amount_cents: input.amount_cents,
        method: input.method,
        reference: input.reference ?? null,
        payer: input.payer ?? null,
        state: "confirmed",
        source: input.source ?? "manual",
        bank_transaction_id: input.bank_transaction_id ?? null,
        idempotency_key: key,
        request_hash: hash,
        created_at: at,
        updated_at: at,
      },
    ]);
    await insertAllocations(
      trx,
      input.allocations.map((a) => ({
        id: newId(),
        organization_id: org.id,
        payment_id: paymentId,
        invoice_id: a.invoice_id,
        amount_cents: a.amount_cents,
        created_at: at,
        updated_at: at,
      })),
    );
    const summaryLocale = orgLocale(org);
    const method = formatMessage(summaryLocale, `payment_method.${input.method}` as MessageCode);
    const result: InvoiceBalance[] = [];
    for (const [i, invoice] of invoices.entries()) {
      const amount = input.allocations[i]?.amount_cents ?? 0;
      const paid = await sumAllocations(trx, org.id, invoice.id);
      const status = deriveStatus({
        total_cents: invoice.total_ttc_cents,
        paid_cents: paid + invoice.credited_cents,
      });
      await updateInvoice(trx, org.id, invoice.id, { paid_cents: paid, status, updated_at: at });
      await afterBalanceChange(
        trx,
        ctx.dialect,
        org,
        [{ id: invoice.id, client_id: invoice.client_id, status }],
        at,
      );
      await insertActions(trx, [
        timelineAction({
          orgId: org.id,
          clientId: invoice.client_id,
          invoiceId: invoice.id,
          userId: options.userId,
          kind: "payment",
          occurredOn: input.date,
          at,
          summary: formatMessage(summaryLocale, "timeline.payment", {
            amount: formatEuros(amount as Cents, summaryLocale),
            method,
          }),
          data: {
            payment_id: paymentId,
            amount_cents: amount,
            payment_amount_cents: input.amount_cents,
            method: input.method,
          },
        }),
      ]);
      result.push({
        id: invoice.id,
        number: invoice.number,
        paid_cents: paid,
        balance_cents: invoice.total_ttc_cents - invoice.credited_cents - paid,
        status,
      });
    }
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment",
      entityId: paymentId,
      operation: "create",
      data: {
        date: input.date,
        amount_cents: input.amount_cents,
        method: input.method,
        client_id: clientId,
        allocations: input.allocations,
      },
    });
    return result;
  }
}

/** What a keyed request asked, for its hash: the input as recorded, allocations in invoice order. */
function fingerprint(input: PaymentInput): unknown {
  return {
    date: input.date,
    amount_cents: input.amount_cents,
    method: input.method,
    reference: input.reference ?? null,
    payer: input.payer ?? null,
    client_id: input.client_id ?? null,
    allocations: [...input.allocations]
      .sort((a, b) => (a.invoice_id < b.invoice_id ? -1 : a.invoice_id > b.invoice_id ? 1 : 0))
      .map((a) => [a.invoice_id, a.amount_cents]),
    bank_transaction_id: input.bank_transaction_id ?? null,
    source: input.source ?? "manual",
  };
}

/** The first payment's id when the replay asks the same; otherwise a conflict (nothing written). */
function checkReplay(
  first: { id: string; request_hash: string | null },
  hash: string | null,
  key: string,
): string {
  if (first.request_hash !== hash) throw new AppError("conflict", "payment.idempotency_mismatch", { key });
  return first.id;
}
