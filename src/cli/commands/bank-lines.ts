import type { Command } from "commander";
import { matchBankLines } from "../../app/statements/match-bank-lines.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

/**
 * `relance bank-lines match [--json]`: « Rapprocher à nouveau » — the bank lines unmatched or proposed that the user
 * has not answered are matched again (match-bank-lines.ts): after invoices were imported, cheques recorded or payers
 * learned since their statement, or for a statement imported with --no-match.
 */
export function registerBankLines(program: Command): void {
  const lines = program.command("bank-lines").description("bank statement lines / lignes de relevé bancaire");
  lines
    .command("match")
    .description(
      "match again the lines unmatched or proposed (not those you rejected or undid) / rapprocher à nouveau",
    )
    .action(
      withRuntime(async (rt, env) => {
        const org = await rt.organization();
        const report = await matchBankLines({ ctx: rt.ctx, org, userId: null });
        const strip = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
        if (env.json)
          return printJson({
            lines: report.lines,
            auto_matched: report.auto_matched.map(strip),
            proposed: report.proposed.map(strip),
            unmatched: report.unmatched.map(({ bank_ref, amount_cents, label }) => ({
              bank_ref,
              amount_cents,
              label,
            })),
          });
        printLine(formatMessage(env.locale, "statement.matched_again", { lines: report.lines }));
        for (const m of report.auto_matched)
          printLine(
            `  ✓ ${formatEuros(m.amount_cents as Cents, env.locale)}  ${m.invoices.join(", ")}  (${m.score})`,
          );
        printLine(
          formatMessage(env.locale, "statement.match_summary", {
            auto: report.auto_matched.length,
            proposed: report.proposed.length,
            unmatched: report.unmatched.length,
          }),
        );
      }),
    );
}
