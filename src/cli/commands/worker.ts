import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { printJson, printLine } from "../output.js";

/**
 * `relance worker`: the daily runs and the outbox without the web server (docs/deploy.md). Any number of workers
 * (and `relance serve` processes, or with RELANCE_SCHEDULER=off none of them) share one PostgreSQL database: each
 * organization's tick is taken under an advisory lock, outbox messages are claimed with FOR UPDATE SKIP LOCKED and
 * a lease. `--once` runs one tick and prints what it did; otherwise a tick every `--interval` seconds until
 * SIGTERM / SIGINT, which let the tick in progress finish.
 */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run the daily dunning and send the outbox, without the web server / travailleur de relance")
    .option("--once", "one tick, then exit with its report")
    .option("--interval <seconds>", "seconds between ticks", "60")
    .action(
      withRuntime(
        async (rt, env, opts: { once?: boolean; interval: string }) => {
          const { schedulerTick } = await import("../dunning-scheduler.js");
          const dir = filesDir(rt.handle);
          if (opts.once) {
            const report = await schedulerTick(rt.ctx, dir);
            if (env.json) return printJson(report);
            const sent = report.dispatched.reduce((n, d) => n + d.sent, 0);
            printLine(
              `planned ${report.planned.length}, sent ${sent}, organizations left to another worker ${report.locked.length}`,
            );
            return;
          }
          const seconds = Number(opts.interval);
          if (!Number.isFinite(seconds) || seconds <= 0)
            throw new AppError("invalid_input", "cli.invalid_interval", { value: opts.interval });
          const stop = new AbortController();
          for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stop.abort());
          rt.ctx.log.info({ interval: seconds }, "worker started");
          while (!stop.signal.aborted) {
            const report = await schedulerTick(rt.ctx, dir);
            rt.ctx.log.info({ planned: report.planned.length, locked: report.locked.length }, "worker tick");
            await sleep(seconds * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
          }
          rt.ctx.log.info("worker stopped");
        },
        { logLevel: process.env.LOG_LEVEL ?? "info" },
      ),
    );
}
