import { Temporal } from "../../core/calendar.js";
import type { PenaltyClause } from "../../core/law/clauses.js";
import { RATE_KINDS, type RateKind } from "../../core/law/rates.js";
import { fail, ok, type Result } from "../../core/result.js";

/**
 * Parsing of the law inputs people type (CLI options, the calculator's form): percentages become basis points by
 * reading the digits of the string, never through a float.
 */

export { RATE_KINDS };

export function isRateKind(value: string): value is RateKind {
  return (RATE_KINDS as readonly string[]).includes(value);
}

/** "2.40" → 240, "12,5" → 1250, "-0.5" → -50; at most two decimals, |value| ≤ 100. */
export function parsePercentBp(text: string): Result<number> {
  const m = /^\s*(-?)(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return fail("lawui.percent_invalid", { value: text });
  const bp = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (bp > 10_000) return fail("lawui.percent_invalid", { value: text });
  return ok(m[1] === "-" && bp !== 0 ? -bp : bp);
}

export interface SemesterRange {
  label: string;
  valid_from: string;
  valid_to: string;
}

/** "2026-S2" → 2026-07-01 … 2026-12-31 (both days included). */
export function parseSemester(text: string): Result<SemesterRange> {
  const m = /^\s*(\d{4})-?[SsHh]([12])\s*$/.exec(text);
  if (!m) return fail("lawui.semester_invalid", { value: text });
  const year = Number(m[1]);
  if (year < 1999 || year > 2199) return fail("lawui.semester_invalid", { value: text });
  const first = m[2] === "1";
  return ok({
    label: `${year}-S${m[2]}`,
    valid_from: `${year}-${first ? "01" : "07"}-01`,
    valid_to: `${year}-${first ? "06-30" : "12-31"}`,
  });
}

/** The semester label of a `YYYY-MM-DD` date. */
export function semesterOfIso(iso: string): string {
  const d = Temporal.PlainDate.from(iso);
  return `${d.year}-S${d.month <= 6 ? 1 : 2}`;
}

/**
 * The clause as a person writes it: `default`, `fixed:12.5` (a percent per year) or `ecb+7` (points over the
 * ECB rate). Not the stored form (`fixed:<bp>`, `ecb+<bp>`, read by core/law/clauses.ts parsePenaltyClause).
 */
export function parseClauseOption(text: string): Result<PenaltyClause> {
  const value = text.trim().toLowerCase();
  if (value === "default" || value === "défaut" || value === "defaut") return ok({ kind: "default" });
  const fixed = /^fixed:(.+)$/.exec(value);
  if (fixed?.[1]) {
    const bp = parsePercentBp(fixed[1]);
    if (!bp.ok || bp.value <= 0) return fail("lawui.clause_invalid", { value: text });
    return ok({ kind: "fixed", rate_bp: bp.value });
  }
  const plus = /^(?:ecb|bce)\+(.+)$/.exec(value);
  if (plus?.[1]) {
    const bp = parsePercentBp(plus[1]);
    if (!bp.ok || bp.value < 0) return fail("lawui.clause_invalid", { value: text });
    return ok({ kind: "ecb_plus", points_bp: bp.value });
  }
  return fail("lawui.clause_invalid", { value: text });
}

/** The clause in the form people read: `default`, `fixed:12.5`, `ecb+7`. */
export function clauseLabel(clause: PenaltyClause): string {
  if (clause.kind === "default") return "default";
  if (clause.kind === "fixed") return `fixed:${bpToPercent(clause.rate_bp)}`;
  return `ecb+${bpToPercent(clause.points_bp)}`;
}

/** 1250 → "12.50", -50 → "-0.50" (exact: integer arithmetic). */
export function bpToPercent(bp: number): string {
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(bp);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
