import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { acceptQuote } from "../../app/quotes/accept-quote.js";
import { createFinalInvoice } from "../../app/quotes/create-final-invoice.js";
import { listQuotes } from "../../app/quotes/list-quotes.js";
import { makeQuotePdf } from "../../app/quotes/make-quote-pdf.js";
import type { QuoteDetailDto } from "../../app/quotes/present-quote.js";
import { refuseQuote } from "../../app/quotes/refuse-quote.js";
import { sendQuote } from "../../app/quotes/send-quote.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { findQuoteIdByReference } from "../../db/repositories/quotes.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";
import { writeOutputFile } from "../output-file.js";
import type { Runtime } from "../runtime.js";

async function quoteId(
  rt: Runtime,
  reference: string,
): Promise<{ org: Awaited<ReturnType<Runtime["organization"]>>; id: string }> {
  const org = await rt.organization();
  const id = await findQuoteIdByReference(rt.ctx.db, org.id, reference);
  if (!id) throw new AppError("not_found", "quote.unknown");
  return { org, id };
}

function printQuote(q: QuoteDetailDto, locale: Locale): void {
  printLine(
    formatMessage(locale, "quote.cli_state", {
      number: q.number,
      status: formatMessage(locale, `quote_status.${q.status}` as MessageCode),
    }),
  );
  for (const d of q.invoices.filter((i) => i.kind === "deposit")) {
    printLine(
      formatMessage(locale, "quote.cli_deposit", {
        invoice: d.number,
        amount: formatEuros(d.total_cents as Cents, locale),
        balance: formatEuros(d.balance_cents as Cents, locale),
      }),
    );
  }
  if (q.warning === "deposit_unpaid") printLine(formatMessage(locale, "quote.work_blocked"));
}

export function registerQuotes(program: Command): void {
  const quotes = program.command("quotes").description("quotes and deposits / devis et acomptes");

  quotes
    .command("list")
    .description("quotes, newest first / les devis, du plus récent")
    .action(
      withRuntime(async (rt, env) => {
        const org = await rt.organization();
        const rows = await listQuotes({ ctx: rt.ctx, org, limit: 500 });
        if (env.json) return printJson(rows);
        if (rows.length === 0) return printLine(formatMessage(env.locale, "quote.cli_none"));
        const t = (code: MessageCode) => formatMessage(env.locale, code);
        printLine(
          formatTable(
            [
              { title: "N°" },
              { title: t("cli.col.client") },
              { title: t("cli.col.total"), right: true },
              { title: t("cli.col.status") },
            ],
            rows.map((q) => [
              q.number,
              q.client,
              formatEuros(q.total_ttc_cents as Cents, env.locale),
              `${formatMessage(env.locale, `quote_status.${q.status}` as MessageCode)}${
                q.warning ? ` – ${t("quote.work_blocked")}` : ""
              }`,
            ]),
          ),
        );
      }),
    );

  quotes
    .command("send <quote>")
    .description("record a draft quote as sent / marquer un devis envoyé")
    .option("--email", "also e-mail it, PDF attached, through the outbox / l'envoyer aussi par e-mail")
    .action(
      withRuntime(async (rt, env, reference: string, opts: { email?: boolean }) => {
        const { org, id } = await quoteId(rt, reference);
        const q = await sendQuote({
          ctx: rt.ctx,
          org,
          userId: null,
          id,
          email: opts.email === true,
          locale: env.locale,
        });
        if (env.json) return printJson(q);
        printQuote(q, env.locale);
      }),
    );

  quotes
    .command("refuse <quote>")
    .description("record a sent quote as refused / marquer un devis refusé")
    .action(
      withRuntime(async (rt, env, reference: string) => {
        const { org, id } = await quoteId(rt, reference);
        const q = await refuseQuote({ ctx: rt.ctx, org, userId: null, id, locale: env.locale });
        if (env.json) return printJson(q);
        printQuote(q, env.locale);
      }),
    );

  quotes
    .command("accept <quote>")
    .description("accept a sent quote and issue its deposit invoice / accepter un devis (facture d'acompte)")
    .option("--deposit-number <number>", "the deposit invoice's number (default AC-<quote number>)")
    .action(
      withRuntime(async (rt, env, reference: string, opts: { depositNumber?: string }) => {
        const { org, id } = await quoteId(rt, reference);
        const q = await acceptQuote({
          ctx: rt.ctx,
          org,
          userId: null,
          id,
          ...(opts.depositNumber !== undefined ? { depositNumber: opts.depositNumber } : {}),
          locale: env.locale,
        });
        if (env.json) return printJson(q);
        printQuote(q, env.locale);
      }),
    );

  quotes
    .command("final-invoice <quote>")
    .description("issue the final invoice of an accepted quote, deposits deducted / facture de solde")
    .option("--number <number>", "the invoice's number (default F-<quote number>)")
    .action(
      withRuntime(async (rt, env, reference: string, opts: { number?: string }) => {
        const { org, id } = await quoteId(rt, reference);
        const invoice = await createFinalInvoice({
          ctx: rt.ctx,
          org,
          userId: null,
          quoteId: id,
          ...(opts.number !== undefined ? { number: opts.number } : {}),
          locale: env.locale,
        });
        if (env.json) return printJson(invoice);
        printLine(
          formatMessage(env.locale, "quote.cli_final", {
            invoice: invoice.number,
            amount: formatEuros(invoice.total_cents as Cents, env.locale),
          }),
        );
      }),
    );

  quotes
    .command("pdf <quote> <file>")
    .description("write the quote as a PDF / écrire le devis en PDF")
    .action(
      withRuntime(async (rt, env, reference: string, file: string) => {
        const { org, id } = await quoteId(rt, reference);
        const { pdf, number } = await makeQuotePdf({ ctx: rt.ctx, org, id });
        const path = await writeOutputFile(file, pdf);
        if (env.json) return printJson({ number, path, bytes: pdf.length });
        printLine(formatMessage(env.locale, "quote.cli_pdf", { number, path }));
      }),
    );
}
