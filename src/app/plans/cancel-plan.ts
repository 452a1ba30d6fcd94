import { toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { planStatus } from "./plan-status.js";
import { localeOf, movePlan, planActions, requirePlan } from "./plan-transitions.js";
import { type PlanDto, presentPlan } from "./present-plan.js";

/**
 * Withdraws a plan not started (draft or signed): nothing was held, reminders go on as before. An active plan
 * cannot be cancelled: it ends completed or broken (the daily check). On the timeline and in the audit log.
 */
export async function cancelPlan(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
}): Promise<PlanDto> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    let plan = await requirePlan(trx, org.id, options.id);
    plan = await movePlan(trx, org, plan, "cancel", { cancelled_on: toIso(today) }, at);
    await planActions(trx, org, plan, {
      userId: options.userId,
      kind: "plan_cancelled",
      on: today,
      at,
      summary: formatMessage(localeOf(org), "plan.cancelled"),
      invoiceIds: [],
    });
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment_plan",
      entityId: plan.id,
      operation: "cancel",
      data: {},
    });
    return presentPlan(await planStatus(trx, org.id, plan, today));
  });
}
