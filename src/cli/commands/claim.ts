import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { claimForInvoice } from "../../app/law/claim-for-invoice.js";
import { claimsForClient } from "../../app/law/claims-for-client.js";
import { parseDate } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";
import { printClaim } from "./penalties.js";

export function registerClaim(program: Command): void {
  program
    .command("claim")
    .description(
      "what can be claimed on an invoice, or on all of a client's open invoices / montant réclamable (pénalités, indemnité, intérêts)",
    )
    .argument("[number]", "invoice number")
    .option(
      "--client <name>",
      "all of this client's open invoices (or, with a number, the client of that invoice)",
    )
    .option("--as-of <date>", "date of the computation (default: today)")
    .action(
      withRuntime(async (rt, env, number: string | undefined, opts: { client?: string; asOf?: string }) => {
        let asOf: ReturnType<typeof parseDate> | undefined;
        if (opts.asOf) {
          asOf = parseDate(opts.asOf);
          if (!asOf.ok) throw new AppError("invalid_input", asOf.problem.code, asOf.problem.params ?? {});
        }
        if (!number && !opts.client) throw new AppError("invalid_input", "field.required");
        const org = await rt.organization();
        const when = asOf?.ok ? { asOf: asOf.value } : {};
        const money = (c: number) => formatEuros(c as Cents, env.locale);
        if (number) {
          const claim = await claimForInvoice({
            ctx: rt.ctx,
            org,
            invoice: { number, ...(opts.client ? { client: opts.client } : {}) },
            locale: env.locale,
            ...when,
          });
          if (env.json) return printJson(claim);
          printLine(
            formatMessage(env.locale, "lawui.claim_heading", {
              number: claim.invoice.number,
              client: claim.invoice.client,
              due: claim.due,
              as_of: claim.as_of,
            }),
          );
          printLine();
          printClaim(claim, env.locale);
          return;
        }
        const all = await claimsForClient({
          ctx: rt.ctx,
          org,
          client: opts.client ?? "",
          locale: env.locale,
          ...when,
        });
        if (env.json) return printJson(all);
        if (all.claims.length === 0 && all.failures.length === 0) {
          return printLine(formatMessage(env.locale, "lawui.client_no_open", { client: all.client.name }));
        }
        for (const claim of all.claims) {
          printLine(
            formatMessage(env.locale, "lawui.claim_heading", {
              number: claim.invoice.number,
              client: claim.invoice.client,
              due: claim.due,
              as_of: claim.as_of,
            }),
          );
          printLine();
          printClaim(claim, env.locale);
          printLine();
        }
        for (const f of all.failures) {
          printLine(
            formatMessage(env.locale, "lawui.claim_failed", { number: f.number, message: f.message }),
          );
        }
        printLine(
          formatMessage(env.locale, "lawui.client_total", {
            client: all.client.name,
            n: all.claims.length,
            total: money(all.total_claim_cents),
          }),
        );
      }),
    );
}
