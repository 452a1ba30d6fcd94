/**
 * The late-payment penalty clause of an invoice (C. com. L441-10 II), stored as text:
 * - `default`: no rate stated, ECB main refinancing rate + 10 points;
 * - `fixed:<bp>`: a fixed annual rate in basis points (`fixed:1500` = 15 %), 1 … 100 000;
 * - `ecb+<bp>`: the ECB rate plus that many basis points (`ecb+700` = ECB + 7 points), 0 … 100 000.
 */
import { fail, ok, type Result } from "../result.js";

export type PenaltyClause =
  | { kind: "default" }
  | { kind: "fixed"; rate_bp: number }
  | { kind: "ecb_plus"; points_bp: number };

export const FIXED_MIN_BP = 1;
export const ECB_PLUS_MIN_BP = 0;
export const CLAUSE_MAX_BP = 100_000;

/** The default rate is ECB + 10 points (L441-10 II). */
export const DEFAULT_POINTS_BP = 1000;

function bp(text: string, value: string, min: number): Result<number> {
  if (!/^\d{1,7}$/.test(text)) return fail("law.clause_invalid", { value });
  const n = Number(text);
  if (n < min || n > CLAUSE_MAX_BP)
    return fail("law.clause_rate_out_of_range", { value, min, max: CLAUSE_MAX_BP });
  return ok(n);
}

/** Parses the stored form; surrounding spaces and the case of the keywords are tolerated. */
export function parsePenaltyClause(stored: string): Result<PenaltyClause> {
  const value = String(stored);
  const s = value.trim().toLowerCase();
  if (s === "default") return ok({ kind: "default" });
  if (s.startsWith("fixed:")) {
    const r = bp(s.slice("fixed:".length), value, FIXED_MIN_BP);
    return r.ok ? ok({ kind: "fixed", rate_bp: r.value }) : r;
  }
  if (s.startsWith("ecb+")) {
    const r = bp(s.slice("ecb+".length), value, ECB_PLUS_MIN_BP);
    return r.ok ? ok({ kind: "ecb_plus", points_bp: r.value }) : r;
  }
  return fail("law.clause_invalid", { value });
}

/** The stored form of a clause (the inverse of `parsePenaltyClause`). */
export function formatPenaltyClause(clause: PenaltyClause): string {
  switch (clause.kind) {
    case "default":
      return "default";
    case "fixed":
      return `fixed:${clause.rate_bp}`;
    case "ecb_plus":
      return `ecb+${clause.points_bp}`;
  }
}

/** Checks a clause built in code (the same bounds as the parser). */
export function validatePenaltyClause(clause: PenaltyClause): Result<PenaltyClause> {
  if (clause.kind === "default") return ok(clause);
  if (clause.kind === "fixed" || clause.kind === "ecb_plus") {
    const n = clause.kind === "fixed" ? clause.rate_bp : clause.points_bp;
    const min = clause.kind === "fixed" ? FIXED_MIN_BP : ECB_PLUS_MIN_BP;
    const value = formatPenaltyClause(clause);
    if (!Number.isSafeInteger(n) || n < min || n > CLAUSE_MAX_BP) {
      return fail("law.clause_rate_out_of_range", { value, min, max: CLAUSE_MAX_BP });
    }
    return ok(clause);
  }
  return fail("law.clause_invalid", { value: JSON.stringify(clause) });
}
