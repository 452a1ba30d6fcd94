import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { importInvoices } from "../../app/invoices/import-invoices.js";
import { listInvoices } from "../../app/invoices/list-invoices.js";
import { formatDate, parseIsoDate } from "../../core/calendar.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { InvoiceStatus } from "../../db/schema.js";
import { parseMapOption } from "../../formats/tracking-sheet/index.js";
import { exitWith, withRuntime } from "../command.js";
import { EXIT_CODES, formatTable, pages, printJson, printJsonArray, printLine } from "../output.js";
import { progressBar } from "../progress.js";
import { registerImportStatement } from "./import-statement.js";

const STATUSES: InvoiceStatus[] = ["open", "partially_paid", "paid", "cancelled", "written_off"];

export function registerInvoices(program: Command): void {
  const invoices = program.command("invoices").description("invoices / factures");
  invoices
    .command("list")
    .description("list invoices / liste des factures")
    .option("--overdue", "only overdue invoices with a balance / seulement les factures en retard")
    .option("--status <status>", `one of ${STATUSES.join(", ")}`)
    .option("--limit <n>", "at most n invoices")
    .action(
      withRuntime(async (rt, env, opts: { overdue?: boolean; status?: string; limit?: string }) => {
        if (opts.status && !STATUSES.includes(opts.status as InvoiceStatus)) {
          throw new AppError("invalid_input", "cli.invalid_status", {
            value: opts.status,
            allowed: STATUSES.join(", "),
          });
        }
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && (!Number.isSafeInteger(limit) || limit <= 0)) {
          throw new AppError("invalid_input", "cli.invalid_limit", { value: String(opts.limit) });
        }
        const org = await rt.organization();
        const filters = {
          ctx: rt.ctx,
          org,
          ...(opts.overdue ? { overdue: true } : {}),
          ...(opts.status ? { status: [opts.status as InvoiceStatus] } : {}),
        };
        if (env.json && !limit)
          return printJsonArray(
            pages((after) => listInvoices({ ...filters, limit: 5000, ...(after ? { after } : {}) })),
          );
        const rows = await listInvoices({ ...filters, ...(limit ? { limit } : {}) });
        if (env.json) return printJson(rows);
        const t = (code: MessageCode) => formatMessage(env.locale, code);
        const money = (c: number) => formatEuros(c as Cents, env.locale);
        const date = (iso: string | null) => {
          const d = iso ? parseIsoDate(iso) : undefined;
          return d?.ok ? formatDate(d.value, env.locale) : "";
        };
        printLine(
          formatTable(
            [
              { title: t("cli.col.number") },
              { title: t("cli.col.client") },
              { title: t("cli.col.issued") },
              { title: t("cli.col.due") },
              { title: t("cli.col.total"), right: true },
              { title: t("cli.col.paid"), right: true },
              { title: t("cli.col.balance"), right: true },
              { title: t("cli.col.status") },
              { title: t("cli.col.days_late"), right: true },
            ],
            rows.map((i) => [
              i.number,
              i.client,
              date(i.issue_date),
              date(i.due_date),
              money(i.total_cents),
              money(i.paid_cents),
              money(i.balance_cents),
              formatMessage(env.locale, `status.${i.status}` as MessageCode),
              i.days_late > 0 ? String(i.days_late) : "",
            ]),
          ),
        );
        printLine(formatMessage(env.locale, "cli.count_invoices", { n: rows.length }));
      }),
    );
  invoices
    .command("duplicate <number> <file>")
    .description("write the invoice's duplicate (duplicata) as a PDF / duplicata de la facture en PDF")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .action(
      withRuntime(async (rt, env, number: string, file: string, opts: { client?: string }) => {
        const org = await rt.organization();
        const { writeInvoiceDuplicate } = await import("../invoice-duplicate-file.js");
        const written = await writeInvoiceDuplicate({ ctx: rt.ctx, org, number, file, client: opts.client });
        if (env.json) return printJson(written);
        printLine(formatMessage(env.locale, "invoice.duplicate_written", { number, path: written.path }));
      }),
    );
  invoices
    .command("pdf <number>")
    .description("write the issued invoice as a PDF (with its EPC QR code) / la facture en PDF")
    .requiredOption("--out <file>", "the PDF file to write / le fichier PDF à écrire")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .action(
      withRuntime(async (rt, env, number: string, opts: { out: string; client?: string }) => {
        const org = await rt.organization();
        const { writeInvoicePdf } = await import("../invoice-pdf-file.js");
        const written = await writeInvoicePdf({
          ctx: rt.ctx,
          org,
          number,
          file: opts.out,
          client: opts.client,
        });
        if (env.json) return printJson(written);
        printLine(formatMessage(env.locale, "invoice.pdf_written", { number, path: written.path }));
      }),
    );
  invoices
    .command("facturx <number>")
    .description(
      "write the issued invoice as a Factur-X PDF (PDF/A-3b, EN 16931) / la facture électronique Factur-X",
    )
    .requiredOption("--out <file>", "the PDF file to write / le fichier PDF à écrire")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .action(
      withRuntime(async (rt, env, number: string, opts: { out: string; client?: string }) => {
        const org = await rt.organization();
        const { writeFacturXFile } = await import("../einvoice-file.js");
        const written = await writeFacturXFile({
          ctx: rt.ctx,
          org,
          number,
          file: opts.out,
          client: opts.client,
        });
        if (env.json) return printJson(written);
        printLine(formatMessage(env.locale, "einvoice_out.written", { number, path: written.path }));
      }),
    );
  invoices
    .command("xml <number>")
    .description("write the issued invoice as EN 16931 XML, CII or UBL / la facture en XML CII ou UBL")
    .option("--syntax <syntax>", "cii (the Factur-X XML) or ubl", "cii")
    .requiredOption("--out <file>", "the XML file to write / le fichier XML à écrire")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .action(
      withRuntime(async (rt, env, number: string, opts: { out: string; syntax: string; client?: string }) => {
        const org = await rt.organization();
        const { writeEInvoiceXmlFile } = await import("../einvoice-file.js");
        const written = await writeEInvoiceXmlFile({
          ctx: rt.ctx,
          org,
          number,
          file: opts.out,
          syntax: opts.syntax,
          client: opts.client,
        });
        if (env.json) return printJson(written);
        printLine(formatMessage(env.locale, "einvoice_out.written", { number, path: written.path }));
      }),
    );
}

