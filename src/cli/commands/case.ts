import type { Command } from "commander";
import { findClientByReference } from "../../app/clients/find-client-by-reference.js";
import { AppError } from "../../app/errors.js";
import { type CaseDocument, caseDocument, caseFileZip } from "../../app/recovery/case-file.js";
import { closeCase, RECOVERY_OUTCOMES } from "../../app/recovery/close-case.js";
import { getOpenCaseOfClient } from "../../app/recovery/get-case.js";
import { getLitigationView } from "../../app/recovery/get-litigation-view.js";
import { handOver } from "../../app/recovery/hand-over.js";
import { openCase } from "../../app/recovery/open-case.js";
import type { RecoveryCaseDto } from "../../app/recovery/present-case.js";
import {
  addProcedure,
  type ProcedureFields,
  recordProcedureStep,
} from "../../app/recovery/record-procedure-step.js";
import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros, parseAmount } from "../../core/money.js";
import { ALL_DATE_FIELDS, PROCEDURE_KINDS, type ProcedureKind } from "../../core/recovery/steps.js";
import type { RecoveryOutcome } from "../../db/schema.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { printJson, printLine } from "../output.js";
import { writeOutputFile } from "../output-file.js";

const DOCUMENTS: readonly CaseDocument[] = ["requete", "small_claims", "bordereau", "summary"];
const VARIANTS = ["injunction", "small_claims", "handover"] as const;

function amountOf(value: string, path: string): number {
  const parsed = parseAmount(value);
  if (!parsed.ok)
    throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params ?? {}, [
      { path, message: value },
    ]);
  return parsed.value;
}

function stepLine(kase: RecoveryCaseDto, locale: Locale): string {
  const last = kase.procedures[kase.procedures.length - 1];
  return formatMessage(locale, "recovery.cli_step", {
    id: kase.id,
    kind: last ? formatMessage(locale, `recovery.kind.${last.kind}`) : "—",
    status: last ? `${last.status_label}${last.next ? ` (${last.next.message})` : ""}` : "—",
  });
}

function printView(v: Awaited<ReturnType<typeof getLitigationView>>, locale: Locale): void {
  const money = (n: number) => formatEuros(n as Cents, locale);
  const day = (d: string | null) => (d ? formatIsoDate(d, locale) : "—");
  printLine(`${v.client.name} — ${v.as_of}`);
  printLine(
    `  ${money(v.amounts.principal_cents)} + ${money(v.amounts.interest_cents)} + ${money(v.amounts.indemnity_cents)} = ${money(v.amounts.total_cents)}`,
  );
  for (const i of v.invoices)
    printLine(`  ${i.number}  ${day(i.due_date)}  ${money(i.balance_cents)}  → ${day(i.prescription_date)}`);
  for (const i of v.prescribed)
    printLine(`  ${i.number}  ${day(i.due_date)}  ${money(i.balance_cents)}  ✗ ${day(i.prescription_date)}`);
  printLine(`  ${v.court.name} (Cerfa ${v.court.cerfa})`);
  for (const w of v.court.warnings) printLine(`    ! ${w.message}`);
  for (const p of v.procedures) printLine(`  ${p.eligible ? "✓" : "·"} ${p.reason.message}`);
  for (const e of v.evidence)
    printLine(
      `  [${e.status === "present" ? "x" : e.status === "incomplete" ? "~" : " "}] ${e.label} — ${e.detail}`,
    );
  if (v.refusal) printLine(`  ${v.refusal.message}`);
}

