/**
 * The dates of a recovery procedure, checked and completed with their deadlines (LAW.md §7). Pure: `today` given.
 *
 * - Small claims (CPCE L125-1, R125-1 s.): sent to the commissaire de justice ≤ the debtor invited ≤ accepted or
 *   refused (not both) ≤ the enforceable title (only after an acceptance). The debtor has **1 month** from the
 *   invitation (`deadline_on`); silence is a refusal, so an acceptance after the deadline is refused.
 * - Injonction de payer (CPC 1405 s.): filed ≤ order issued ≤ served ≤ enforceable. An order issued from
 *   1 September 2026 must be served within **3 months** (décret 2026-96, LAW.md); an earlier one within **6 months**
 *   (former CPC 1411 — not stated by LAW.md, an assumption to verify). A service after that deadline is refused:
 *   the order is void (non avenue) and a new requête is needed. Opposition: **1 month** from service (CPC 1416);
 *   the enforceable formula can be asked only once that month is over, so `enforceable_on` > `opposition_deadline_on`.
 * - Hand-over (commissaire de justice or lawyer): the mandate's date.
 * Months are calendar months (a 31st becomes the month's last day). No date may be after today.
 */
import { addMonths, compareDates, type PlainDate, parseIsoDate, Temporal, toIso } from "../calendar.js";
import { nextBusinessDay } from "../holidays.js";
import type { MessageCode } from "../messages.js";

export type ProcedureKind = "small_claims" | "injunction" | "bailiff" | "lawyer";
export const PROCEDURE_KINDS: readonly ProcedureKind[] = ["small_claims", "injunction", "bailiff", "lawyer"];

export const DATE_FIELDS = {
  small_claims: ["sent_on", "debtor_invited_on", "accepted_on", "refused_on", "title_on"],
  injunction: ["filed_on", "order_on", "served_on", "enforceable_on"],
  bailiff: ["mandate_on"],
  lawyer: ["mandate_on"],
} as const satisfies Record<ProcedureKind, readonly string[]>;

export type DateField = (typeof DATE_FIELDS)[ProcedureKind][number];
export const ALL_DATE_FIELDS: readonly DateField[] = [
  ...new Set(Object.values(DATE_FIELDS).flat()),
] as DateField[];

/** Orders issued from this day must be served within 3 months (décret 2026-96). */
export const SERVICE_3_MONTHS_FROM = new Temporal.PlainDate(2026, 9, 1);
export const SMALL_CLAIMS_ANSWER_MONTHS = 1;
export const OPPOSITION_MONTHS = 1;

export type StepDates = Partial<Record<DateField, string | null>>;

export interface Derived {
  deadline_on: string | null;
  service_deadline_on: string | null;
  opposition_deadline_on: string | null;
}

export type ProcedureStatus =
  | "draft"
  | "sent"
  | "invited"
  | "accepted"
  | "refused"
  | "refused_silence"
  | "title"
  | "filed"
  | "order"
  | "lapsed"
  | "served"
  | "opposition_over"
  | "enforceable"
  | "mandated";

export interface StepProblem {
  path: DateField;
  code: MessageCode;
  params: Record<string, string>;
}

export function serviceMonths(order: PlainDate): number {
  return compareDates(order, SERVICE_3_MONTHS_FROM) >= 0 ? 3 : 6;
}

/** The deadlines that follow from the dates (null until their starting date is known). */
export function deriveDeadlines(
  kind: ProcedureKind,
  d: Partial<Record<DateField, PlainDate | null>>,
): Derived {
  const out: Derived = { deadline_on: null, service_deadline_on: null, opposition_deadline_on: null };
  if (kind === "small_claims" && d.debtor_invited_on)
    out.deadline_on = toIso(addMonths(d.debtor_invited_on, SMALL_CLAIMS_ANSWER_MONTHS));
  if (kind === "injunction" && d.order_on)
    out.service_deadline_on = toIso(addMonths(d.order_on, serviceMonths(d.order_on)));
  // a deadline ending on a Saturday, Sunday or public holiday runs to the next working day (CPC 642): the debtor
  // may still oppose then, so the order cannot be made enforceable before
  if (kind === "injunction" && d.served_on)
    out.opposition_deadline_on = toIso(nextBusinessDay(addMonths(d.served_on, OPPOSITION_MONTHS)));
  return out;
}

/**
 * Checks the dates of a procedure of `kind` (fields of another kind are refused) and returns them parsed with
 * their deadlines, or the first problem.
 */
export type StepCheck =
  | { ok: true; value: { dates: Partial<Record<DateField, PlainDate | null>>; derived: Derived } }
  | { ok: false; problem: StepProblem };

