import type { Command } from "commander";
import { runDay } from "../../app/dunning/run-day.js";
import { AppError } from "../../app/errors.js";
import { parseIsoDate } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { formatTable, printJson, printLine } from "../output.js";

interface RunOptions {
  date?: string;
  dryRun?: boolean;
  send: boolean;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("plan today's reminders and send them / planifie et envoie les relances du jour")
    .option("--date <YYYY-MM-DD>", "run as if today were this day / comme si nous étions ce jour-là")
    .option("--dry-run", "show what would be done, write nothing / simulation sans rien écrire")
    .option("--no-send", "plan only, send nothing / planifier sans envoyer")
    .action(
      withRuntime(async (rt, env, opts: RunOptions) => {
        let day: ReturnType<typeof parseIsoDate> | undefined;
        if (opts.date !== undefined) {
          day = parseIsoDate(opts.date.trim());
          if (!day.ok) throw new AppError("invalid_input", day.problem.code, day.problem.params ?? {});
        }
        const org = await rt.organization();
        const result = await runDay({
          ctx: rt.ctx,
          org,
          ...(day?.ok ? { day: day.value } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          send: opts.send,
          mailer: async () =>
            (await import("../../app/dunning/mail-settings.js")).mailerFor(org, process.env),
          filesDir: filesDir(rt.handle),
        });
        if (env.json) {
          return printJson({
            date: result.date,
            planned: result.planned.map((p) => ({
              client: p.client,
              invoices: p.invoices,
              step: p.step,
              offset_days: p.offset_days,
              channel: p.channel,
              action_id: p.action_id,
              awaiting_approval: p.awaiting_approval,
            })),
            skipped: result.skipped,
            awaiting_approval: result.awaiting_approval,
            sent: result.sent,
            ...(result.dispatch ? { dispatch: result.dispatch } : {}),
            dry_run: opts.dryRun === true,
          });
        }
        if (result.planned.length === 0 && result.skipped.length === 0 && result.sent === 0) {
          printLine(formatMessage(env.locale, "dunning.run_nothing", { date: result.date }));
        } else {
          if (result.planned.length > 0) {
            printLine(
              formatTable(
                [
                  { title: "Client" },
                  { title: env.locale === "en" ? "Step" : "Étape" },
                  { title: "Canal" },
                  { title: "Factures" },
                ],
                result.planned.map((p) => [
                  p.client,
                  p.awaiting_approval ? `${p.step} (approbation)` : p.step,
                  p.channel,
                  p.invoices.join(", "),
                ]),
              ),
            );
          }
          printLine(
            formatMessage(env.locale, "dunning.run_done", {
              date: result.date,
              planned: result.planned.length,
              skipped: result.skipped.length,
              awaiting: result.awaiting_approval,
              sent: result.sent,
            }),
          );
        }
        if (opts.dryRun) printLine(formatMessage(env.locale, "dunning.run_dry"));
      }),
    );
}