/** `relance case …`: judicial recovery of a client (docs/recovery.md). */
export function registerCase(program: Command): void {
  const cases = program
    .command("case")
    .description("judicial recovery of a client / recouvrement judiciaire d'un client");

  cases
    .command("show <client>")
    .description("litigation view: eligibility, court, evidence, prescription, amounts / vue contentieux")
    .action(
      withRuntime(async (rt, env, reference: string) => {
        const org = await rt.organization();
        const client = await findClientByReference({ ctx: rt.ctx, org, reference });
        const view = await getLitigationView({ ctx: rt.ctx, org, clientId: client.id, locale: env.locale });
        const kase = view.open_case_id
          ? await getOpenCaseOfClient({ ctx: rt.ctx, org, clientId: client.id, locale: env.locale })
          : null;
        if (env.json) return printJson({ ...view, case: kase });
        printView(view, env.locale);
        if (kase) printLine(stepLine(kase, env.locale));
      }),
    );

  cases
    .command("open <client>")
    .description("open the recovery case on the overdue invoices / ouvrir le dossier")
    .action(
      withRuntime(async (rt, env, reference: string) => {
        const org = await rt.organization();
        const client = await findClientByReference({ ctx: rt.ctx, org, reference });
        const kase = await openCase({
          ctx: rt.ctx,
          org,
          userId: null,
          clientId: client.id,
          locale: env.locale,
        });
        if (env.json) return printJson(kase);
        printLine(
          formatMessage(env.locale, "recovery.cli_opened", {
            id: kase.id,
            client: client.name,
            n: kase.invoice_ids.length,
            amount: formatEuros(kase.view.amounts.total_cents as Cents, env.locale),
          }),
        );
      }),
    );

  cases
    .command("step <client> <kind>")
    .description(`record a procedure's dates (${PROCEDURE_KINDS.join(" | ")}) / dates d'une procédure`)
    .option("--new", "start a new procedure of this kind")
    .option("--set <field=value...>", `dates YYYY-MM-DD: ${ALL_DATE_FIELDS.join(", ")}`)
    .option("--court <name>", "the court's name")
    .option("--fees <amount>", "fees, e.g. 150,00")
    .action(
      withRuntime(
        async (
          rt,
          env,
          reference: string,
          kind: string,
          opts: { new?: boolean; set?: string[]; court?: string; fees?: string },
        ) => {
          if (!PROCEDURE_KINDS.includes(kind as ProcedureKind))
            throw new AppError("invalid_input", "recovery.cli_bad_kind", {
              value: kind,
              allowed: PROCEDURE_KINDS.join(", "),
            });
          const fields: ProcedureFields = {};
          for (const pair of opts.set ?? []) {
            const [key, value] = pair.split("=", 2);
            if (!key || value === undefined || !(ALL_DATE_FIELDS as readonly string[]).includes(key))
              throw new AppError("invalid_input", "recovery.step_wrong_kind", { field: pair, kind });
            fields[key as (typeof ALL_DATE_FIELDS)[number]] = value;
          }
          if (opts.court) fields.court_name = opts.court;
          if (opts.fees !== undefined) fields.fees_cents = amountOf(opts.fees, "fees");
          const org = await rt.organization();
          const client = await findClientByReference({ ctx: rt.ctx, org, reference });
          const current = await getOpenCaseOfClient({
            ctx: rt.ctx,
            org,
            clientId: client.id,
            locale: env.locale,
          });
          const existing = [...current.procedures].reverse().find((p) => p.kind === kind);
          let kase: RecoveryCaseDto;
          if (opts.new || !existing) {
            if (!opts.new && !existing)
              throw new AppError("invalid_input", "recovery.cli_no_procedure", { kind });
            kase = await addProcedure({
              ctx: rt.ctx,
              org,
              userId: null,
              caseId: current.id,
              kind: kind as ProcedureKind,
              fields,
              locale: env.locale,
            });
          } else {
            kase = await recordProcedureStep({
              ctx: rt.ctx,
              org,
              userId: null,
              caseId: current.id,
              procedureId: existing.id,
              fields,
              locale: env.locale,
            });
          }
          if (env.json) return printJson(kase);
          printLine(stepLine(kase, env.locale));
        },
      ),
    );

  cases
    .command("handover <client>")
    .description("hand the case to a commissaire de justice or a lawyer / confier le dossier")
    .requiredOption("--to <who>", "bailiff | lawyer")
    .requiredOption("--name <name>", "who is instructed")
    .option("--firm <firm>")
    .option("--email <email>")
    .option("--date <date>", "mandate date YYYY-MM-DD")
    .option("--fees <amount>", "agreed fees, e.g. 150,00")
    .action(
      withRuntime(
        async (
          rt,
          env,
          reference: string,
          opts: { to: string; name: string; firm?: string; email?: string; date?: string; fees?: string },
        ) => {
          if (opts.to !== "bailiff" && opts.to !== "lawyer")
            throw new AppError("invalid_input", "recovery.cli_bad_kind", {
              value: opts.to,
              allowed: "bailiff, lawyer",
            });
          const org = await rt.organization();
          const client = await findClientByReference({ ctx: rt.ctx, org, reference });
          const current = await getOpenCaseOfClient({
            ctx: rt.ctx,
            org,
            clientId: client.id,
            locale: env.locale,
          });
          const kase = await handOver({
            ctx: rt.ctx,
            org,
            userId: null,
            caseId: current.id,
            to: opts.to,
            mandatee: { name: opts.name, firm: opts.firm ?? null, email: opts.email ?? null },
            ...(opts.date ? { mandate_on: opts.date } : {}),
            ...(opts.fees !== undefined ? { fees_cents: amountOf(opts.fees, "fees") } : {}),
            locale: env.locale,
          });
          if (env.json) return printJson(kase);
          printLine(stepLine(kase, env.locale));
        },
      ),
    );

  cases
    .command("file <client>")
    .description("write the case file as a ZIP, or one of its PDFs / écrire le dossier (ZIP) ou un PDF")
    .option("--zip <file>", "the ZIP: main document, bordereau, every piece")
    .option("--variant <variant>", VARIANTS.join(" | "), "injunction")
    .option("--pdf <file>", "one PDF instead (with --document)")
    .option("--document <document>", DOCUMENTS.join(" | "), "requete")
    .action(
      withRuntime(
        async (
          rt,
          env,
          reference: string,
          opts: { zip?: string; variant: string; pdf?: string; document: string },
        ) => {
          if (!(VARIANTS as readonly string[]).includes(opts.variant))
            throw new AppError("invalid_input", "recovery.cli_bad_kind", {
              value: opts.variant,
              allowed: VARIANTS.join(", "),
            });
          if (!(DOCUMENTS as readonly string[]).includes(opts.document))
            throw new AppError("invalid_input", "recovery.cli_bad_kind", {
              value: opts.document,
              allowed: DOCUMENTS.join(", "),
            });
          if (!opts.zip && !opts.pdf)
            throw new AppError("invalid_input", "field.required", {}, [
              { path: "--zip", message: "--zip or --pdf" },
            ]);
          const org = await rt.organization();
          const client = await findClientByReference({ ctx: rt.ctx, org, reference });
          const kase = await getOpenCaseOfClient({
            ctx: rt.ctx,
            org,
            clientId: client.id,
            locale: env.locale,
          });
          const dir = filesDir(rt.handle);
          if (opts.zip) {
            const { zip, pieces } = await caseFileZip({
              ctx: rt.ctx,
              org,
              caseId: kase.id,
              filesDir: dir,
              variant: opts.variant as (typeof VARIANTS)[number],
              locale: env.locale,
            });
            const path = await writeOutputFile(opts.zip, zip);
            if (env.json) return printJson({ path, pieces });
            printLine(formatMessage(env.locale, "recovery.cli_file", { path, n: pieces.length }));
          }
          if (opts.pdf) {
            const { pdf } = await caseDocument({
              ctx: rt.ctx,
              org,
              caseId: kase.id,
              filesDir: dir,
              document: opts.document as CaseDocument,
              locale: env.locale,
            });
            const path = await writeOutputFile(opts.pdf, pdf);
            if (env.json) return printJson({ path });
            printLine(formatMessage(env.locale, "recovery.cli_file", { path, n: 1 }));
          }
        },
      ),
    );

  cases
    .command("close <client>")
    .description("close the open case: paid, settled or written_off / clore le dossier")
    .requiredOption("--outcome <outcome>", RECOVERY_OUTCOMES.join(" | "))
    .option("--note <note>", "what happened")
    .action(
      withRuntime(async (rt, env, reference: string, opts: { outcome: string; note?: string }) => {
        if (!RECOVERY_OUTCOMES.includes(opts.outcome as RecoveryOutcome))
          throw new AppError("invalid_input", "recovery.bad_outcome", { value: opts.outcome });
        const org = await rt.organization();
        const client = await findClientByReference({ ctx: rt.ctx, org, reference });
        const current = await getOpenCaseOfClient({
          ctx: rt.ctx,
          org,
          clientId: client.id,
          locale: env.locale,
        });
        const kase = await closeCase({
          ctx: rt.ctx,
          org,
          userId: null,
          id: current.id,
          outcome: opts.outcome as RecoveryOutcome,
          note: opts.note ?? null,
          locale: env.locale,
        });
        if (env.json) return printJson(kase);
        printLine(
          formatMessage(env.locale, "recovery.cli_closed", {
            id: kase.id,
            outcome: formatMessage(env.locale, `recovery.outcome.${opts.outcome as RecoveryOutcome}`),
          }),
        );
        if (kase.close_note) printLine(kase.close_note);
      }),
    );
}
