import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerExport(program: Command): void {
  const exp = program.command("export").description("export a document / exporter un document");
  exp
    .command("tracking <file>")
    .description("the tracking document (XLSX) of open invoices / le document de suivi des factures ouvertes")
    .action(
      withRuntime(async (rt, env, file: string) => {
        if (!file.toLowerCase().endsWith(".xlsx"))
          throw new AppError("invalid_input", "export.xlsx_only", { path: file });
        const org = await rt.organization();
        const { exportTracking } = await import("../../app/tracking/export-tracking.js");
        const result = await exportTracking({ ctx: rt.ctx, org, path: file, locale: env.locale });
        if (env.json) return printJson({ file, rows: result.rows, summary: result.summary });
        printLine(formatMessage(env.locale, "export.done", { n: result.rows, path: file }));
      }),
    );
  exp
    .command("collected")
    .description(
      "the « Encaissée » (e-invoicing status 212) data of the payments received / les encaissements (statut 212)",
    )
    .requiredOption("--from <date>", "first payment date (YYYY-MM-DD)")
    .requiredOption("--to <date>", "last payment date (YYYY-MM-DD)")
    .option("--format <format>", "csv or json (default csv)", "csv")
    .action(
      withRuntime(async (rt, env, opts: { from: string; to: string; format: string }) => {
        if (opts.format !== "csv" && opts.format !== "json")
          throw new AppError("invalid_input", "collected.invalid_format", { format: opts.format });
        const org = await rt.organization();
        const { collectedCsv, exportCollected } = await import("../../app/cash/export-collected.js");
        const data = await exportCollected({ ctx: rt.ctx, org, from: opts.from, to: opts.to });
        if (env.json || opts.format === "json") return printJson(data);
        process.stdout.write(collectedCsv(data));
      }),
    );
}
