import { toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { WRITE_OFF_VAT_NOTE } from "../../core/recovery/write-off.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { invoiceStates } from "../../db/repositories/calls.js";
import { findRecoveryCaseForUpdate, updateRecoveryCase } from "../../db/repositories/recovery.js";
import type { Organization, RecoveryOutcome } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { liftCaseHold } from "./case-holds.js";
import { getCase } from "./get-case.js";
import type { RecoveryCaseDto } from "./present-case.js";
import { caseInvoiceIds } from "./present-case.js";
import { writeOffCaseInvoices } from "./write-off-invoices.js";

export const RECOVERY_OUTCOMES: readonly RecoveryOutcome[] = ["paid", "settled", "written_off"];

/**
 * Closes a case: paid, settled (an agreement), or written off as irrecoverable — then the note carries the VAT
 * regularisation of irrecoverable receivables (core/recovery/write-off.ts, CGI art. 272, flagged to verify) after
 * the user's own words, and the case's invoices still owed become `written_off` (write-off-invoices.ts). Paid or
 * settled, the invoices stay as payments and credit notes made them. In every case the hold the case set on its
 * invoices is lifted (case-holds.ts): those still owed go back to the dunning run today. One transaction: the
 * case, the invoices, an action on the client's timeline (and on each invoice changed), the audit entries.
 */
export async function closeCase(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  outcome: RecoveryOutcome;
  note?: string | null | undefined;
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  const { ctx, org, outcome } = options;
  if (!RECOVERY_OUTCOMES.includes(outcome))
    throw invalidFields([
      { path: "outcome", messageCode: "recovery.bad_outcome", params: { value: String(outcome) } },
    ]);
  const locale = orgLocale(org);
  const today = toIso(todayFor(ctx, org.time_zone));
  const at = nowIso(ctx);
  const own = options.note?.trim() || null;
  const note =
    outcome === "written_off" ? [own, WRITE_OFF_VAT_NOTE[locale]].filter(Boolean).join("\n\n") : own;
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await findRecoveryCaseForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!kase) throw new AppError("not_found", "recovery.case_not_found");
    if (kase.closed_on) throw new AppError("conflict", "recovery.case_closed", { date: kase.closed_on });
    if (outcome === "paid") {
      // "paid" says the debt is gone: with something still owed, the reminders would resume on a case called paid
      const owed = (await invoiceStates(trx, org.id, caseInvoiceIds(kase))).filter(
        (i) => i.status === "open" || i.status === "partially_paid",
      );
      if (owed.length > 0)
        throw invalidFields([
          {
            path: "outcome",
            messageCode: "recovery.close_paid_owed",
            params: {
              numbers: owed
                .map((i) => i.number)
                .sort()
                .join(", "),
            },
          },
        ]);
    }
    await updateRecoveryCase(trx, org.id, kase.id, {
      stage: "closed",
      outcome,
      closed_on: today,
      close_note: note,
      updated_at: at,
    });
    const writtenOff =
      outcome === "written_off"
        ? await writeOffCaseInvoices(trx, ctx.dialect, org, kase, options.userId, today, at)
        : [];
    const released = await liftCaseHold(trx, org, kase, outcome, options.userId, today, at);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: kase.client_id,
        invoiceId: null,
        userId: options.userId,
        kind: "recovery_closed",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "recovery.timeline.closed", {
          outcome: formatMessage(locale, `recovery.outcome.${outcome}`),
        }),
        data: {
          case_id: kase.id,
          outcome,
          note: own,
          written_off: writtenOff.map((w) => w.invoice_id),
        },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "recovery_case",
      entityId: kase.id,
      operation: "close",
      data: { outcome, note: own, stage_before: kase.stage, written_off: writtenOff, hold_lifted: released },
    });
    return getCase({ ctx, org, id: kase.id, locale: options.locale, db: trx });
  });
}
