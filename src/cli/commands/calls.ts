import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { getCallSheet } from "../../app/calls/get-call-sheet.js";
import { listCalls } from "../../app/calls/list-calls.js";
import { listPromises } from "../../app/calls/list-promises.js";
import { type CallInput, logCall } from "../../app/calls/log-call.js";
import { makeCallSheetPdf } from "../../app/calls/make-call-sheet-pdf.js";
import { CALL_OUTCOMES, PROMISE_STATES } from "../../app/calls/present-call.js";
import { resolveClient } from "../../app/calls/resolve-client.js";
import { AppError, invalidFields } from "../../app/errors.js";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros, parseAmount } from "../../core/money.js";
import type { CallOutcome, PromiseState } from "../../db/schema.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

const WORDS = {
  fr: {
    best: "Meilleur numéro",
    noPhone: "aucun numéro",
    owed: "Dû",
    claim: "créance",
    score: (g: string | null, v: number | null) => (g ? `Note ${g} (${v}/100)` : "Nouveau client"),
    tone: "ton",
    propose: "À proposer",
    logged: (id: string) => `Appel enregistré (${id})`,
    promise: (a: string, d: string, u: string) =>
      `Promesse : ${a} le ${d} — relances suspendues jusqu'au ${u}`,
    pdf: (f: string) => `Fiche d'appel écrite dans ${f}`,
    cols: ["Date", "Client", "Issue", "Notes"],
    pcols: ["Client", "Montant", "Promis le", "État"],
    invCols: ["Facture", "Échéance", "Solde", "Retard", "Créance"],
  },
  en: {
    best: "Best number",
    noPhone: "no number",
    owed: "Owed",
    claim: "claim",
    score: (g: string | null, v: number | null) => (g ? `Grade ${g} (${v}/100)` : "New client"),
    tone: "tone",
    propose: "To propose",
    logged: (id: string) => `Call logged (${id})`,
    promise: (a: string, d: string, u: string) => `Promise: ${a} on ${d} — reminders held until ${u}`,
    pdf: (f: string) => `Call sheet written to ${f}`,
    cols: ["Date", "Client", "Outcome", "Notes"],
    pcols: ["Client", "Amount", "Promised on", "State"],
    invCols: ["Invoice", "Due", "Balance", "Days late", "Claim"],
  },
} as const;

function amountOf(text: string): number {
  const amount = parseAmount(text);
  if (!amount.ok) throw new AppError("invalid_input", amount.problem.code, amount.problem.params ?? {});
  return amount.value;
}

