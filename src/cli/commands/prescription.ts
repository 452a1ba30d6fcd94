import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { listPrescriptionAlerts } from "../../app/law/list-prescription-alerts.js";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

export function registerPrescription(program: Command): void {
  program
    .command("prescription")
    .description(
      "open invoices whose prescription date is near or passed / factures bientôt prescrites ou prescrites",
    )
    .option("--within <days>", "days ahead (0–3650)", "90")
    .action(
      withRuntime(async (rt, env, opts: { within: string }) => {
        const within = Number(opts.within);
        if (!/^\d{1,4}$/.test(opts.within.trim()) || within > 3650) {
          throw new AppError("invalid_input", "lawproc.within_invalid", { value: opts.within });
        }
        const org = await rt.organization();
        const data = await listPrescriptionAlerts({
          ctx: rt.ctx,
          org,
          withinDays: within,
          locale: env.locale,
        });
        if (env.json) return printJson(data);
        const t = (code: MessageCode) => formatMessage(env.locale, code);
        if (data.length === 0) {
          return printLine(formatMessage(env.locale, "lawproc.prescription_none", { days: within }));
        }
        const day = (iso: string) => formatIsoDate(iso, env.locale);
        printLine(
          formatTable(
            [
              { title: t("lawproc.col.number") },
              { title: t("lawproc.col.client") },
              { title: t("lawproc.col.balance"), right: true },
              { title: t("lawproc.col.due") },
              { title: t("lawproc.col.prescription") },
              { title: t("lawproc.col.basis") },
            ],
            data.map((a) => [
              a.number,
              a.client,
              formatEuros(a.balance_cents as Cents, env.locale),
              day(a.due_date),
              `${day(a.prescription_date)}${a.prescribed ? ` (${t("lawproc.prescribed")})` : ""}`,
              a.basis,
            ]),
          ),
        );
        printLine();
        printLine(t("lawproc.prescription_legend"));
      }),
    );
}
