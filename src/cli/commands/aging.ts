import type { Command } from "commander";
import { formatIsoDate } from "../../core/calendar.js";
import { AGING_BUCKETS, agingLabel } from "../../core/invoices/balance.js";
import { formatMessage } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

export function registerAging(program: Command): void {
  program
    .command("aging")
    .description("aging balance by client / balance âgée par client")
    .option("--as-of <date>", "the day of the balance (default: today)")
    .action(
      withRuntime(async (rt, env, opts: { asOf?: string }) => {
        const org = await rt.organization();
        const { getAging } = await import("../../app/cash/get-aging.js");
        const dto = await getAging({ ctx: rt.ctx, org, asOf: opts.asOf });
        if (env.json) return printJson(dto);
        const l = env.locale;
        const eur = (c: number) => formatEuros(cents(c), l);
        printLine(formatMessage(l, "aging.title", { date: formatIsoDate(dto.as_of, l) }));
        printLine();
        if (dto.rows.length === 0) return printLine(formatMessage(l, "aging.empty"));
        const amounts = (a: (typeof dto)["total"]) => [
          eur(a.not_due_cents),
          eur(a.d1_30_cents),
          eur(a.d31_60_cents),
          eur(a.d61_90_cents),
          eur(a.over_90_cents),
          eur(a.total_cents),
        ];
        printLine(
          formatTable(
            [
              { title: formatMessage(l, "aging.col.client") },
              ...AGING_BUCKETS.map((b) => ({ title: agingLabel(b, l), right: true })),
              { title: formatMessage(l, "aging.col.total"), right: true },
            ],
            [
              ...dto.rows.map((r) => [r.name, ...amounts(r)]),
              [formatMessage(l, "aging.total"), ...amounts(dto.total)],
            ],
          ),
        );
      }),
    );
}
