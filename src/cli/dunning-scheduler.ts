import { Cron } from "croner";
import type { AppContext } from "../app/context.js";
import { dispatchOutbox } from "../app/dunning/dispatch-outbox.js";
import { mailerFor } from "../app/dunning/mail-settings.js";
import { planDay } from "../app/dunning/run-day.js";
import { dunningHourOf, readSettings } from "../app/organizations/settings.js";
import { Temporal, toIso } from "../core/calendar.js";
import { withOrganizationLock } from "../db/repositories/organization-lock.js";
import {
  findOrganization,
  listOrganizations,
  swapOrganizationSettings,
  updateOrganization,
} from "../db/repositories/organizations.js";
import type { Organization } from "../db/schema.js";

/** How long a process that claimed an organization's day keeps it before another may take it over (a crash). */
const RUN_LEASE_MS = 15 * 60_000;

/** What one tick did: the organizations whose day was planned, sent for, or left to another process. */
export interface TickReport {
  planned: string[];
  dispatched: { organization_id: string; sent: number; failed: number; uncertain: number }[];
  locked: string[];
}

/**
 * One organization's share of a tick: when its local time has reached its run hour and its day has not run yet
 * (settings.dunning_last_run_on), plan the day — after downtime the first tick catches up, and the run itself
 * fires only the latest step already due (promises and payment plans are checked first). Then send what is pending
 * (retries included), even when the planning failed.
 */
async function tickOrganization(ctx: AppContext, org: Organization, filesDir: string, report: TickReport) {
  try {
    if (await planIfDue(ctx, org)) report.planned.push(org.id);
  } catch (error) {
    ctx.log.error({ err: error, organization: org.id }, "dunning run failed");
  }
  try {
    const fresh = (await findOrganization(ctx.db, org.id)) ?? org;
    const sent = await dispatchOutbox({ ctx, org: fresh, mailer: mailerFor(fresh, process.env), filesDir });
    report.dispatched.push({
      organization_id: org.id,
      sent: sent.sent + sent.letters,
      failed: sent.failed,
      uncertain: sent.uncertain,
    });
  } catch (error) {
    ctx.log.error({ err: error, organization: org.id }, "dunning dispatch failed");
  }
}

/** Plans the organization's day if it is due and this process claims it first: whether it did. */
async function planIfDue(ctx: AppContext, org: Organization): Promise<boolean> {
  const now = Temporal.Instant.fromEpochMilliseconds(ctx.clock.now()).toZonedDateTimeISO(org.time_zone);
  const today = toIso(now.toPlainDate());
  // re-read under the lock: another process may have run the day since the list was read
  const current = (await findOrganization(ctx.db, org.id)) ?? org;
  const settings = readSettings(current);
  if (now.hour < dunningHourOf(current) || settings.dunning_last_run_on === today) return false;
  // claim the day (compare-and-set on the settings, with a lease a crashed process lets go of): of several
  // processes, one plans it — SQLite workers have no advisory lock across processes
  const lease = settings.dunning_run_lease as { day?: string; until?: number } | undefined;
  if (lease?.day === today && (lease.until ?? 0) > ctx.clock.now()) return false;
  const at = new Date(ctx.clock.now()).toISOString();
  const claim = { ...settings, dunning_run_lease: { day: today, until: ctx.clock.now() + RUN_LEASE_MS } };
  if (!(await swapOrganizationSettings(ctx.db, org.id, current.settings, JSON.stringify(claim), at)))
    return false;
  await planDay({ ctx, org: current });
  // re-read: settings saved during the run (SMTP, hour) must not be overwritten
  const fresh = (await findOrganization(ctx.db, org.id)) ?? current;
  const { dunning_run_lease: _done, ...rest } = readSettings(fresh);
  await updateOrganization(
    ctx.db,
    org.id,
    { settings: JSON.stringify({ ...rest, dunning_last_run_on: today }) },
    new Date(ctx.clock.now()).toISOString(),
  );
  return true;
}

/**
 * One tick of `relance serve`'s scheduler or of a `relance worker`: each organization in turn, under its lock
 * (organization-lock.ts: on PostgreSQL, an organization another process is working on is skipped this time).
 */
export async function schedulerTick(ctx: AppContext, filesDir: string): Promise<TickReport> {
  const report: TickReport = { planned: [], dispatched: [], locked: [] };
  for (const org of await listOrganizations(ctx.db)) {
    const done = await withOrganizationLock(ctx.db, ctx.dialect, org.id, () =>
      tickOrganization(ctx, org, filesDir, report),
    );
    if (!done.ran) report.locked.push(org.id);
  }
  return report;
}

/** Every five minutes (and once at start): the daily runs and the outbox. */
export function startDunningScheduler(ctx: AppContext, filesDir: string): { stop(): void } {
  const job = new Cron("*/5 * * * *", { protect: true }, async () => {
    await schedulerTick(ctx, filesDir);
  });
  void job.trigger();
  return { stop: () => job.stop() };
}
