import { formatDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { creditNoteNumbers, creditNoteSplit } from "../../core/invoices/credit-notes.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findInvoiceForUpdate,
  findTakenInvoiceNumbers,
  insertInvoice,
  lockInvoiceNumbering,
  updateInvoice,
} from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { afterBalanceChange } from "../dunning/after-balance-change.js";
import { AppError, invalidFields } from "../errors.js";
import { getInvoice } from "./get-invoice.js";
import type { InvoiceDetailDto } from "./present-invoice.js";
import { orgLocale, timelineAction } from "./timeline.js";

export interface CreditNoteInput {
  /** By default `AV-<invoice number>`, then `-2`, `-3`… when taken. */
  number?: string;
  issue_date: string;
  /** The amount credited, including VAT (positive). */
  amount_cents: number;
  reason: string;
}

export interface IssueCreditNoteOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  invoiceId: string;
  input: CreditNoteInput;
  locale?: Locale;
}

async function freeNumber(db: Db, orgId: string, invoiceNumber: string): Promise<string> {
  for (let from = 1; ; from += 20) {
    const candidates = creditNoteNumbers(invoiceNumber, from, 20);
    const taken = await findTakenInvoiceNumbers(db, orgId, candidates);
    const free = candidates.find((n) => !taken.has(n));
    if (free) return free;
  }
}

/**
 * Issues a credit note (avoir) on an open invoice, in one transaction with the invoice locked: a `credit_note`
 * invoice of −amount for the same client, fully applied (status paid, balance 0), and the invoice's
 * `credited_cents` raised by the amount with its status derived again. Never more than the balance.
 */
export async function issueCreditNote(options: IssueCreditNoteOptions): Promise<InvoiceDetailDto> {
  const { ctx, org, input } = options;
  const locale = options.locale ?? ctx.locale;
  const today = toIso(todayFor(ctx, org.time_zone));
  if (input.issue_date > today) {
    const d = parseIsoDate(input.issue_date);
    throw invalidFields([
      {
        path: "issue_date",
        messageCode: "credit_note.date_in_future",
        params: {
          date: d.ok ? formatDate(d.value, locale) : input.issue_date,
          today: formatDate(todayFor(ctx, org.time_zone), locale),
        },
      },
    ]);
  }
  const amount = input.amount_cents;
  const at = nowIso(ctx);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, options.invoiceId);
    if (!invoice) throw new AppError("not_found", "invoice.unknown");
    if (invoice.kind === "credit_note") {
      throw new AppError("conflict", "invoice.is_credit_note", { number: invoice.number });
    }
    if (invoice.status !== "open" && invoice.status !== "partially_paid") {
      throw new AppError("conflict", "credit_note.invoice_closed", {
        number: invoice.number,
        status: formatMessage(locale, `status.${invoice.status}` as MessageCode),
      });
    }
    const balance = invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents;
    if (amount > balance) {
      throw invalidFields([
        {
          path: "amount_cents",
          messageCode: "credit_note.exceeds_balance",
          params: {
            amount: formatEuros(amount as Cents, locale),
            balance: formatEuros(balance as Cents, locale),
            number: invoice.number,
          },
        },
      ]);
    }
    await lockInvoiceNumbering(trx, ctx.dialect, org.id);
    let number = input.number;
    if (number === undefined) number = await freeNumber(trx, org.id, invoice.number);
    else if ((await findTakenInvoiceNumbers(trx, org.id, [number])).size > 0) {
      const params = { number };
      throw new AppError("conflict", "invoice.number_taken", params, [
        { path: "number", messageCode: "invoice.number_taken", params },
      ]);
    }
    const split = creditNoteSplit(amount, invoice);
    await insertInvoice(trx, {
      id,
      organization_id: org.id,
      client_id: invoice.client_id,
      quote_id: null,
      kind: "credit_note",
      number,
      issue_date: input.issue_date,
      delivery_date: null,
      due_date: input.issue_date,
      currency: invoice.currency,
      total_ht_cents: split.total_ht_cents,
      total_vat_cents: split.total_vat_cents,
      total_ttc_cents: -amount,
      // Fully applied to the invoice it reduces: nothing left to refund or to collect, and no money received.
      paid_cents: 0,
      credited_cents: -amount,
      status: "paid",
      credited_invoice_id: invoice.id,
      penalty_clause: invoice.penalty_clause,
      indemnity_applies: invoice.indemnity_applies,
      source: "created",
      disputed: 0,
      notes: input.reason,
      created_at: at,
      updated_at: at,
    });
    const credited = invoice.credited_cents + amount;
    const status = deriveStatus({
      total_cents: invoice.total_ttc_cents,
      paid_cents: invoice.paid_cents + credited,
    });
    await updateInvoice(trx, org.id, invoice.id, { credited_cents: credited, status, updated_at: at });
    await afterBalanceChange(
      trx,
      ctx.dialect,
      org,
      [{ id: invoice.id, client_id: invoice.client_id, status }],
      at,
    );
    const summaryLocale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: invoice.client_id,
        invoiceId: invoice.id,
        userId: options.userId,
        kind: "credit_note",
        occurredOn: input.issue_date,
        at,
        summary: formatMessage(summaryLocale, "timeline.credit_note", {
          number,
          amount: formatEuros(amount as Cents, summaryLocale),
          reason: input.reason,
        }),
        data: { credit_note_id: id, number, amount_cents: amount, reason: input.reason },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "invoice",
      entityId: id,
      operation: "create",
      data: {
        kind: "credit_note",
        number,
        credited_invoice_id: invoice.id,
        amount_cents: amount,
        reason: input.reason,
        invoice_status: status,
      },
    });
  });
  return getInvoice({ ctx, org, id });
}
