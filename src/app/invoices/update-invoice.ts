import { toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import { findInvoiceForUpdate, updateInvoice as writeInvoice } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { getInvoice } from "./get-invoice.js";
import type { InvoiceDetailDto } from "./present-invoice.js";
import { orgLocale, timelineAction } from "./timeline.js";

export interface InvoiceChanges {
  disputed?: boolean;
  /** Why the dispute is opened or lifted; only with `disputed`. */
  dispute_reason?: string | null;
  notes?: string | null;
}

export interface UpdateInvoiceOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  changes: InvoiceChanges;
}

/**
 * Opens or lifts a dispute and edits the notes of an invoice. Opening and lifting a dispute go on the client's
 * timeline (`dispute_opened` / `dispute_closed`, with the reason) and in the audit log; a change to what the
 * invoice already says writes nothing.
 */
export async function updateInvoice(options: UpdateInvoiceOptions): Promise<InvoiceDetailDto> {
  const { ctx, org, changes } = options;
  if (changes.dispute_reason !== undefined && changes.disputed === undefined) {
    throw invalidFields([{ path: "dispute_reason", messageCode: "invoice.dispute_reason_alone" }]);
  }
  const at = nowIso(ctx);
  const today = toIso(todayFor(ctx, org.time_zone));
  await ctx.db.transaction().execute(async (trx) => {
    const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, options.id);
    if (!invoice) throw new AppError("not_found", "invoice.unknown");
    const reason = changes.dispute_reason?.trim() || null;
    if (changes.disputed !== undefined && (changes.disputed ? 1 : 0) !== invoice.disputed) {
      if (changes.disputed && invoice.kind === "credit_note") {
        throw new AppError("conflict", "invoice.is_credit_note", { number: invoice.number });
      }
      const kind = changes.disputed ? "dispute_opened" : "dispute_closed";
      const locale = orgLocale(org);
      const summary = reason
        ? formatMessage(locale, changes.disputed ? "timeline.dispute_opened" : "timeline.dispute_closed", {
            reason,
          })
        : formatMessage(
            locale,
            changes.disputed ? "timeline.dispute_opened_bare" : "timeline.dispute_closed_bare",
          );
      await writeInvoice(trx, org.id, invoice.id, {
        disputed: changes.disputed ? 1 : 0,
        updated_at: at,
      });
      // a lifted dispute: the run looks at the invoice again today (the latest step due fires)
      if (!changes.disputed) await lookAgainBy(trx, org.id, [invoice.id], today);
      await insertActions(trx, [
        timelineAction({
          orgId: org.id,
          clientId: invoice.client_id,
          invoiceId: invoice.id,
          userId: options.userId,
          kind,
          occurredOn: today,
          at,
          summary,
          data: { reason },
        }),
      ]);
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "invoice",
        entityId: invoice.id,
        operation: kind,
        data: { reason },
      });
    }
    if (changes.notes !== undefined && changes.notes !== invoice.notes) {
      await writeInvoice(trx, org.id, invoice.id, { notes: changes.notes, updated_at: at });
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "invoice",
        entityId: invoice.id,
        operation: "update",
        data: { notes: changes.notes },
      });
    }
  });
  return getInvoice({ ctx, org, id: options.id });
}
