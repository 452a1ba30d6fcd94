import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { planStatus } from "./plan-status.js";
import { requirePlan } from "./plan-transitions.js";
import { type PlanDto, presentPlan } from "./present-plan.js";

/** One plan with its invoices and its installments as of today (payments matched on read). */
export async function getPlan(options: { ctx: AppContext; org: Organization; id: string }): Promise<PlanDto> {
  const { ctx, org } = options;
  const plan = await requirePlan(ctx.db, org.id, options.id);
  return presentPlan(await planStatus(ctx.db, org.id, plan, todayFor(ctx, org.time_zone)));
}
