import { describe, expect, it } from "vitest";
import {
  formatPenaltyClause,
  type PenaltyClause,
  parsePenaltyClause,
  validatePenaltyClause,
} from "./clauses.js";

describe("parsePenaltyClause", () => {
  it.each<[string, PenaltyClause]>([
    ["default", { kind: "default" }],
    ["fixed:1500", { kind: "fixed", rate_bp: 1500 }],
    ["fixed:1", { kind: "fixed", rate_bp: 1 }],
    ["fixed:100000", { kind: "fixed", rate_bp: 100000 }],
    ["ecb+1000", { kind: "ecb_plus", points_bp: 1000 }],
    ["ecb+0", { kind: "ecb_plus", points_bp: 0 }],
    ["ecb+100000", { kind: "ecb_plus", points_bp: 100000 }],
    [" Default ", { kind: "default" }],
    ["FIXED:900", { kind: "fixed", rate_bp: 900 }],
    ["fixed:0900", { kind: "fixed", rate_bp: 900 }],
  ])("reads %j", (stored, clause) => {
    expect(parsePenaltyClause(stored)).toEqual({ ok: true, value: clause });
  });

  it.each([
    ["", "law.clause_invalid"],
    ["legal", "law.clause_invalid"],
    ["fixed:", "law.clause_invalid"],
    ["fixed:15%", "law.clause_invalid"],
    ["fixed:15.5", "law.clause_invalid"],
    ["fixed:-5", "law.clause_invalid"],
    ["fixed: 100", "law.clause_invalid"],
    ["ecb+", "law.clause_invalid"],
    ["ecb-100", "law.clause_invalid"],
    ["ecb+1e3", "law.clause_invalid"],
    ["fixed:12345678", "law.clause_invalid"],
    ["fixed:0", "law.clause_rate_out_of_range"],
    ["fixed:100001", "law.clause_rate_out_of_range"],
    ["ecb+100001", "law.clause_rate_out_of_range"],
  ])("refuses %j with %s", (stored, code) => {
    const r = parsePenaltyClause(stored);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.params?.value).toBe(stored);
    }
  });

  it("gives the bounds of an out-of-range rate", () => {
    expect(parsePenaltyClause("fixed:0")).toEqual({
      ok: false,
      problem: { code: "law.clause_rate_out_of_range", params: { value: "fixed:0", min: 1, max: 100000 } },
    });
    expect(parsePenaltyClause("ecb+100001")).toEqual({
      ok: false,
      problem: { code: "law.clause_rate_out_of_range", params: { value: "ecb+100001", min: 0, max: 100000 } },
    });
  });
});

describe("formatPenaltyClause", () => {
  it.each(["default", "fixed:1500", "ecb+700", "ecb+0"])("round-trips %s", (stored) => {
    const clause = parsePenaltyClause(stored);
    expect(clause.ok && formatPenaltyClause(clause.value)).toBe(stored);
  });
});

describe("validatePenaltyClause", () => {
  it("checks clauses built in code with the parser's bounds", () => {
    expect(validatePenaltyClause({ kind: "fixed", rate_bp: 1200 }).ok).toBe(true);
    expect(validatePenaltyClause({ kind: "fixed", rate_bp: 12.5 })).toMatchObject({
      ok: false,
      problem: { code: "law.clause_rate_out_of_range" },
    });
    expect(validatePenaltyClause({ kind: "ecb_plus", points_bp: -1 }).ok).toBe(false);
    expect(validatePenaltyClause({ kind: "other" } as unknown as PenaltyClause)).toMatchObject({
      ok: false,
      problem: { code: "law.clause_invalid" },
    });
  });
});
