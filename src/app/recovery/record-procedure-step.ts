import type { Updateable } from "kysely";
import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import {
  ALL_DATE_FIELDS,
  checkStepDates,
  DATE_FIELDS,
  type DateField,
  type StepDates,
} from "../../core/recovery/steps.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions, supersedeCourtClaims } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findRecoveryCaseForUpdate,
  findRecoveryProcedure,
  insertRecoveryProcedure,
  type RecoveryCaseRow,
  type RecoveryProcedureRow,
  sumProcedureFees,
  updateRecoveryCase,
  updateRecoveryProcedure,
} from "../../db/repositories/recovery.js";
import type {
  Organization,
  RecoveryProcedureKind,
  RecoveryProcedureTable,
  RecoveryStage,
} from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { type CaseFacts, loadCaseFacts } from "./case-facts.js";
import { getCase } from "./get-case.js";
import { caseInvoiceIds, type RecoveryCaseDto } from "./present-case.js";

export interface ProcedureFields extends StepDates {
  court_name?: string | null | undefined;
  court_address?: string | null | undefined;
  mandatee_name?: string | null | undefined;
  mandatee_firm?: string | null | undefined;
  mandatee_email?: string | null | undefined;
  fees_cents?: number | undefined;
  outcome?: string | null | undefined;
  notes?: string | null | undefined;
}

const STAGE: Record<RecoveryProcedureKind, RecoveryStage> = {
  small_claims: "small_claims",
  injunction: "injunction",
  bailiff: "handed_over",
  lawyer: "handed_over",
};

/** The dates that start a claim before a court or a commissaire de justice: refused once everything is prescribed. */
const STARTS: Partial<Record<DateField, true>> = { sent_on: true, filed_on: true };

const TEXT_FIELDS = [
  "court_name",
  "court_address",
  "mandatee_name",
  "mandatee_firm",
  "mandatee_email",
  "outcome",
  "notes",
] as const;

function clean(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value.trim() === "" ? null : value.trim();
}

/**
 * Applies `fields` to a procedure (new or stored) of a case locked by the caller: the dates checked together with
 * the stored ones (core/recovery/steps.ts) and their deadlines recomputed; a date that starts a claim (small claim
 * sent, requête filed) refused when every invoice of the case is prescribed on that day; the requête's filing
 * writes a `court_claim` action on each invoice (it interrupts prescription, Code civil 2241); the fees summed on
 * the case. Returns the summary of what changed for the timeline.
 */
