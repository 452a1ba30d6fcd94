import { formatIsoDate, type PlainDate } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type ProcedureStatus, procedureStatus } from "../../core/recovery/steps.js";
import type { RecoveryCaseRow, RecoveryProcedureRow } from "../../db/repositories/recovery.js";
import type { RecoveryOutcome, RecoveryProcedureKind, RecoveryStage } from "../../db/schema.js";
import type { LitigationViewDto } from "./get-litigation-view.js";

export interface RecoveryProcedureDto {
  id: string;
  kind: RecoveryProcedureKind;
  court_name: string | null;
  court_address: string | null;
  sent_on: string | null;
  debtor_invited_on: string | null;
  deadline_on: string | null;
  accepted_on: string | null;
  refused_on: string | null;
  title_on: string | null;
  filed_on: string | null;
  order_on: string | null;
  service_deadline_on: string | null;
  served_on: string | null;
  opposition_deadline_on: string | null;
  enforceable_on: string | null;
  mandatee_name: string | null;
  mandatee_firm: string | null;
  mandatee_email: string | null;
  mandate_on: string | null;
  outcome: string | null;
  fees_cents: number;
  notes: string | null;
  status: ProcedureStatus;
  status_label: string;
  /** The next deadline to watch, if any. */
  next: { date: string; message: string } | null;
}

export interface RecoveryCaseDto {
  id: string;
  client_id: string;
  stage: RecoveryStage;
  outcome: RecoveryOutcome | null;
  opened_on: string;
  closed_on: string | null;
  close_note: string | null;
  costs_cents: number;
  invoice_ids: string[];
  procedures: RecoveryProcedureDto[];
  /** The litigation view of the case's invoices as of today. */
  view: LitigationViewDto;
}

export function caseInvoiceIds(row: Pick<RecoveryCaseRow, "invoice_ids">): string[] {
  try {
    const ids = JSON.parse(row.invoice_ids) as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function presentProcedure(
  row: RecoveryProcedureRow,
  today: PlainDate,
  locale: Locale,
): RecoveryProcedureDto {
  const { status, next } = procedureStatus(row.kind, row, today);
  return {
    id: row.id,
    kind: row.kind,
    court_name: row.court_name,
    court_address: row.court_address,
    sent_on: row.sent_on,
    debtor_invited_on: row.debtor_invited_on,
    deadline_on: row.deadline_on,
    accepted_on: row.accepted_on,
    refused_on: row.refused_on,
    title_on: row.title_on,
    filed_on: row.filed_on,
    order_on: row.order_on,
    service_deadline_on: row.service_deadline_on,
    served_on: row.served_on,
    opposition_deadline_on: row.opposition_deadline_on,
    enforceable_on: row.enforceable_on,
    mandatee_name: row.mandatee_name,
    mandatee_firm: row.mandatee_firm,
    mandatee_email: row.mandatee_email,
    mandate_on: row.mandate_on,
    outcome: row.outcome,
    fees_cents: Number(row.fees_cents),
    notes: row.notes,
    status,
    status_label: formatMessage(locale, `recovery.status.${status}`),
    next: next
      ? {
          date: next.date,
          message: formatMessage(locale, next.code, { date: formatIsoDate(next.date, locale) }),
        }
      : null,
  };
}

export function presentCase(
  row: RecoveryCaseRow,
  procedures: readonly RecoveryProcedureRow[],
  view: LitigationViewDto,
  today: PlainDate,
  locale: Locale,
): RecoveryCaseDto {
  return {
    id: row.id,
    client_id: row.client_id,
    stage: row.stage,
    outcome: row.outcome,
    opened_on: row.opened_on,
    closed_on: row.closed_on,
    close_note: row.close_note,
    costs_cents: Number(row.costs_cents),
    invoice_ids: caseInvoiceIds(row),
    procedures: procedures.filter((p) => p.case_id === row.id).map((p) => presentProcedure(p, today, locale)),
    view,
  };
}
