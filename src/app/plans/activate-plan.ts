import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { planStatus } from "./plan-status.js";
import { activateIn, requirePlan } from "./plan-transitions.js";
import { type PlanDto, presentPlan } from "./present-plan.js";

/** Starts a signed plan that was not started on signing: its invoices are held until it ends. */
export async function activatePlan(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
}): Promise<PlanDto> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await activateIn(
      trx,
      org,
      await requirePlan(trx, org.id, options.id),
      options.userId,
      today,
      at,
    );
    return presentPlan(await planStatus(trx, org.id, plan, today));
  });
}
