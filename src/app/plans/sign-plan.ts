import { compareDates, formatDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { listPlanInvoices } from "../../db/repositories/payment-plans.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { invalidFields } from "../errors.js";
import { planStatus } from "./plan-status.js";
import { activateIn, localeOf, movePlan, planActions, requirePlan } from "./plan-transitions.js";
import { type PlanDto, presentPlan } from "./present-plan.js";

/**
 * The debtor signed the acknowledgement of debt (reconnaissance de dette): draft → signed, dated the day of the
 * signature. An `acknowledgement` action is written on each invoice of the plan on that day: the law engine reads
 * it as an interruption of prescription (Code civil 2240, core/law/prescription.ts), so a new period starts then.
 * Unless `activate` is false the plan starts at once (activate-plan.ts): its invoices are held.
 */
export async function signPlan(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  signedOn?: string | null;
  activate?: boolean;
  /** The language of the error messages (the request's); the timeline keeps the organization's. */
  locale?: Locale;
}): Promise<PlanDto> {
  const { ctx, org } = options;
  const today = todayFor(ctx, org.time_zone);
  let signedOn = today;
  if (options.signedOn) {
    const d = parseIsoDate(options.signedOn);
    if (!d.ok)
      throw invalidFields([
        { path: "signed_on", messageCode: d.problem.code, params: d.problem.params ?? {} },
      ]);
    if (compareDates(d.value, today) > 0) {
      throw invalidFields([
        {
          path: "signed_on",
          messageCode: "plan.signed_on_future",
          params: { date: formatDate(d.value, options.locale ?? ctx.locale) },
        },
      ]);
    }
    signedOn = d.value;
  }
  const at = nowIso(ctx);
  const locale = localeOf(org);
  return ctx.db.transaction().execute(async (trx) => {
    let plan = await requirePlan(trx, org.id, options.id);
    plan = await movePlan(trx, org, plan, "sign", { signed_on: toIso(signedOn) }, at);
    const invoices = await listPlanInvoices(trx, org.id, [plan.id]);
    await planActions(trx, org, plan, {
      userId: options.userId,
      kind: "acknowledgement",
      on: signedOn,
      at,
      summary: formatMessage(locale, "plan.signed", {
        date: formatDate(signedOn, locale),
        total: formatEuros(cents(plan.total_cents), locale),
      }),
      invoiceIds: invoices.map((i) => i.invoice_id),
    });
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "payment_plan",
      entityId: plan.id,
      operation: "sign",
      data: { signed_on: toIso(signedOn) },
    });
    if (options.activate !== false) plan = await activateIn(trx, org, plan, options.userId, today, at);
    return presentPlan(await planStatus(trx, org.id, plan, today));
  });
}
