import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { daysLate } from "../../core/invoices/balance.js";
import { trackingStage, trackingStageLabel } from "../../core/invoices/stage.js";
import type { Locale } from "../../core/messages.js";
import { latestActionsOfInvoices, latestOpenTasksOfInvoices } from "../../db/repositories/actions.js";
import { type InvoiceListItem, iterateOpenInvoices } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type TrackingExportRow, writeTrackingWorkbook } from "../../formats/tracking-export/index.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";

export interface ExportTrackingOptions {
  ctx: AppContext;
  org: Organization;
  path: string;
  locale?: Locale;
}

/**
 * Writes the tracking document ("document de suivi") the user used to keep by hand: one row per open invoice and
 * a summary by aging bucket. Reads the ledger a page at a time, so a large one never sits in memory.
 */
export async function exportTracking(options: ExportTrackingOptions) {
  const { ctx, org } = options;
  if (!existsSync(dirname(resolve(options.path)))) {
    throw new AppError("invalid_input", "export.dir_not_found", { path: options.path });
  }
  const locale = options.locale ?? ctx.locale;
  const today = todayFor(ctx, org.time_zone);
  // Written beside the target, then renamed: a failure never leaves the user's existing file half-overwritten.
  const partial = `${options.path}.${process.pid}.partial`;
  try {
    const result = await writeTrackingWorkbook(partial, trackingRows(options, locale), {
      locale,
      organizationName: org.name,
      asOf: toIso(today),
    });
    renameSync(partial, options.path);
    return result;
  } finally {
    rmSync(partial, { force: true });
  }
}

async function* trackingRows(
  options: ExportTrackingOptions,
  locale: Locale,
): AsyncGenerator<TrackingExportRow> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  let page: InvoiceListItem[] = [];
  const flush = async function* () {
    const ids = page.map((i) => i.id);
    const actions = await latestActionsOfInvoices(ctx.db, org.id, ids);
    const tasks = await latestOpenTasksOfInvoices(ctx.db, org.id, ids);
    for (const invoice of page) {
      const due = parseIsoDate(invoice.due_date);
      if (!due.ok) continue;
      const action = actions.get(invoice.id);
      const task = tasks.get(invoice.id);
      const stage = trackingStage(
        { due_date: due.value, paid_cents: invoice.paid_cents, disputed: invoice.disputed === 1 },
        today,
      );
      yield {
        client: invoice.client_name,
        number: invoice.number,
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        total_cents: invoice.total_ttc_cents,
        paid_cents: invoice.paid_cents,
        balance_cents: invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents,
        days_late: daysLate(due.value, today),
        stage: trackingStageLabel(stage, locale),
        last_action: action ? `${formatIsoDate(action.occurred_on, locale)} · ${action.summary}` : null,
        next_action: task ? `${formatIsoDate(task.due_on, locale)} · ${task.title}` : null,
      };
    }
    page = [];
  };
  for await (const invoice of iterateOpenInvoices(ctx.db, org.id, toIso(today))) {
    page.push(invoice);
    if (page.length >= 500) yield* flush();
  }
  yield* flush();
}