export function registerCalls(program: Command): void {
  const calls = program
    .command("calls")
    .description("phone calls: the call sheet, the call log / appels : fiche d'appel, journal des appels");

  calls
    .command("sheet")
    .description("the call sheet of a client (fiche d'appel) / la fiche d'appel d'un client")
    .argument("<client>", "client id or exact name")
    .option("--pdf <file>", "write the call sheet as a PDF")
    .action(
      withRuntime(async (rt, env, name: string, opts: { pdf?: string }) => {
        const org = await rt.organization();
        const client = await resolveClient({ ctx: rt.ctx, org, client: name });
        const locale: Locale = env.locale;
        if (opts.pdf) {
          const { pdf } = await makeCallSheetPdf({ ctx: rt.ctx, org, clientId: client.id, locale });
          await writeFile(opts.pdf, pdf);
          if (env.json) return printJson({ file: opts.pdf, bytes: pdf.length });
          return printLine(WORDS[locale].pdf(opts.pdf));
        }
        const sheet = await getCallSheet({ ctx: rt.ctx, org, clientId: client.id, locale });
        if (env.json) return printJson(sheet);
        const w = WORDS[locale];
        const money = (c: number) => formatEuros(c as Cents, locale);
        printLine(`${sheet.client.name} — ${sheet.as_of}`);
        printLine(
          `${w.best} : ${sheet.best_phone ? `${sheet.best_phone.phone}${sheet.best_phone.name ? ` (${sheet.best_phone.name})` : ""}` : w.noPhone}`,
        );
        printLine(`${w.score(sheet.score.grade, sheet.score.value)} — ${w.tone} ${sheet.script.tone}`);
        printLine();
        printLine(
          formatTable(
            w.invCols.map((title, i) => ({ title, right: i >= 2 })),
            sheet.invoices.map((i) => [
              i.number,
              formatIsoDate(i.due_date, locale),
              money(i.balance_cents),
              String(i.days_late),
              i.total_claim_cents === null ? "—" : money(i.total_claim_cents),
            ]),
          ),
        );
        printLine(
          `${w.owed} : ${money(sheet.totals.balance_cents)} (${w.claim} ${money(sheet.totals.claim_cents)})`,
        );
        printLine();
        printLine(sheet.script.opening);
        for (const p of sheet.script.points) printLine(`• ${p}`);
        if (sheet.script.proposals.length > 0) {
          printLine();
          printLine(`${w.propose} :`);
          for (const p of sheet.script.proposals) printLine(`• ${p.text}`);
        }
      }),
    );

  calls
    .command("log")
    .description("log a call and its follow-ups / enregistrer un appel et ses suites")
    .argument("<client>", "client id or exact name")
    .requiredOption("--outcome <outcome>", `one of ${CALL_OUTCOMES.join(", ")}`)
    .option("--notes <text>", "what was said")
    .option("--promise-amount <amount>", "a promise to pay: the amount (1234,56)")
    .option("--promise-date <date>", "a promise to pay: the date (YYYY-MM-DD)")
    .option("--grace <days>", "days of grace after the promised date (default 3)")
    .option("--call-back <date>", "call back on this date (YYYY-MM-DD): a task")
    .option("--dispute <number>", "the client disputes this invoice (with --reason)")
    .option("--reason <text>", "why the invoice is disputed")
    .option("--plan", "the client asks for a payment plan (échéancier)")
    .action(
      withRuntime(
        async (
          rt,
          env,
          name: string,
          opts: {
            outcome: string;
            notes?: string;
            promiseAmount?: string;
            promiseDate?: string;
            grace?: string;
            callBack?: string;
            dispute?: string;
            reason?: string;
            plan?: boolean;
          },
        ) => {
          if (!(CALL_OUTCOMES as readonly string[]).includes(opts.outcome)) {
            throw invalidFields([{ path: "outcome", messageCode: "call.outcome_invalid" }]);
          }
          if ((opts.promiseAmount === undefined) !== (opts.promiseDate === undefined)) {
            throw invalidFields([
              { path: opts.promiseAmount ? "promise-date" : "promise-amount", messageCode: "field.required" },
            ]);
          }
          if (opts.dispute && !opts.reason)
            throw invalidFields([{ path: "reason", messageCode: "field.required" }]);
          const grace = opts.grace === undefined ? undefined : Number(opts.grace);
          if (grace !== undefined && !Number.isInteger(grace)) {
            throw invalidFields([{ path: "grace", messageCode: "promise.grace_invalid" }]);
          }
          const org = await rt.organization();
          const client = await resolveClient({ ctx: rt.ctx, org, client: name });
          let dispute: CallInput["dispute"] = null;
          if (opts.dispute) {
            const invoice = await rt.ctx.db
              .selectFrom("invoice")
              .select("id")
              .where("organization_id", "=", org.id)
              .where("client_id", "=", client.id)
              .where("number", "=", opts.dispute)
              .executeTakeFirst();
            if (!invoice) throw new AppError("not_found", "invoice.unknown");
            dispute = { invoice_id: invoice.id, reason: opts.reason ?? "" };
          }
          const logged = await logCall({
            ctx: rt.ctx,
            org,
            userId: null,
            clientId: client.id,
            input: {
              outcome: opts.outcome as CallOutcome,
              notes: opts.notes ?? null,
              call_back_on: opts.callBack ?? null,
              promise:
                opts.promiseAmount && opts.promiseDate
                  ? {
                      amount_cents: amountOf(opts.promiseAmount),
                      promised_on: opts.promiseDate,
                      ...(grace !== undefined ? { grace_days: grace } : {}),
                    }
                  : null,
              dispute,
              plan_requested: opts.plan === true,
            },
          });
          if (env.json) return printJson(logged);
          const w = WORDS[env.locale];
          printLine(w.logged(logged.id));
          if (logged.promise) {
            printLine(
              w.promise(
                formatEuros(logged.promise.amount_cents as Cents, env.locale),
                formatIsoDate(logged.promise.promised_on, env.locale),
                formatIsoDate(logged.promise.hold_until, env.locale),
              ),
            );
          }
        },
      ),
    );

  calls
    .command("list")
    .description("calls, newest first / les appels, du plus récent")
    .argument("[client]", "client id or exact name")
    .action(
      withRuntime(async (rt, env, name: string | undefined) => {
        const org = await rt.organization();
        const client = name ? await resolveClient({ ctx: rt.ctx, org, client: name }) : undefined;
        const rows = await listCalls({ ctx: rt.ctx, org, ...(client ? { clientId: client.id } : {}) });
        if (env.json) return printJson(rows);
        const w = WORDS[env.locale];
        printLine(
          formatTable(
            w.cols.map((title) => ({ title })),
            rows.map((r) => [
              formatIsoDate(r.occurred_on, env.locale),
              r.client_name,
              formatMessage(env.locale, `call.outcome.${r.outcome}`),
              r.notes ?? "",
            ]),
          ),
        );
      }),
    );
}

export function registerPromises(program: Command): void {
  const promises = program.command("promises").description("promises to pay / promesses de paiement");
  promises
    .command("list")
    .description("promises to pay, newest first / les promesses, de la plus récente")
    .option("--state <state>", `one of ${PROMISE_STATES.join(", ")}`)
    .action(
      withRuntime(async (rt, env, opts: { state?: string }) => {
        if (opts.state && !(PROMISE_STATES as readonly string[]).includes(opts.state)) {
          throw invalidFields([{ path: "state", messageCode: "field.required" }]);
        }
        const org = await rt.organization();
        const rows = await listPromises({
          ctx: rt.ctx,
          org,
          ...(opts.state ? { states: [opts.state as PromiseState] } : {}),
        });
        if (env.json) return printJson(rows);
        const w = WORDS[env.locale];
        printLine(
          formatTable(
            w.pcols.map((title, i) => ({ title, right: i === 1 })),
            rows.map((r) => [
              r.client_name,
              formatEuros(r.amount_cents as Cents, env.locale),
              formatIsoDate(r.promised_on, env.locale),
              r.state,
            ]),
          ),
        );
      }),
    );
}
