import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import type { PenaltyClause } from "../../core/law/clauses.js";
import type { DayCount } from "../../core/law/penalties.js";
import type { RateTable } from "../../core/law/rates.js";
import type { Locale } from "../../core/messages.js";
import { type FieldProblem, invalidFields } from "../errors.js";
import { type ClaimDto, type Debtor, runClaim } from "./present-claim.js";

export interface PenaltiesInput {
  principal_cents: number;
  due: string;
  as_of: string;
  clause: PenaltyClause;
  debtor: Debtor;
  /** The date of the mise en demeure (consumers: interest runs from it). */
  notice_date?: string | null;
  payments: { date: string; amount_cents: number }[];
  /** Default: the organization's setting (the API), actual_365 (the CLI). */
  day_count?: DayCount | undefined;
  /** Recovery costs the creditor can prove: claimed instead of the 40 € indemnity when higher (D441-5). */
  proven_costs_cents?: number | null | undefined;
}

export interface CalculatePenaltiesOptions {
  rates: RateTable;
  input: PenaltiesInput;
  locale: Locale;
}

/**
 * The calculator (`relance penalties`, POST /api/v1/law/penalties): the claim on an amount due on a date, without
 * any stored invoice. Every date problem is reported at once (`details[].path`).
 */
export function calculatePenalties(options: CalculatePenaltiesOptions): ClaimDto {
  const { input } = options;
  const problems: FieldProblem[] = [];
  const date = (path: string, value: string): PlainDate | undefined => {
    const parsed = parseIsoDate(value);
    if (parsed.ok) return parsed.value;
    problems.push({ path, messageCode: parsed.problem.code, params: parsed.problem.params ?? {} });
    return undefined;
  };
  const due = date("due", input.due);
  const asOf = date("as_of", input.as_of);
  const notice = input.notice_date ? date("notice_date", input.notice_date) : undefined;
  const payments = input.payments.map((p, i) => ({
    date: date(`payments.${i}.date`, p.date),
    amount_cents: p.amount_cents,
  }));
  if (input.notice_date && input.debtor !== "consumer") {
    problems.push({ path: "notice_date", messageCode: "lawui.notice_consumer_only" });
  }
  const [first, ...rest] = problems;
  if (first) throw invalidFields([first, ...rest]);
  if (!due || !asOf) throw invalidFields([{ path: "due", messageCode: "field.required" }]);
  return runClaim(
    options.rates,
    {
      principal_cents: input.principal_cents,
      due,
      asOf,
      payments: payments.map((p) => ({ date: p.date as PlainDate, amount_cents: p.amount_cents })),
      clause: input.clause,
      debtor: input.debtor,
      noticeDate: notice,
      dayCount: input.day_count,
      provenCostsCents: input.proven_costs_cents ?? undefined,
    },
    options.locale,
  );
}
