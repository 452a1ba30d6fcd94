import type { PlainDate } from "../../core/calendar.js";
import type { PenaltyClause } from "../../core/law/clauses.js";
import { type Claim, computeClaim, type DayCount } from "../../core/law/penalties.js";
import type { RateTable } from "../../core/law/rates.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { AppError } from "../errors.js";
import { clauseLabel } from "./inputs.js";

export type Debtor = "business" | "consumer" | "public";

export interface ClaimPeriodDto {
  from: string;
  to: string;
  days: number;
  rate_bp: number;
  base_cents: number;
  amount_cents: number;
  kind: "penalty" | "interest";
}

/** A claim as the CLI prints it with --json and the API answers it. */
export interface ClaimDto {
  principal_cents: number;
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  total_claim_cents: number;
  periods: ClaimPeriodDto[];
  warnings: { code: string; message: string }[];
  /** The inputs, echoed: the clause in the readable form (`default`, `fixed:12.50`, `ecb+7.00`). */
  clause: string;
  debtor: Debtor;
  due: string;
  as_of: string;
  notice_date: string | null;
  /** The day count used: the calculator's `day_count`, else the organization's setting (actual_365 by default). */
  day_count: DayCount;
}

export interface ClaimComputation {
  principal_cents: number;
  due: PlainDate;
  asOf: PlainDate;
  payments: { date: PlainDate; amount_cents: number }[];
  clause: PenaltyClause;
  debtor: Debtor;
  noticeDate?: PlainDate | undefined;
  indemnityBlocked?: boolean;
  /** Default actual_365. */
  dayCount?: DayCount | undefined;
  /** Recovery costs the creditor can prove: claimed instead of 40 € when higher (D441-5). */
  provenCostsCents?: number | undefined;
}

/**
 * Runs the law core on these inputs; a problem (a semester without a known rate above all) becomes an
 * `invalid_input` AppError with the core's message code and params.
 */
export function runClaim(rates: RateTable, input: ClaimComputation, locale: Locale): ClaimDto {
  const result = computeClaim({
    principal_cents: input.principal_cents,
    due: input.due,
    asOf: input.asOf,
    payments: input.payments,
    clause: input.clause,
    rates,
    debtor: input.debtor,
    ...(input.noticeDate ? { noticeDate: input.noticeDate } : {}),
    ...(input.indemnityBlocked ? { indemnityBlocked: true } : {}),
    ...(input.dayCount ? { dayCount: input.dayCount } : {}),
    ...(input.provenCostsCents !== undefined ? { provenCostsCents: input.provenCostsCents } : {}),
  });
  if (!result.ok) {
    throw new AppError("invalid_input", result.problem.code, result.problem.params ?? {});
  }
  return presentClaim(result.value, input, locale);
}

export function presentClaim(claim: Claim, input: ClaimComputation, locale: Locale): ClaimDto {
  return {
    principal_cents: claim.principal_cents,
    balance_cents: claim.balance_cents,
    days_late: claim.days_late,
    penalty_cents: claim.penalty_cents,
    indemnity_cents: claim.indemnity_cents,
    interest_cents: claim.interest_cents,
    total_claim_cents: claim.total_claim_cents,
    periods: claim.periods.map((p) => ({
      from: p.from,
      to: p.to,
      days: p.days,
      rate_bp: p.rate_bp,
      base_cents: p.base_cents,
      amount_cents: p.amount_cents,
      kind: p.kind,
    })),
    warnings: claim.warnings.map((w) => ({
      code: w.code,
      message: formatMessage(
        locale,
        w.code as MessageCode,
        (w.params ?? {}) as Record<string, string | number>,
      ),
    })),
    clause: clauseLabel(input.clause),
    debtor: input.debtor,
    due: input.due.toString(),
    as_of: input.asOf.toString(),
    notice_date: input.noticeDate ? input.noticeDate.toString() : null,
    day_count: input.dayCount ?? "actual_365",
  };
}
