import { formatIsoDate, toIso } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { setNextActionOn } from "../../db/repositories/dunning-invoices.js";
import { findInvoiceForUpdate, updateInvoice } from "../../db/repositories/invoices.js";
import { sumAllocations } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { afterBalanceChange } from "../dunning/after-balance-change.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";

/**
 * Undoes a bank match (docs/statements.md): in one transaction the payment the line recorded and its allocations are
 * removed, each invoice's paid amount and status are computed again (the dunning takes it back where its dates say,
 * after-balance-change; an invoice owed again is looked at by the next run), the line is unmatched again with its proposal cleared, a `bank_match_undone` entry per
 * invoice and an audit row. The payer aliases learned stay (they only help recognise the payer). A line that is not
 * matched answers 409.
 */
export async function undoBankMatch(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  lineId: string;
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const day = toIso(todayFor(ctx, org.time_zone));
  await ctx.db.transaction().execute(async (trx) => {
    // the line locked before its invoices, as the matchers do (record-bank-payments, apply-bank-match)
    const query = trx
      .selectFrom("bank_transaction")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("id", "=", options.lineId);
    const line = await (ctx.dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
    if (!line) throw new AppError("not_found", "bank.line_not_found");
    if (line.match_state !== "matched" || line.payment_id === null) {
      throw new AppError("conflict", "bank.line_not_matched");
    }
    const paymentId = line.payment_id;
    const allocations = await trx
      .selectFrom("allocation")
      .select(["invoice_id", "amount_cents"])
      .where("organization_id", "=", org.id)
      .where("payment_id", "=", paymentId)
      .orderBy("invoice_id")
      .execute();
    const invoices = [];
    for (const a of allocations) {
      const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, a.invoice_id);
      if (invoice) invoices.push({ invoice, amount: Number(a.amount_cents) });
    }
    await trx
      .updateTable("bank_transaction")
      .set({
        match_state: "unmatched",
        match_score: null,
        match_reasons: null,
        payment_id: null,
        // the user undid it: matching again leaves the line to them
        answered_at: at,
        updated_at: at,
      })
      .where("organization_id", "=", org.id)
      .where("id", "=", line.id)
      .execute();
    await trx
      .deleteFrom("allocation")
      .where("organization_id", "=", org.id)
      .where("payment_id", "=", paymentId)
      .execute();
    await trx
      .deleteFrom("payment")
      .where("organization_id", "=", org.id)
      .where("id", "=", paymentId)
      .execute();
    const locale = orgLocale(org);
    for (const { invoice, amount } of invoices) {
      const paid = await sumAllocations(trx, org.id, invoice.id);
      const status =
        invoice.status === "cancelled" || invoice.status === "written_off"
          ? invoice.status
          : deriveStatus({ total_cents: invoice.total_ttc_cents, paid_cents: paid + invoice.credited_cents });
      await updateInvoice(trx, org.id, invoice.id, { paid_cents: paid, status, updated_at: at });
      await afterBalanceChange(
        trx,
        ctx.dialect,
        org,
        [{ id: invoice.id, client_id: invoice.client_id, status }],
        at,
      );
      // owed again: the daily run looks at it today and takes it where its dates and place in the sequence say
      if ((status === "open" || status === "partially_paid") && invoice.next_action_on === null)
        await setNextActionOn(trx, org.id, [invoice.id], day);
      await insertActions(trx, [
        timelineAction({
          orgId: org.id,
          clientId: invoice.client_id,
          invoiceId: invoice.id,
          userId: options.userId,
          kind: "bank_match_undone",
          occurredOn: day,
          at,
          summary: formatMessage(locale, "bank.timeline.undone", {
            amount: formatEuros(amount as Cents, locale),
            date: formatIsoDate(line.booking_date, locale),
          }),
          data: { payment_id: paymentId, bank_transaction_id: line.id, amount_cents: amount },
        }),
      ]);
    }
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "bank_transaction",
      entityId: line.id,
      operation: "match_undone",
      data: { payment_id: paymentId, allocations },
    });
  });
}
