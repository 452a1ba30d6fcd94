import type { Command } from "commander";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description("13-week cash-flow forecast / prévision de trésorerie sur 13 semaines")
    .option("--weeks <n>", "weeks ahead, 1–52 (default 13)")
    .option("--as-of <date>", "the day the forecast is made (default: today)")
    .option("--past <n>", "past weeks replayed against the cash received, 0–26 (default 8)")
    .action(
      withRuntime(async (rt, env, opts: { weeks?: string; asOf?: string; past?: string }) => {
        const org = await rt.organization();
        const { getForecast } = await import("../../app/forecast/get-forecast.js");
        const { dto } = await getForecast({
          ctx: rt.ctx,
          org,
          weeks: opts.weeks,
          asOf: opts.asOf,
          past: opts.past,
        });
        if (env.json) return printJson(dto);
        const l = env.locale;
        const m = (code: Parameters<typeof formatMessage>[1], params: Record<string, string | number> = {}) =>
          formatMessage(l, code, params);
        const eur = (c: number) => formatEuros(cents(c), l);
        printLine(m("forecast.title", { date: formatIsoDate(dto.as_of, l) }));
        printLine();
        printLine(
          formatTable(
            [
              { title: m("forecast.col.week") },
              { title: m("forecast.col.expected"), right: true },
              { title: m("forecast.col.low"), right: true },
              { title: m("forecast.col.high"), right: true },
              { title: m("forecast.col.items"), right: true },
            ],
            dto.weeks.map((w) => [
              `${formatIsoDate(w.start, l)} – ${formatIsoDate(w.end, l)}`,
              eur(w.expected_cents),
              eur(w.low_cents),
              eur(w.high_cents),
              String(w.invoices),
            ]),
          ),
        );
        printLine();
        printLine(m("forecast.beyond", { weeks: dto.weeks.length, amount: eur(dto.beyond_cents) }));
        printLine(m("forecast.litigation", { amount: eur(dto.litigation_cents) }));
        if (dto.past.length === 0) return;
        printLine();
        printLine(m("forecast.past"));
        printLine(
          formatTable(
            [
              { title: m("forecast.col.week") },
              { title: m("forecast.col.expected"), right: true },
              { title: m("forecast.col.actual"), right: true },
            ],
            dto.past.map((p) => [
              `${formatIsoDate(p.start, l)} – ${formatIsoDate(p.end, l)}`,
              eur(p.expected_cents),
              eur(p.actual_cents),
            ]),
          ),
        );
      }),
    );
}
