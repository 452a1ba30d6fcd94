import type { MatchReport } from "../app/statements/match-transactions.js";
import { formatMessage, type Locale } from "../core/messages.js";
import { type Cents, formatEuros } from "../core/money.js";
import { printLine } from "./output.js";

/** A match report in the CLI's --json shape (the issue's): lines named by their bank reference, no internal ids. */
export function matchReportJson(report: MatchReport) {
  const strip = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
  return {
    auto_matched: report.auto_matched.map(strip),
    proposed: report.proposed.map(strip),
    unmatched: report.unmatched.map(({ bank_ref, amount_cents, label }) => ({
      bank_ref,
      amount_cents,
      label,
    })),
  };
}

/** The automatic matches one per line, then the summary « Rapprochement : … ». */
export function printMatchReport(locale: Locale, report: MatchReport): void {
  for (const m of report.auto_matched)
    printLine(`  ✓ ${formatEuros(m.amount_cents as Cents, locale)}  ${m.invoices.join(", ")}  (${m.score})`);
  printLine(
    formatMessage(locale, "statement.match_summary", {
      auto: report.auto_matched.length,
      proposed: report.proposed.length,
      unmatched: report.unmatched.length,
    }),
  );
}
