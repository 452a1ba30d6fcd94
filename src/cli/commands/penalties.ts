import { existsSync } from "node:fs";
import type { Command } from "commander";
import { systemClock } from "../../app/context.js";
import { AppError } from "../../app/errors.js";
import { calculatePenalties } from "../../app/law/calculate-penalties.js";
import { parseClauseOption } from "../../app/law/inputs.js";
import { loadRateTable } from "../../app/law/load-rate-table.js";
import type { ClaimDto, Debtor } from "../../app/law/present-claim.js";
import { DEFAULT_TIME_ZONE, type PlainDate, parseDate, todayIn } from "../../core/calendar.js";
import type { DayCount } from "../../core/law/penalties.js";
import { RateTable } from "../../core/law/rates.js";
import { SEED_RATES } from "../../core/law/rates-data.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros, parseAmount } from "../../core/money.js";
import { withEnv } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";
import { DEFAULT_DB_PATH, databaseUrl, openRuntime } from "../runtime.js";
import { percentText } from "./rates.js";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function dateOption(text: string): PlainDate {
  const parsed = parseDate(text);
  if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params ?? {});
  return parsed.value;
}

function amountOption(text: string): Cents {
  const parsed = parseAmount(text);
  if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params ?? {});
  if (parsed.value <= 0) throw new AppError("invalid_input", "amount.zero");
  return parsed.value;
}

function dayCountOption(text: string): DayCount {
  const value = text.trim().toLowerCase().replace(/[-/]/g, "_");
  if (value === "actual_365" || value === "actual_actual") return value;
  throw new AppError("invalid_input", "law.day_count_invalid", { value: text });
}

/** `2025-03-01:200.00` (or `01/03/2025:200,00`): the date is everything before the last colon. */
function paymentOption(text: string): { date: string; amount_cents: number } {
  const at = text.lastIndexOf(":");
  if (at <= 0) throw new AppError("invalid_input", "lawui.payment_invalid", { value: text });
  const date = parseDate(text.slice(0, at));
  const amount = parseAmount(text.slice(at + 1));
  if (!date.ok || !amount.ok || amount.value <= 0) {
    throw new AppError("invalid_input", "lawui.payment_invalid", { value: text });
  }
  return { date: date.value.toString(), amount_cents: amount.value };
}

