import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { AppError, type FieldProblem, isAppError } from "../../app/errors.js";
import { importStatement } from "../../app/statements/import-statement.js";
import { linesOfImport } from "../../app/statements/match-bank-lines.js";
import { matchTransactions } from "../../app/statements/match-transactions.js";
import { formatMessage } from "../../core/messages.js";
import { type CsvField, csvFieldFromName } from "../../formats/bank/csv.js";
import type { StatementFormat } from "../../formats/bank/types.js";
import { exitWith, withRuntime } from "../command.js";
import { matchReportJson, printMatchReport } from "../match-report.js";
import { EXIT_CODES, printJson, printLine } from "../output.js";

const FORMATS: readonly StatementFormat[] = ["camt053", "cfonb120", "ofx", "csv"];

function parseMap(specs: readonly string[]): Record<string, CsvField> {
  const map: Record<string, CsvField> = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf("=");
    const field = at < 0 ? undefined : csvFieldFromName(spec.slice(at + 1).trim());
    const header = at < 0 ? "" : spec.slice(0, at).trim();
    if (header === "" || field === undefined) throw new AppError("invalid_input", "map.invalid", { spec });
    map[header] = field;
  }
  return map;
}

/**
 * `relance import statement FILE [--format camt053|cfonb120|ofx|csv] [--map "Header=field"...] [--no-match]`:
 * imports a bank statement (atomic: a bad file is refused whole, with its lines) and matches its new credits (and any
 * line never matched, match-bank-lines.ts) with the open invoices — the sure matches are recorded as payments at once (which stops their reminders), the others
 * wait as proposals or unmatched lines in the reconciliation screen (docs/statements.md, docs/matching.md).
 */
export function registerImportStatement(imp: Command): void {
  imp
    .command("statement <file>")
    .description(
      "import a bank statement (camt.053, CFONB 120, OFX, CSV) and match its credits with invoices / importer un relevé bancaire et rapprocher ses crédits",
    )
    .option("--format <format>", `statement format (${FORMATS.join(", ")}); default: told from the content`)
    .option(
      "--map <mapping...>",
      'CSV: map a header to a field: "Header=field" (booking_date, value_date, label, amount, debit, credit, reference, counterparty, ignore)',
    )
    .option(
      "--no-match",
      "import only; matched by `relance bank-lines match` or the next import / importer sans rapprocher",
    )
    .action(
      withRuntime(
        async (rt, env, file: string, opts: { format?: string; map?: string[]; match?: boolean }) => {
          if (opts.format !== undefined && !FORMATS.includes(opts.format as StatementFormat)) {
            throw new AppError("invalid_input", "statement.unknown_format");
          }
          const org = await rt.organization();
          const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            if (error.code === "ENOENT")
              throw new AppError("invalid_input", "file.not_found", { path: file });
            if (error.code === "EISDIR")
              throw new AppError("invalid_input", "file.not_a_file", { path: file });
            throw error;
          });
          let imported: Awaited<ReturnType<typeof importStatement>>;
          try {
            imported = await importStatement({
              ctx: rt.ctx,
              org,
              userId: null,
              bytes,
              fileName: basename(file),
              format: opts.format as StatementFormat | undefined,
              csvMap: parseMap(opts.map ?? []),
            });
          } catch (error) {
            if (!env.json && isAppError(error) && Array.isArray(error.details)) {
              for (const p of error.details as FieldProblem[]) {
                const line = /^line:(\d+)$/.exec(p.path)?.[1];
                const where = line ? `${formatMessage(env.locale, "cli.at_line", { line })} ` : "";
                process.stderr.write(`${where}${formatMessage(env.locale, p.messageCode, p.params ?? {})}\n`);
              }
              process.stderr.write(`${formatMessage(env.locale, "statement.refused")}\n`);
              exitWith(EXIT_CODES.invalid_input);
            }
            throw error;
          }
          const report =
            opts.match === false
              ? { auto_matched: [], proposed: [], unmatched: [] }
              : await matchTransactions({
                  ctx: rt.ctx,
                  org,
                  userId: null,
                  ids: await linesOfImport(rt.ctx, org, imported.new_ids),
                });
          if (env.json)
            return printJson({
              transactions: imported.transactions,
              credits: imported.credits,
              new_credits: imported.new_credits,
              ...matchReportJson(report),
            });
          printLine(
            formatMessage(env.locale, "statement.imported", {
              transactions: imported.transactions,
              credits: imported.credits,
              new: imported.new_credits,
            }),
          );
          printMatchReport(env.locale, report);
        },
      ),
    );
}