async function apply(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  kase: RecoveryCaseRow;
  facts: CaseFacts;
  current: RecoveryProcedureRow;
  fields: ProcedureFields;
  created: boolean;
}): Promise<void> {
  const { ctx, trx, org, kase, facts, current, fields } = options;
  const locale = orgLocale(org);
  const today = todayFor(ctx, org.time_zone);
  const kind = current.kind;
  const dates: StepDates = {};
  for (const key of ALL_DATE_FIELDS) {
    const given = fields[key];
    if (given !== undefined) dates[key] = given === null || given.trim() === "" ? null : given.trim();
  }
  const merged: StepDates = {};
  for (const key of DATE_FIELDS[kind]) merged[key] = current[key];
  const checked = checkStepDates(kind, { ...merged, ...dates }, today);
  if (!checked.ok) {
    const problem = checked.problem;
    const params = Object.fromEntries(
      Object.entries(problem.params).map(([k, v]) =>
        k === "field" || k === "before"
          ? [k, formatMessage(locale, `recovery.field.${v}` as never)]
          : k === "date" || k === "deadline"
            ? [k, formatIsoDate(v, locale)]
            : k === "kind"
              ? [k, formatMessage(locale, `recovery.kind.${v}` as never)]
              : [k, v],
      ),
    );
    throw invalidFields([{ path: problem.path, messageCode: problem.code, params }]);
  }
  if (fields.fees_cents !== undefined && (!Number.isSafeInteger(fields.fees_cents) || fields.fees_cents < 0))
    throw invalidFields([
      { path: "fees_cents", messageCode: "amount.negative", params: { value: String(fields.fees_cents) } },
    ]);
  if ((kind === "bailiff" || kind === "lawyer") && !clean(fields.mandatee_name ?? current.mandatee_name))
    throw invalidFields([{ path: "mandatee_name", messageCode: "recovery.mandatee_required" }]);

  for (const [key, value] of Object.entries(dates) as [DateField, string | null][]) {
    if (!STARTS[key] || !value || value === current[key]) continue;
    const alive = facts.invoices
      .concat(facts.prescribed)
      .filter((i) => i.prescription_date === null || i.prescription_date >= value);
    if (alive.length === 0) {
      const last = facts.invoices
        .concat(facts.prescribed)
        .map((i) => i.prescription_date ?? "")
        .reduce((a, b) => (a > b ? a : b), "");
      throw invalidFields([
        {
          path: key,
          messageCode: "recovery.prescribed_at_step",
          params: { date: formatIsoDate(value, locale), last: formatIsoDate(last, locale) },
        },
      ]);
    }
  }

  const parsedIso = (k: DateField) => {
    const d = checked.value.dates[k];
    return d === undefined ? current[k] : d === null ? null : toIso(d);
  };
  const at = nowIso(ctx);
  const changes: Updateable<RecoveryProcedureTable> = { updated_at: at };
  for (const key of DATE_FIELDS[kind]) changes[key] = parsedIso(key);
  changes.deadline_on = checked.value.derived.deadline_on;
  changes.service_deadline_on = checked.value.derived.service_deadline_on;
  changes.opposition_deadline_on = checked.value.derived.opposition_deadline_on;
  for (const key of TEXT_FIELDS) {
    const v = clean(fields[key]);
    if (v !== undefined) changes[key] = v;
  }
  if (fields.fees_cents !== undefined) changes.fees_cents = fields.fees_cents;
  await updateRecoveryProcedure(trx, org.id, current.id, changes);

  const costs = await sumProcedureFees(trx, org.id, kase.id);
  await updateRecoveryCase(trx, org.id, kase.id, {
    costs_cents: costs,
    ...(kase.stage === "review" || options.created ? { stage: STAGE[kind] } : {}),
    updated_at: at,
  });

  const changedDates = DATE_FIELDS[kind].filter((k) => (changes[k] ?? null) !== (current[k] ?? null));
  const invoiceIds = caseInvoiceIds(kase);
  const actions = [];
  const filedChanged =
    kind === "injunction" &&
    "filed_on" in changes &&
    (changes.filed_on ?? null) !== (current.filed_on ?? null);
  if (filedChanged && current.filed_on) {
    // a corrected or cleared filing date: the earlier entries stop interrupting prescription (they keep their place
    // on the timeline, under another kind), so no invoice's last day to act rests on a date that was wrong
    await supersedeCourtClaims(trx, org.id, kase.client_id, invoiceIds, current.filed_on, at);
  }
  if (filedChanged && changes.filed_on) {
    for (const invoiceId of invoiceIds) {
      actions.push(
        timelineAction({
          orgId: org.id,
          clientId: kase.client_id,
          invoiceId,
          userId: options.userId,
          kind: "court_claim",
          occurredOn: changes.filed_on,
          at,
          summary: formatMessage(locale, "recovery.timeline.court_claim", {
            date: formatIsoDate(changes.filed_on, locale),
          }),
          data: { case_id: kase.id, procedure_id: current.id },
        }),
      );
    }
  }
  const kindLabel = formatMessage(locale, `recovery.kind.${kind}`);
  const summary = options.created
    ? formatMessage(locale, "recovery.timeline.procedure_added", { kind: kindLabel })
    : formatMessage(locale, "recovery.timeline.procedure_updated", {
        kind: kindLabel,
        steps:
          changedDates
            .map(
              (k) =>
                `${formatMessage(locale, `recovery.field.${k}`)} ${changes[k] ? formatIsoDate(changes[k] as string, locale) : "—"}`,
            )
            .join(", ") || formatMessage(locale, "recovery.timeline.details"),
      });
  actions.push(
    timelineAction({
      orgId: org.id,
      clientId: kase.client_id,
      invoiceId: null,
      userId: options.userId,
      kind: "recovery_step",
      occurredOn: toIso(today),
      at,
      summary:
        fields.fees_cents !== undefined && fields.fees_cents !== Number(current.fees_cents)
          ? `${summary} — ${formatMessage(locale, "recovery.field.fees_cents")} ${formatEuros(fields.fees_cents as Cents, locale)}`
          : summary,
      data: { case_id: kase.id, procedure_id: current.id, kind, changed: changedDates },
    }),
  );
  await insertActions(trx, actions);
  await appendAudit(trx, {
    organizationId: org.id,
    userId: options.userId,
    at,
    entity: "recovery_procedure",
    entityId: current.id,
    operation: options.created ? "create" : "update",
    data: { case_id: kase.id, kind, ...changes },
  });
}

