import type { Command } from "commander";
import { todayFor } from "../../app/context.js";
import { AppError } from "../../app/errors.js";
import { PAYMENT_METHODS, recordPayment } from "../../app/payments/record-payment.js";
import { recordReceivedCheque } from "../../app/payments/record-received-cheque.js";
import { formatIsoDate, parseDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros, parseAmount } from "../../core/money.js";
import type { PaymentMethod } from "../../db/schema.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerPayments(program: Command): void {
  const payments = program
    .command("payments")
    .alias("payment")
    .description("payments received / paiements reçus");
  payments
    .command("add")
    .description("record a payment for an invoice / enregistrer un paiement")
    .requiredOption("--invoice <number>", "invoice number")
    .requiredOption("--amount <amount>", "amount in euros, e.g. 1200.00 or 1 200,00")
    .option("--date <date>", "payment date YYYY-MM-DD (default: today)")
    .option("--method <method>", PAYMENT_METHODS.join(" | "), "transfer")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .option("--reference <text>", "bank reference, cheque number…")
    .option(
      "--idempotency-key <key>",
      "run again with the same key, the payment is recorded once / relancée avec la même clé, la commande n'enregistre le paiement qu'une fois",
    )
    .action(
      withRuntime(
        async (
          rt,
          env,
          opts: {
            invoice: string;
            amount: string;
            date?: string;
            method: string;
            client?: string;
            reference?: string;
            idempotencyKey?: string;
          },
        ) => {
          const amount = parseAmount(opts.amount);
          if (!amount.ok) throw new AppError("invalid_input", amount.problem.code, amount.problem.params);
          if (!PAYMENT_METHODS.includes(opts.method as PaymentMethod)) {
            throw new AppError("invalid_input", "payment.invalid_method", {
              value: opts.method,
              allowed: PAYMENT_METHODS.join(", "),
            });
          }
          const org = await rt.organization();
          let date = todayFor(rt.ctx, org.time_zone);
          if (opts.date) {
            const parsed = parseDate(opts.date);
            if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params);
            date = parsed.value;
          }
          const result = await recordPayment({
            ctx: rt.ctx,
            org,
            invoice: { number: opts.invoice, ...(opts.client ? { client: opts.client } : {}) },
            amount: amount.value,
            date,
            method: opts.method as PaymentMethod,
            reference: opts.reference ?? null,
            ...(opts.idempotencyKey !== undefined ? { idempotencyKey: opts.idempotencyKey } : {}),
          });
          // a replay prints what the first run printed (the balance as it is now); only stderr tells it apart
          const { replayed, ...shown } = result;
          if (replayed) process.stderr.write(`${formatMessage(env.locale, "payment.replayed")}\n`);
          if (env.json) return printJson(shown);
          printLine(
            formatMessage(env.locale, "payment.recorded", {
              amount: formatEuros(amount.value, env.locale),
              number: result.number,
              balance: formatEuros(result.balance_cents as Cents, env.locale),
              status: formatMessage(env.locale, `status.${result.status}` as "status.open"),
            }),
          );
        },
      ),
    );
  payments
    .command("cheque")
    .argument("<invoice>", "invoice number")
    .description(
      "record a cheque received, awaiting deposit (reminders paused) / enregistrer un chèque reçu, à encaisser",
    )
    .requiredOption("--amount <amount>", "amount in euros, e.g. 150.00 or 150,00")
    .option("--number <cheque>", "cheque number")
    .option("--drawer <name>", "the name on the cheque (default: the client's name)")
    .option("--bank <name>", "the drawer's bank")
    .option("--date <date>", "date of receipt YYYY-MM-DD (default: today)")
    .option("--client <name>", "the client, when two clients have an invoice with this number")
    .action(
      withRuntime(
        async (
          rt,
          env,
          invoice: string,
          opts: {
            amount: string;
            number?: string;
            drawer?: string;
            bank?: string;
            date?: string;
            client?: string;
          },
        ) => {
          const amount = parseAmount(opts.amount);
          if (!amount.ok) throw new AppError("invalid_input", amount.problem.code, amount.problem.params);
          const org = await rt.organization();
          let date = todayFor(rt.ctx, org.time_zone);
          if (opts.date) {
            const parsed = parseDate(opts.date);
            if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params);
            date = parsed.value;
          }
          const result = await recordReceivedCheque({
            ctx: rt.ctx,
            org,
            userId: null,
            invoice: { number: invoice, ...(opts.client ? { client: opts.client } : {}) },
            input: {
              amount_cents: amount.value,
              received_on: toIso(date),
              cheque_number: opts.number ?? null,
              drawer: opts.drawer ?? null,
              bank: opts.bank ?? null,
            },
          });
          if (env.json) return printJson(result);
          const { payment } = result;
          printLine(
            formatMessage(env.locale, result.paused ? "cheque.recorded" : "cheque.recorded_no_hold", {
              amount: formatEuros(payment.amount_cents as Cents, env.locale),
              number: result.invoice_number,
              drawer: payment.payer ?? "—",
              cheque: payment.reference
                ? formatMessage(env.locale, "cheque.number", { cheque: payment.reference })
                : "",
              until: result.hold_until ? formatIsoDate(result.hold_until, env.locale) : "",
            }),
          );
        },
      ),
    );
}
