import { toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { MAX_INSTALLMENTS } from "../../core/plans/schedule.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { listPortalInvoices } from "../../db/repositories/portal.js";
import { insertTask } from "../../db/repositories/tasks.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { orgLocale } from "../invoices/timeline.js";
import { portalAction } from "./portal-action.js";
import type { PortalAccess } from "./resolve-portal-token.js";

/**
 * « Demander un échéancier » on the portal: the client asks for a payment plan (the number of installments it
 * wishes, a message). The staff get a task to prepare it (kind `settlement`, due today, as a plan requested on the
 * phone — app/calls/log-call.ts) and the timeline a `portal_plan_requested` entry with the IP address; no plan is
 * created and the reminders do not pause (the staff decide). Needs something owed (409 otherwise); one request per
 * link and day (a second one answers 409 and writes nothing).
 */
export async function requestPortalPlan(options: {
  ctx: AppContext;
  access: PortalAccess;
  installments: number;
  message: string | null;
}): Promise<{ task_id: string }> {
  const { ctx, access } = options;
  const { org, client } = access;
  const { installments } = options;
  if (!Number.isInteger(installments) || installments < 2 || installments > MAX_INSTALLMENTS)
    throw invalidFields([
      { path: "installments", messageCode: "portal.installments_invalid", params: { max: MAX_INSTALLMENTS } },
    ]);
  const message = options.message?.trim() || null;
  const invoices = await listPortalInvoices(ctx.db, org.id, client.id);
  const owed = invoices.reduce(
    (s, i) => s + Math.max(i.total_ttc_cents - i.paid_cents - i.credited_cents, 0),
    0,
  );
  if (owed <= 0) throw new AppError("conflict", "portal.nothing_owed");
  const day = toIso(todayFor(ctx, org.time_zone));
  const at = nowIso(ctx);
  const locale = orgLocale(org);
  const taskId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertTask(trx, {
      id: taskId,
      organization_id: org.id,
      client_id: client.id,
      invoice_id: null,
      kind: "settlement",
      title: formatMessage(locale, "portal.plan_task", { client: client.name, installments }),
      due_on: day,
      state: "open",
      assignee_user_id: null,
      data: JSON.stringify({ source: "portal_plan_request", installments, message, link_id: access.link.id }),
      idempotency_key: `portal_plan:${access.link.id}:${day}`,
      created_at: at,
      updated_at: at,
    });
    if (!inserted) throw new AppError("conflict", "portal.plan_already_requested");
    await insertActions(trx, [
      portalAction(ctx, access, {
        kind: "portal_plan_requested",
        invoiceId: null,
        message: "portal.timeline.plan_requested",
        params: { installments, message: message ? ` : « ${message} »` : "" },
        data: { installments, message, task_id: taskId },
      }),
    ]);
  });
  return { task_id: taskId };
}
