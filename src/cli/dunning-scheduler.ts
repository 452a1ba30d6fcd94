import { Cron } from "croner";
import type { AppContext } from "../app/context.js";
import { dispatchOutbox } from "../app/dunning/dispatch-outbox.js";
import { mailerFor } from "../app/dunning/mail-settings.js";
import { planDay } from "../app/dunning/run-day.js";
import { dunningHourOf, readSettings } from "../app/organizations/settings.js";
import { Temporal, toIso } from "../core/calendar.js";
import { findOrganization, listOrganizations, updateOrganization } from "../db/repositories/organizations.js";

/**
 * One tick of `relance serve`'s scheduler: for each organization whose local time has reached its run hour and
 * whose day has not run yet (settings.dunning_last_run_on), plan the day — after downtime the first tick catches
 * up, and the run itself fires only the latest step already due (promises and payment plans are checked first). Then send what is pending (retries included).
 */
export async function schedulerTick(ctx: AppContext, filesDir: string): Promise<void> {
  for (const org of await listOrganizations(ctx.db)) {
    try {
      const now = Temporal.Instant.fromEpochMilliseconds(ctx.clock.now()).toZonedDateTimeISO(org.time_zone);
      const today = toIso(now.toPlainDate());
      if (now.hour >= dunningHourOf(org) && readSettings(org).dunning_last_run_on !== today) {
        await planDay({ ctx, org });
        // re-read: settings saved during the run (SMTP, hour) must not be overwritten
        const fresh = (await findOrganization(ctx.db, org.id)) ?? org;
        await updateOrganization(
          ctx.db,
          org.id,
          { settings: JSON.stringify({ ...readSettings(fresh), dunning_last_run_on: today }) },
          new Date(ctx.clock.now()).toISOString(),
        );
      }
    } catch (error) {
      ctx.log.error({ err: error, organization: org.id }, "dunning run failed");
    }
    try {
      // the outbox goes out even when the day's planning failed
      const fresh = (await findOrganization(ctx.db, org.id)) ?? org;
      await dispatchOutbox({ ctx, org: fresh, mailer: mailerFor(fresh, process.env), filesDir });
    } catch (error) {
      ctx.log.error({ err: error, organization: org.id }, "dunning dispatch failed");
    }
  }
}

/** Every five minutes (and once at start): the daily runs and the outbox. */
export function startDunningScheduler(ctx: AppContext, filesDir: string): { stop(): void } {
  const job = new Cron("*/5 * * * *", { protect: true }, () => schedulerTick(ctx, filesDir));
  void job.trigger();
  return { stop: () => job.stop() };
}
