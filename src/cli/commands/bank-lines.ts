import type { Command } from "commander";
import { matchBankLines } from "../../app/statements/match-bank-lines.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { matchReportJson, printMatchReport } from "../match-report.js";
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
        if (env.json) return printJson({ lines: report.lines, ...matchReportJson(report) });
        printLine(formatMessage(env.locale, "statement.matched_again", { lines: report.lines }));
        printMatchReport(env.locale, report);
      }),
    );
}
