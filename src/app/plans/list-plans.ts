import { PLAN_STATES } from "../../core/plans/lifecycle.js";
import { listPlans as listPlanRows } from "../../db/repositories/payment-plans.js";
import type { Organization, PaymentPlanState } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { invalidFields } from "../errors.js";
import { planStatus } from "./plan-status.js";
import { type PlanDto, presentPlan } from "./present-plan.js";

/** The organization's plans (of one client, in some states), newest first, at most 500. */
export async function listPlans(options: {
  ctx: AppContext;
  org: Organization;
  clientId?: string | null;
  states?: readonly string[] | null;
}): Promise<PlanDto[]> {
  const { ctx, org } = options;
  const states = (options.states ?? []).filter((s) => s !== "");
  for (const s of states) {
    if (!(PLAN_STATES as readonly string[]).includes(s))
      throw invalidFields([{ path: "state", messageCode: "plan.state_invalid", params: { state: s } }]);
  }
  const rows = await listPlanRows(ctx.db, org.id, {
    ...(options.clientId ? { clientId: options.clientId } : {}),
    states: states as PaymentPlanState[],
  });
  const today = todayFor(ctx, org.time_zone);
  const out: PlanDto[] = [];
  for (const plan of rows) out.push(presentPlan(await planStatus(ctx.db, org.id, plan, today)));
  return out;
}
