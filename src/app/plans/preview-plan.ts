import { toIso } from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import { buildSchedule } from "../../core/plans/schedule.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { choosePlanInvoices } from "./plan-invoices.js";
import { type ScheduleInput, scheduleProblem, scheduleRequestOf } from "./schedule-input.js";

export interface PlanPreviewDto {
  client_id: string;
  balance_cents: number;
  invoices: { id: string; number: string; due_date: string; balance_cents: number }[];
  installments: { position: number; due_on: string; amount_cents: number }[];
}

/** The schedule a plan would have, without saving anything (the web builder's live preview). */
export async function previewPlan(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  invoiceIds?: readonly string[] | null;
  schedule: ScheduleInput;
  /** The language of the error messages (the request's). */
  locale?: Locale;
}): Promise<PlanPreviewDto> {
  const { ctx, org } = options;
  const locale = options.locale ?? ctx.locale;
  const today = todayFor(ctx, org.time_zone);
  const choice = await choosePlanInvoices(ctx.db, org.id, options.clientId, options.invoiceIds);
  const request = scheduleRequestOf(options.schedule, today, locale);
  const schedule = buildSchedule(choice.balance_cents, request);
  if (!schedule.ok) throw scheduleProblem(request, schedule.problem, locale);
  return {
    client_id: choice.client.id,
    balance_cents: choice.balance_cents,
    invoices: choice.invoices,
    installments: schedule.value.map((i) => ({
      position: i.position,
      due_on: toIso(i.due_on),
      amount_cents: i.amount_cents,
    })),
  };
}
