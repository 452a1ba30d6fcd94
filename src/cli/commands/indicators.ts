import type { Command } from "commander";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

export function registerIndicators(program: Command): void {
  program
    .command("indicators")
    .description("DSO, CEI, collected per step, slowest clients over 12 months / indicateurs de trésorerie")
    .option("--as-of <date>", "the last day of the 12 months (default: today)")
    .action(
      withRuntime(async (rt, env, opts: { asOf?: string }) => {
        const org = await rt.organization();
        const { getIndicators } = await import("../../app/cash/get-indicators.js");
        const dto = await getIndicators({ ctx: rt.ctx, org, asOf: opts.asOf });
        if (env.json) return printJson(dto);
        const l = env.locale;
        const m = (code: Parameters<typeof formatMessage>[1]) => formatMessage(l, code);
        const eur = (c: number) => formatEuros(cents(c), l);
        const num = (n: number | null, unit = "") =>
          n === null ? "—" : `${n.toLocaleString(l === "fr" ? "fr-FR" : "en-GB")}${unit}`;
        printLine(formatMessage(l, "indicators.title", { date: formatIsoDate(dto.as_of, l) }));
        printLine();
        printLine(
          formatTable(
            [
              { title: m("indicators.col.month") },
              { title: m("indicators.col.receivables"), right: true },
              { title: m("indicators.col.dso"), right: true },
              { title: m("indicators.col.cei"), right: true },
              { title: m("indicators.col.collected"), right: true },
            ],
            dto.months.map((row) => [
              row.month,
              eur(row.receivables_cents),
              num(row.dso_days),
              num(row.cei_percent, " %"),
              eur(row.collected_cents),
            ]),
          ),
        );
        printLine();
        printLine(m("indicators.slowest"));
        if (dto.slowest_clients.length === 0) return printLine(m("indicators.no_payment"));
        printLine(
          formatTable(
            [
              { title: m("aging.col.client") },
              { title: m("indicators.col.delay"), right: true },
              { title: m("indicators.col.collected"), right: true },
            ],
            dto.slowest_clients.map((c) => [c.name, num(c.average_days_late), eur(c.collected_cents)]),
          ),
        );
      }),
    );
}