export function checkStepDates(kind: ProcedureKind, dates: StepDates, today: PlainDate): StepCheck {
  const allowed: readonly string[] = DATE_FIELDS[kind];
  const parsed: Partial<Record<DateField, PlainDate | null>> = {};
  const problem = (path: DateField, code: MessageCode, params: Record<string, string> = {}) => ({
    ok: false as const,
    problem: { path, code, params },
  });
  for (const [key, value] of Object.entries(dates) as [DateField, string | null | undefined][]) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) return problem(key, "recovery.step_wrong_kind", { field: key, kind });
    if (value === null) {
      parsed[key] = null;
      continue;
    }
    const p = parseIsoDate(value);
    if (!p.ok)
      return problem(
        key,
        p.problem.code,
        Object.fromEntries(Object.entries(p.problem.params ?? {}).map(([k, v]) => [k, String(v)])),
      );
    if (compareDates(p.value, today) > 0) return problem(key, "recovery.step_in_future", { date: value });
    parsed[key] = p.value;
  }
  const order: readonly (readonly DateField[])[] =
    kind === "small_claims"
      ? [["sent_on"], ["debtor_invited_on"], ["accepted_on", "refused_on"], ["title_on"]]
      : kind === "injunction"
        ? [["filed_on"], ["order_on"], ["served_on"], ["enforceable_on"]]
        : [];
  // each date on or after every earlier one that is known
  for (let i = 1; i < order.length; i++) {
    for (const later of order[i] ?? []) {
      const l = parsed[later];
      if (!l) continue;
      for (let j = 0; j < i; j++) {
        for (const earlier of order[j] ?? []) {
          const e = parsed[earlier];
          if (e && compareDates(l, e) < 0)
            return problem(later, "recovery.step_order", { field: later, before: earlier, date: toIso(e) });
        }
      }
    }
  }
  const derived = deriveDeadlines(kind, parsed);
  if (kind === "small_claims") {
    if (parsed.accepted_on && parsed.refused_on)
      return problem("refused_on", "recovery.step_accepted_and_refused");
    if (parsed.title_on && !parsed.accepted_on)
      return problem("title_on", "recovery.step_title_needs_acceptance");
    if ((parsed.accepted_on || parsed.refused_on) && !parsed.debtor_invited_on)
      return problem(parsed.accepted_on ? "accepted_on" : "refused_on", "recovery.step_needs", {
        field: "debtor_invited_on",
      });
    if (parsed.accepted_on && derived.deadline_on && toIso(parsed.accepted_on) > derived.deadline_on)
      return problem("accepted_on", "recovery.step_after_answer_deadline", { deadline: derived.deadline_on });
  }
  if (kind === "injunction") {
    for (const [field, needs] of [
      ["order_on", "filed_on"],
      ["served_on", "order_on"],
      ["enforceable_on", "served_on"],
    ] as const) {
      if (parsed[field] && !parsed[needs]) return problem(field, "recovery.step_needs", { field: needs });
    }
    if (
      parsed.served_on &&
      derived.service_deadline_on &&
      toIso(parsed.served_on) > derived.service_deadline_on
    ) {
      return problem("served_on", "recovery.step_order_lapsed", {
        deadline: derived.service_deadline_on,
        months: String(parsed.order_on ? serviceMonths(parsed.order_on) : 3),
      });
    }
    if (
      parsed.enforceable_on &&
      derived.opposition_deadline_on &&
      toIso(parsed.enforceable_on) <= derived.opposition_deadline_on
    ) {
      return problem("enforceable_on", "recovery.step_opposition_running", {
        deadline: derived.opposition_deadline_on,
      });
    }
  }
  return { ok: true, value: { dates: parsed, derived } };
}

/** Where a procedure stands today, and the next deadline to watch. */
export function procedureStatus(
  kind: ProcedureKind,
  dates: Partial<Record<DateField | keyof Derived, string | null>>,
  today: PlainDate,
): { status: ProcedureStatus; next: { date: string; code: MessageCode } | null } {
  const t = toIso(today);
  if (kind === "small_claims") {
    if (dates.title_on) return { status: "title", next: null };
    if (dates.accepted_on) return { status: "accepted", next: null };
    if (dates.refused_on) return { status: "refused", next: null };
    if (dates.debtor_invited_on && dates.deadline_on) {
      return dates.deadline_on < t
        ? { status: "refused_silence", next: null }
        : { status: "invited", next: { date: dates.deadline_on, code: "recovery.next.answer_deadline" } };
    }
    return { status: dates.sent_on ? "sent" : "draft", next: null };
  }
  if (kind === "injunction") {
    if (dates.enforceable_on) return { status: "enforceable", next: null };
    if (dates.served_on && dates.opposition_deadline_on) {
      return dates.opposition_deadline_on < t
        ? { status: "opposition_over", next: null }
        : {
            status: "served",
            next: { date: dates.opposition_deadline_on, code: "recovery.next.opposition_deadline" },
          };
    }
    if (dates.order_on && dates.service_deadline_on) {
      return dates.service_deadline_on < t
        ? { status: "lapsed", next: null }
        : {
            status: "order",
            next: { date: dates.service_deadline_on, code: "recovery.next.service_deadline" },
          };
    }
    return { status: dates.filed_on ? "filed" : "draft", next: null };
  }
  return { status: dates.mandate_on ? "mandated" : "draft", next: null };
}