/** The readable breakdown of a claim: the periods, the totals, the warnings. */
export function printClaim(claim: ClaimDto, locale: Locale): void {
  const t = (code: MessageCode) => formatMessage(locale, code);
  const money = (c: number) => formatEuros(c as Cents, locale);
  if (claim.periods.length > 0) {
    printLine(
      formatTable(
        [
          { title: t("lawui.col.from") },
          { title: t("lawui.col.to") },
          { title: t("lawui.col.days"), right: true },
          { title: t("lawui.col.rate"), right: true },
          { title: t("lawui.col.base"), right: true },
          { title: t("lawui.col.amount"), right: true },
          { title: t("lawui.col.kind") },
        ],
        claim.periods.map((p) => [
          p.from,
          p.to,
          String(p.days),
          percentText(p.rate_bp, locale),
          money(p.base_cents),
          money(p.amount_cents),
          t(`lawui.period.${p.kind}` as MessageCode),
        ]),
      ),
    );
    printLine();
  }
  const rows: [string, string][] = [
    [t("lawui.principal"), money(claim.principal_cents)],
    [t("lawui.balance"), money(claim.balance_cents)],
    [t("lawui.days_late"), String(claim.days_late)],
    [t("lawui.penalty"), money(claim.penalty_cents)],
    [t("lawui.indemnity"), money(claim.indemnity_cents)],
    [t("lawui.interest"), money(claim.interest_cents)],
    [t("lawui.total"), money(claim.total_claim_cents)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) printLine(`${label.padEnd(width)}  ${value}`);
  if (claim.warnings.length > 0) {
    printLine();
    printLine(t("lawui.warnings"));
    for (const w of claim.warnings) printLine(`⚠ ${w.message}`);
  }
}

interface PenaltiesOptions {
  amount: string;
  due: string;
  asOf?: string;
  clause: string;
  b2c?: boolean;
  public?: boolean;
  notice?: string;
  payment: string[];
  dayCount?: string;
  provenCosts?: string;
}

/**
 * The rates: from the database when one is named (--db, RELANCE_DB, DATABASE_URL) or ./data/relance.db exists;
 * otherwise the table built into this version of Relance (SEED_RATES).
 */
async function ratesFor(
  env: Parameters<Parameters<typeof withEnv>[0]>[0],
): Promise<{ rates: RateTable; from: string | null }> {
  const named = env.global.db ?? process.env.RELANCE_DB ?? process.env.DATABASE_URL;
  if (!named && !existsSync(DEFAULT_DB_PATH)) return { rates: new RateTable(SEED_RATES), from: null };
  const rt = await openRuntime(env.global, env.locale);
  try {
    return { rates: await loadRateTable({ db: rt.ctx.db, orgId: null }), from: databaseUrl(env.global) };
  } finally {
    await rt.close();
  }
}

export function registerPenalties(program: Command): void {
  program
    .command("penalties")
    .description("late-payment penalties calculator / calculateur de pénalités de retard")
    .requiredOption("--amount <amount>", "amount due including VAT, e.g. 1200.00")
    .requiredOption("--due <date>", "due date")
    .option("--as-of <date>", "date of the computation (default: today)")
    .option("--clause <clause>", "default (ECB + 10 points) | fixed:<percent> | ecb+<points>", "default")
    .option("--b2c", "the debtor is a consumer (interest at the taux légal from the formal notice)")
    .option("--public", "the debtor is a public buyer")
    .option("--notice <date>", "consumer: date of the formal notice (mise en demeure)")
    .option("--payment <date:amount>", "a partial payment, e.g. 2025-03-01:200.00 (repeatable)", collect, [])
    .option("--day-count <convention>", "actual_365 (default) | actual_actual")
    .option(
      "--proven-costs <amount>",
      "recovery costs you can prove, claimed instead of 40 EUR when higher, e.g. 85.00",
    )
    .action(
      withEnv(async (env, opts: PenaltiesOptions) => {
        const principal = amountOption(opts.amount);
        const due = dateOption(opts.due);
        const asOf = opts.asOf ? dateOption(opts.asOf) : todayIn(DEFAULT_TIME_ZONE, systemClock.now());
        const clause = parseClauseOption(opts.clause);
        if (!clause.ok) throw new AppError("invalid_input", clause.problem.code, clause.problem.params ?? {});
        const notice = opts.notice ? dateOption(opts.notice) : undefined;
        const debtor: Debtor = opts.b2c ? "consumer" : opts.public ? "public" : "business";
        const payments = opts.payment.map(paymentOption);
        const dayCount = opts.dayCount !== undefined ? dayCountOption(opts.dayCount) : undefined;
        const provenCosts = opts.provenCosts !== undefined ? amountOption(opts.provenCosts) : undefined;
        const { rates, from } = await ratesFor(env);
        const claim = calculatePenalties({
          rates,
          locale: env.locale,
          input: {
            principal_cents: principal,
            due: due.toString(),
            as_of: asOf.toString(),
            clause: clause.value,
            debtor,
            notice_date: notice ? notice.toString() : null,
            payments,
            day_count: dayCount,
            proven_costs_cents: provenCosts,
          },
        });
        if (env.json) return printJson({ ...claim, rates_source: from === null ? "builtin" : "database" });
        printClaim(claim, env.locale);
        printLine();
        printLine(
          from === null
            ? formatMessage(env.locale, "lawui.rates_builtin")
            : formatMessage(env.locale, "lawui.rates_from_db", { path: from }),
        );
      }),
    );
}
