import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { lockClientRow } from "../../db/repositories/payment-plans.js";
import { findOpenRecoveryCase, insertRecoveryCase } from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { loadCaseFacts } from "./case-facts.js";
import { holdCaseInvoices, refuseSettledElsewhere } from "./case-holds.js";
import { getCase } from "./get-case.js";
import { refusalOf, worded } from "./get-litigation-view.js";
import type { RecoveryCaseDto } from "./present-case.js";

/**
 * Opens the recovery case of a client (stage `review`) on its overdue invoices that are not prescribed, fixed from
 * now on. Refused (400, nothing written) when every owed invoice is prescribed — the reason names the invoice, its
 * last day to act and the article — or when nothing is owed; 409 when the client already has an open case, or when
 * one of those invoices is in a payment plan not finished or on a pending bill of exchange (case-holds.ts).
 * One transaction: the case, its invoices held from the dunning run (`hold_kind = recovery`, replacing a promise
 * or a pause, with an entry on each invoice's timeline), an action on the client's timeline, an audit entry.
 */
export async function openCase(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  clientId: string;
  /** The language of the answer. */
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  const { ctx, org } = options;
  const locale = orgLocale(org);
  const facts = await loadCaseFacts({ ctx, org, clientId: options.clientId, locale });
  const refusal = refusalOf(facts);
  if (refusal) {
    const params = { ...refusal.params };
    if (typeof params.date === "string") params.date = formatIsoDate(params.date, options.locale);
    throw new AppError("invalid_input", refusal.code, params, [
      { path: "client_id", message: worded(options.locale, refusal).message },
    ]);
  }
  const today = todayFor(ctx, org.time_zone);
  const at = nowIso(ctx);
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    // one at a time per client with payment plans (PostgreSQL): a plan made meanwhile is seen below
    await lockClientRow(trx, ctx.dialect, org.id, facts.client.id);
    if (await findOpenRecoveryCase(trx, org.id, facts.client.id))
      throw new AppError("conflict", "recovery.case_already_open", { client: facts.client.name });
    await refuseSettledElsewhere(trx, org, facts.invoices);
    const invoiceIds = facts.invoices.map((i) => i.id);
    await insertRecoveryCase(trx, {
      id,
      organization_id: org.id,
      client_id: facts.client.id,
      stage: "review",
      outcome: null,
      opened_on: toIso(today),
      closed_on: null,
      close_note: null,
      costs_cents: 0,
      invoice_ids: JSON.stringify(invoiceIds),
      created_at: at,
      updated_at: at,
    });
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: facts.client.id,
        invoiceId: null,
        userId: options.userId,
        kind: "recovery_opened",
        occurredOn: toIso(today),
        at,
        summary: formatMessage(locale, "recovery.timeline.opened", {
          n: invoiceIds.length,
          amount: formatEuros(facts.amounts.total_cents as Cents, locale),
        }),
        data: { case_id: id, invoice_ids: invoiceIds },
      }),
    ]);
    const replaced = await holdCaseInvoices(
      trx,
      org,
      { id, client_id: facts.client.id, opened_on: toIso(today) },
      invoiceIds,
      options.userId,
      at,
    );
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "recovery_case",
      entityId: id,
      operation: "create",
      data: {
        client_id: facts.client.id,
        invoice_ids: invoiceIds,
        amounts: facts.amounts,
        hold: "recovery",
        replaced_holds: replaced,
      },
    });
    return getCase({ ctx, org, id, locale: options.locale, db: trx });
  });
}
