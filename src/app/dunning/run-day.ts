import { type PlainDate, Temporal } from "../../core/calendar.js";
import type { Organization } from "../../db/schema.js";
import type { Mailer } from "../../mail/mailer.js";
import { checkPromises } from "../calls/check-promises.js";
import { type AppContext, fixedClock } from "../context.js";
import { checkPlans } from "../plans/check-plans.js";
import { checkQuoteExpiry } from "../quotes/check-quote-expiry.js";
import { type DispatchResult, dispatchOutbox } from "./dispatch-outbox.js";
import { type DunningRunResult, runDunning } from "./run-dunning.js";

export interface RunDayResult extends DunningRunResult {
  dispatch: DispatchResult | null;
}

/** The hour of the organization's day at which a replayed day (`--date`) is taken to happen. */
export const RUN_HOUR = 9;

/**
 * A context whose clock says `day` at 09:00 in the organization's time zone: `relance run --date` behaves exactly
 * as if today were that day (claims, retries and leases included).
 */
export function contextOnDay(ctx: AppContext, org: Organization, day: PlainDate): AppContext {
  const instant = day.toZonedDateTime({
    timeZone: org.time_zone,
    plainTime: new Temporal.PlainTime(RUN_HOUR),
  });
  return { ...ctx, clock: fixedClock(instant.toInstant().toString()) };
}

/**
 * The day's planning, the same for `relance run`, the API and `relance serve`'s scheduler: promises to pay whose
 * grace has run out first (a broken one puts its invoices back in today's run), payment plans next (a broken one
 * puts its invoices back at the mise en demeure), the reminders of quotes about to expire (quote.expiry), then the
 * dunning run itself.
 */
export async function planDay(options: {
  ctx: AppContext;
  org: Organization;
  dryRun?: boolean;
}): Promise<DunningRunResult> {
  const { ctx, org } = options;
  const dry = options.dryRun ? { dryRun: true } : {};
  await checkPromises({ ctx, org, ...dry });
  await checkPlans({ ctx, org, ...dry });
  await checkQuoteExpiry({ ctx, org, ...dry });
  return runDunning({ ctx, org, ...dry });
}

/**
 * One day of dunning for an organization: plan (run-dunning.ts), then unless `send` is false or it is a dry run,
 * send what is pending (dispatch-outbox.ts) — what awaits approval stays.
 */
export async function runDay(options: {
  ctx: AppContext;
  org: Organization;
  day?: PlainDate;
  dryRun?: boolean;
  send?: boolean;
  /** Called only when the day sends: planning never needs a mail server. */
  mailer: Mailer | (() => Mailer | Promise<Mailer>);
  filesDir: string;
  /** Where the messages' portal URL reads its key and address (default: process.env). */
  env?: NodeJS.ProcessEnv;
}): Promise<RunDayResult> {
  const ctx = options.day ? contextOnDay(options.ctx, options.org, options.day) : options.ctx;
  const planned = await planDay({ ctx, org: options.org, ...(options.dryRun ? { dryRun: true } : {}) });
  if (options.dryRun || options.send === false) return { ...planned, dispatch: null };
  const mailer = typeof options.mailer === "function" ? await options.mailer() : options.mailer;
  const dispatch = await dispatchOutbox({
    ctx,
    org: options.org,
    mailer,
    filesDir: options.filesDir,
    ...(options.env ? { env: options.env } : {}),
  });
  return { ...planned, sent: dispatch.sent + dispatch.letters, dispatch };
}