async function lockedOpenCase(ctx: AppContext, trx: Db, org: Organization, caseId: string) {
  const kase = await findRecoveryCaseForUpdate(trx, ctx.dialect, org.id, caseId);
  if (!kase) throw new AppError("not_found", "recovery.case_not_found");
  if (kase.closed_on) throw new AppError("conflict", "recovery.case_closed", { date: kase.closed_on });
  return kase;
}

/**
 * Starts a procedure on an open case: a small claim (only when eligible: ≤ 5 000 € principal + interest, debtor in
 * France), an injonction de payer (the court defaults to the one chosen from the debtor's type and address), or a
 * hand-over to a commissaire de justice (`bailiff`) or a lawyer (the mandatee's name required). The case moves to
 * the procedure's stage. One transaction with its dates (as `recordProcedureStep`), actions and audit.
 */
export async function addProcedure(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  caseId: string;
  kind: RecoveryProcedureKind;
  fields: ProcedureFields;
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  const { ctx, org, kind } = options;
  const locale = orgLocale(org);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await lockedOpenCase(ctx, trx, org, options.caseId);
    const facts = await loadCaseFacts({
      ctx: { ...ctx, db: trx },
      org,
      clientId: kase.client_id,
      invoiceIds: caseInvoiceIds(kase),
      locale,
    });
    const wanted =
      kind === "small_claims" ? "small_claims" : kind === "injunction" ? "injonction_de_payer" : null;
    const eligibility = facts.eligibility.find((p) => p.procedure === wanted);
    if (eligibility && !eligibility.eligible) {
      throw new AppError("invalid_input", eligibility.reason.code, eligibility.reason.params, [
        {
          path: "kind",
          message: formatMessage(options.locale, eligibility.reason.code, eligibility.reason.params),
        },
      ]);
    }
    const id = newId();
    const row: RecoveryProcedureRow = {
      id,
      organization_id: org.id,
      case_id: kase.id,
      kind,
      court_name: kind === "injunction" ? facts.court.name : null,
      court_address: null,
      sent_on: null,
      debtor_invited_on: null,
      deadline_on: null,
      accepted_on: null,
      refused_on: null,
      title_on: null,
      filed_on: null,
      order_on: null,
      service_deadline_on: null,
      served_on: null,
      opposition_deadline_on: null,
      enforceable_on: null,
      mandatee_name: null,
      mandatee_firm: null,
      mandatee_email: null,
      mandate_on: null,
      outcome: null,
      fees_cents: 0,
      notes: null,
      created_at: at,
      updated_at: at,
    };
    await insertRecoveryProcedure(trx, row);
    await apply({
      ctx,
      trx,
      org,
      userId: options.userId,
      kase,
      facts,
      current: row,
      fields: options.fields,
      created: true,
    });
    return getCase({ ctx, org, id: kase.id, locale: options.locale, db: trx });
  });
}

/** Records dates and details of a procedure of an open case (PATCH semantics: what is given changes, null clears). */
export async function recordProcedureStep(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  /** When given, the procedure must belong to this case. */
  caseId?: string | undefined;
  procedureId: string;
  fields: ProcedureFields;
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  const { ctx, org } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findRecoveryProcedure(trx, org.id, options.procedureId);
    if (!found || (options.caseId !== undefined && found.case_id !== options.caseId))
      throw new AppError("not_found", "recovery.procedure_not_found");
    const kase = await lockedOpenCase(ctx, trx, org, found.case_id);
    const current = await findRecoveryProcedure(trx, org.id, options.procedureId);
    if (!current) throw new AppError("not_found", "recovery.procedure_not_found");
    const facts = await loadCaseFacts({
      ctx: { ...ctx, db: trx },
      org,
      clientId: kase.client_id,
      invoiceIds: caseInvoiceIds(kase),
      locale: orgLocale(org),
    });
    await apply({
      ctx,
      trx,
      org,
      userId: options.userId,
      kase,
      facts,
      current,
      fields: options.fields,
      created: false,
    });
    return getCase({ ctx, org, id: kase.id, locale: options.locale, db: trx });
  });
}
