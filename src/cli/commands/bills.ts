import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { getBill, listBillsOf } from "../../app/bills/get-bill.js";
import { issueBill } from "../../app/bills/issue-bill.js";
import { moveBill } from "../../app/bills/move-bill.js";
import { openBillPdf } from "../../app/bills/open-bill-pdf.js";
import type { BillDto } from "../../app/bills/present-bill.js";
import { findClientByReference } from "../../app/clients/find-client-by-reference.js";
import { AppError } from "../../app/errors.js";
import { BILL_STATES, type BillEvent, type BillState } from "../../core/bills/state.js";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros, parseAmount } from "../../core/money.js";
import { findInvoicesByNumber } from "../../db/repositories/invoices.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { formatTable, printJson, printLine } from "../output.js";
import { writeOutputFile } from "../output-file.js";

function billLine(bill: BillDto, locale: Locale): string {
  return formatMessage(locale, "bill.cli_moved", {
    id: bill.id,
    state: formatMessage(locale, `bill.state.${bill.state}`),
    date:
      formatIsoDate(
        bill.cancelled_on ??
          bill.unpaid_on ??
          bill.paid_on ??
          bill.presented_on ??
          bill.accepted_on ??
          bill.issue_on,
        locale,
      ) ?? "",
  });
}

export function registerBills(program: Command): void {
  const bills = program
    .command("bills")
    .description("bills of exchange (professional clients) / lettres de change (clients professionnels)");

  bills
    .command("issue <client>")
    .description("draw a bill of exchange on a client for its open invoices / tirer une lettre de change")
    .requiredOption("--due <date>", "due date YYYY-MM-DD")
    .option("--invoices <numbers>", "the invoices it settles, e.g. F-1,F-2 (default: every open invoice)")
    .option("--amount <amount>", "at most the invoices' balance (default: all of it)")
    .option("--place <city>", "place of issue (default: the organization's city)")
    .option("--bank <name>", "the drawee's bank (domiciliation)")
    .option("--iban <iban>", "the drawee's IBAN (needed for an LCR)")
    .option("--lcr", "a lettre de change relevé, presented by the bank")
    .action(
      withRuntime(
        async (
          rt,
          env,
          reference: string,
          opts: {
            due: string;
            invoices?: string;
            amount?: string;
            place?: string;
            bank?: string;
            iban?: string;
            lcr?: boolean;
          },
        ) => {
          const org = await rt.organization();
          const client = await findClientByReference({ ctx: rt.ctx, org, reference });
          let amount: number | undefined;
          if (opts.amount !== undefined) {
            const parsed = parseAmount(opts.amount);
            if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params);
            amount = parsed.value;
          }
          const invoiceIds: string[] = [];
          for (const number of (opts.invoices ?? "")
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean)) {
            const found = (await findInvoicesByNumber(rt.ctx.db, org.id, number)).filter(
              (i) => i.client_id === client.id,
            );
            const [first] = found;
            if (!first) throw new AppError("not_found", "invoice.not_found", { number });
            invoiceIds.push(first.id);
          }
          const bill = await issueBill({
            ctx: rt.ctx,
            org,
            userId: null,
            filesDir: filesDir(rt.handle),
            input: {
              client_id: client.id,
              due_on: opts.due,
              ...(invoiceIds.length > 0 ? { invoice_ids: invoiceIds } : {}),
              ...(amount !== undefined ? { amount_cents: amount } : {}),
              issue_place: opts.place ?? null,
              domiciliation_bank: opts.bank ?? null,
              domiciliation_iban: opts.iban ?? null,
              lcr: opts.lcr === true,
            },
          });
          if (env.json) return printJson(bill);
          printLine(
            formatMessage(env.locale, "bill.cli_issued", {
              id: bill.id,
              amount: formatEuros(bill.amount_cents as Cents, env.locale),
              client: client.name,
              due: formatIsoDate(bill.due_on, env.locale),
              invoices: bill.invoices.map((i) => i.number).join(", "),
            }),
          );
        },
      ),
    );

  bills
    .command("list")
    .description("bills of exchange, newest first / liste des lettres de change")
    .option("--client <client>", "one client's bills (name, SIREN or id)")
    .option("--state <state>", BILL_STATES.join(" | "))
    .action(
      withRuntime(async (rt, env, opts: { client?: string; state?: string }) => {
        if (opts.state && !BILL_STATES.includes(opts.state as BillState)) {
          throw new AppError("invalid_input", "bill.cli_invalid_state", {
            value: opts.state,
            allowed: BILL_STATES.join(", "),
          });
        }
        const org = await rt.organization();
        const client = opts.client
          ? await findClientByReference({ ctx: rt.ctx, org, reference: opts.client })
          : undefined;
        const rows = await listBillsOf({
          ctx: rt.ctx,
          org,
          limit: 100_000,
          ...(client ? { clientId: client.id } : {}),
          ...(opts.state ? { states: [opts.state as BillState] } : {}),
        });
        if (env.json) return printJson(rows);
        if (rows.length === 0) return printLine(formatMessage(env.locale, "bill.cli_none"));
        const t = (code: MessageCode) => formatMessage(env.locale, code);
        printLine(
          formatTable(
            [
              { title: "id" },
              { title: t("bill.col.client") },
              { title: t("bill.col.amount"), right: true },
              { title: t("bill.col.due") },
              { title: t("bill.col.state") },
              { title: t("bill.col.invoices") },
            ],
            rows.map((b) => [
              b.id,
              b.drawee_name,
              formatEuros(b.amount_cents as Cents, env.locale),
              formatIsoDate(b.due_on, env.locale),
              formatMessage(env.locale, `bill.state.${b.state}`),
              b.invoices.map((i) => i.number).join(", "),
            ]),
          ),
        );
      }),
    );

  bills
    .command("pdf <id> <file>")
    .description("write the bill's PDF / enregistrer le PDF de la lettre de change")
    .action(
      withRuntime(async (rt, env, id: string, file: string) => {
        const org = await rt.organization();
        const { path } = await openBillPdf({ ctx: rt.ctx, org, filesDir: filesDir(rt.handle), id });
        const written = await writeOutputFile(file, await readFile(path));
        if (env.json) return printJson({ ...(await getBill({ ctx: rt.ctx, org, id })), path: written });
        printLine(formatMessage(env.locale, "bill.cli_pdf", { path: written }));
      }),
    );

  const steps: [name: string, event: BillEvent, description: string][] = [
    ["accept", "accept", "the drawee accepted it / acceptée par le tiré"],
    ["present", "present", "presented for payment / présentée au paiement"],
    ["paid", "pay", "paid: settles its invoices / payée : règle ses factures"],
    ["unpaid", "unpaid", "returned unpaid: reminders resume / impayée : les relances reprennent"],
    ["cancel", "cancel", "cancel it: its invoices are released / annuler"],
  ];
  for (const [name, event, description] of steps) {
    bills
      .command(`${name} <id>`)
      .description(description)
      .option("--date <date>", "YYYY-MM-DD (default: today)")
      .action(
        withRuntime(async (rt, env, id: string, opts: { date?: string }) => {
          const org = await rt.organization();
          const bill = await moveBill({ ctx: rt.ctx, org, userId: null, id, event, date: opts.date });
          if (env.json) return printJson(bill);
          printLine(billLine(bill, env.locale));
        }),
      );
  }
}