export function registerImport(program: Command): void {
  const imp = program.command("import").description("import a file / importer un fichier");
  registerImportStatement(imp);
  imp
    .command("invoices <file>")
    .description(
      "import your tracking spreadsheet (CSV, XLSX) or an e-invoice (Factur-X PDF, CII or UBL XML) / importer votre document de suivi ou une facture électronique",
    )
    .option(
      "--map <mapping...>",
      'map a header to a field: "Header=field" (field: number, client, siren, siret, email, issue_date, due_date, total, ht, vat, paid, balance, payment_date, kind, notes, ignore)',
    )
    .option("--dry-run", "check the file without writing / vérifier sans importer")
    .action(
      withRuntime(async (rt, env, file: string, opts: { map?: string[]; dryRun?: boolean }) => {
        const map = parseMapOption(opts.map ?? []);
        if (!map.ok) throw new AppError("invalid_input", map.problem.code, map.problem.params);
        const org = await rt.organization();
        const bar = progressBar(
          formatMessage(env.locale, "cli.importing"),
          !env.json && process.stderr.isTTY === true,
        );
        let report: Awaited<ReturnType<typeof importInvoices>>;
        try {
          report = await importInvoices({
            ctx: rt.ctx,
            org,
            path: file,
            map: map.value,
            dryRun: opts.dryRun === true,
            locale: env.locale,
            onProgress: (done, total) => bar.update(done, total),
          });
        } finally {
          bar.stop();
        }
        if (env.json) {
          printJson({
            imported: report.imported,
            skipped: report.skipped,
            errors: report.errors,
            error_count: report.error_count,
            warnings: report.warnings,
            clients_created: report.clients_created,
            payments_created: report.payments_created,
            dry_run: report.dry_run,
          });
        } else if (report.error_count > 0) {
          for (const e of report.errors) {
            const where =
              e.line === 0
                ? e.column
                  ? `${e.column}${env.locale === "fr" ? " :" : ":"}`
                  : ""
                : e.column
                  ? formatMessage(env.locale, "cli.at_line_column", { line: e.line, column: e.column })
                  : formatMessage(env.locale, "cli.at_line", { line: e.line });
            process.stderr.write(`${where ? `${where} ` : ""}${e.message}\n`);
          }
          if (report.error_count > report.errors.length) {
            process.stderr.write(
              `${formatMessage(env.locale, "import.more_errors", { n: report.error_count - report.errors.length })}\n`,
            );
          }
          process.stderr.write(`${formatMessage(env.locale, "import.refused", { n: report.error_count })}\n`);
        } else {
          for (const w of report.warnings) process.stderr.write(`${w.message}\n`);
          printLine(
            formatMessage(env.locale, report.dry_run ? "import.dry_run_done" : "import.done", {
              imported: report.imported,
              skipped: report.skipped,
              clients: report.clients_created,
              payments: report.payments_created,
            }),
          );
        }
        if (report.error_count > 0) exitWith(EXIT_CODES.invalid_input);
      }),
    );
}
