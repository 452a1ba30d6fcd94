import { copyFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { findClientByReference } from "../../app/clients/find-client-by-reference.js";
import { AppError } from "../../app/errors.js";
import { acknowledgementDocument } from "../../app/plans/acknowledgement-document.js";
import { cancelPlan } from "../../app/plans/cancel-plan.js";
import { createPlan } from "../../app/plans/create-plan.js";
import { getPlan } from "../../app/plans/get-plan.js";
import { listPlans } from "../../app/plans/list-plans.js";
import type { PlanDto } from "../../app/plans/present-plan.js";
import { MAX_GRACE_DAYS } from "../../app/plans/schedule-input.js";
import { signPlan } from "../../app/plans/sign-plan.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { cents, formatEuros } from "../../core/money.js";
import { type Frequency, MAX_INSTALLMENTS } from "../../core/plans/schedule.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { formatTable, printJson, printLine } from "../output.js";

function integer(
  value: string | undefined,
  path: string,
  code: MessageCode,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new AppError("invalid_input", code, { max }, [{ path }]);
  return Number(value);
}

function summary(locale: Locale, p: PlanDto): string {
  return formatMessage(locale, "plan.cli_summary", {
    id: p.id,
    client: p.client_name,
    state: formatMessage(locale, `plan.state.${p.state}` as MessageCode),
    total: formatEuros(cents(p.total_cents), locale),
    count: p.installments.length,
  });
}

function details(locale: Locale, p: PlanDto): string {
  const t = (code: MessageCode) => formatMessage(locale, code);
  const money = (n: number) => formatEuros(cents(n), locale);
  return [
    summary(locale, p),
    formatTable(
      [
        { title: t("plan.col.position") },
        { title: t("plan.col.due") },
        { title: t("plan.col.amount"), right: true },
        { title: t("plan.col.paid"), right: true },
        { title: t("plan.col.state") },
      ],
      p.installments.map((i) => [
        String(i.position),
        i.due_on,
        money(i.amount_cents),
        money(i.paid_cents),
        i.state,
      ]),
    ),
  ].join("\n");
}

/** `relance plans …`: payment plans (échéanciers) and their acknowledgement of debt (docs/plans.md). */
export function registerPlans(program: Command): void {
  const plans = program
    .command("plans")
    .description("payment plans and acknowledgements of debt / échéanciers et reconnaissances de dette");

  plans
    .command("create <client>")
    .description("propose a payment plan (draft) / proposer un échéancier")
    .option("--count <n>", "number of installments")
    .option("--first <date>", "first installment's date (YYYY-MM-DD)")
    .option("--frequency <f>", "weekly | biweekly | monthly", "monthly")
    .option("--dates <dates>", "custom dates, comma-separated (instead of --count/--first)")
    .option("--invoices <numbers>", "the invoices to include, comma-separated (default: all open ones)")
    .option("--grace <days>", "days an installment may be late before the plan breaks")
    .action(
      withRuntime(
        async (
          rt,
          env,
          reference: string,
          opts: {
            count?: string;
            first?: string;
            frequency: string;
            dates?: string;
            invoices?: string;
            grace?: string;
          },
        ) => {
          const org = await rt.organization();
          const client = await findClientByReference({ ctx: rt.ctx, org, reference });
          const list = (s?: string) =>
            s
              ?.split(",")
              .map((x) => x.trim())
              .filter((x) => x !== "") ?? null;
          const plan = await createPlan({
            ctx: rt.ctx,
            org,
            userId: null,
            clientId: client.id,
            invoiceIds: list(opts.invoices),
            schedule: {
              count: integer(opts.count, "count", "plan.count_invalid", MAX_INSTALLMENTS) ?? null,
              first_on: opts.first ?? null,
              frequency: opts.frequency as Frequency,
              dates: list(opts.dates),
            },
            graceDays: integer(opts.grace, "grace_days", "plan.grace_invalid", MAX_GRACE_DAYS) ?? null,
          });
          if (env.json) return printJson(plan);
          printLine(details(env.locale, plan));
        },
      ),
    );

  plans
    .command("list")
    .description("list payment plans / liste des échéanciers")
    .option("--state <state>", "draft | signed | active | completed | broken | cancelled (comma-separated)")
    .option("--client <client>", "a client's plans")
    .action(
      withRuntime(async (rt, env, opts: { state?: string; client?: string }) => {
        const org = await rt.organization();
        const client = opts.client
          ? await findClientByReference({ ctx: rt.ctx, org, reference: opts.client })
          : null;
        const all = await listPlans({
          ctx: rt.ctx,
          org,
          clientId: client?.id ?? null,
          states: opts.state?.split(",").map((s) => s.trim()) ?? null,
        });
        if (env.json) return printJson(all);
        if (all.length === 0) return printLine(formatMessage(env.locale, "plan.cli_none"));
        for (const p of all) printLine(summary(env.locale, p));
      }),
    );

  plans
    .command("show <id>")
    .description("a plan and its installments / un échéancier et ses échéances")
    .action(
      withRuntime(async (rt, env, id: string) => {
        const plan = await getPlan({ ctx: rt.ctx, org: await rt.organization(), id });
        if (env.json) return printJson(plan);
        printLine(details(env.locale, plan));
      }),
    );

  plans
    .command("sign <id>")
    .description("the acknowledgement of debt is signed: the plan starts / reconnaissance de dette signée")
    .option("--date <date>", "the day it was signed (default: today)")
    .action(
      withRuntime(async (rt, env, id: string, opts: { date?: string }) => {
        const plan = await signPlan({
          ctx: rt.ctx,
          org: await rt.organization(),
          userId: null,
          id,
          signedOn: opts.date ?? null,
        });
        if (env.json) return printJson(plan);
        printLine(summary(env.locale, plan));
      }),
    );

  plans
    .command("cancel <id>")
    .description("withdraw a plan not started / annuler un échéancier non commencé")
    .action(
      withRuntime(async (rt, env, id: string) => {
        const plan = await cancelPlan({ ctx: rt.ctx, org: await rt.organization(), userId: null, id });
        if (env.json) return printJson(plan);
        printLine(summary(env.locale, plan));
      }),
    );

  plans
    .command("pdf <id> <out-file>")
    .description("write the acknowledgement of debt (PDF) / enregistrer la reconnaissance de dette")
    .action(
      withRuntime(async (rt, env, id: string, out: string) => {
        const org = await rt.organization();
        const { document, path } = await acknowledgementDocument({
          ctx: rt.ctx,
          org,
          userId: null,
          id,
          filesDir: filesDir(rt.handle),
        });
        const target = resolve(out);
        const temp = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
        try {
          await copyFile(path, temp);
          await rename(temp, target);
        } catch (error) {
          await rm(temp, { force: true });
          throw new AppError("invalid_input", "document.cli_write_failed", {
            path: out,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
        if (env.json) return printJson({ ...document, path: target });
        printLine(formatMessage(env.locale, "plan.cli_saved", { path: target }));
      }),
    );
}
