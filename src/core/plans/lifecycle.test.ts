import { describe, expect, it } from "vitest";
import { parseIsoDate, toIso } from "../calendar.js";
import { unwrap } from "../result.js";
import {
  assessPlan,
  type InstallmentDue,
  matchPayments,
  nextState,
  type PLAN_STATES,
  type PlanEvent,
  remindersDue,
} from "./lifecycle.js";

const d = (s: string) => unwrap(parseIsoDate(s));
const plan: InstallmentDue[] = [
  { position: 1, due_on: d("2026-12-15"), amount_cents: 10_000 },
  { position: 2, due_on: d("2027-01-15"), amount_cents: 10_000 },
  { position: 3, due_on: d("2027-02-15"), amount_cents: 10_000 },
];

describe("the plan's states", () => {
  it("follows draft → signed → active → completed | broken, cancel from draft or signed only", () => {
    const to = (s: (typeof PLAN_STATES)[number], e: PlanEvent) => {
      const r = nextState(s, e);
      return r.ok ? r.value : null;
    };
    expect(to("draft", "sign")).toBe("signed");
    expect(to("signed", "activate")).toBe("active");
    expect(to("active", "complete")).toBe("completed");
    expect(to("active", "break")).toBe("broken");
    expect(to("draft", "cancel")).toBe("cancelled");
    expect(to("signed", "cancel")).toBe("cancelled");
    expect(to("active", "cancel")).toBeNull();
    expect(to("draft", "activate")).toBeNull();
    expect(to("signed", "sign")).toBeNull();
    for (const s of ["completed", "broken", "cancelled"] as const) {
      for (const e of ["sign", "activate", "complete", "break", "cancel"] as const)
        expect(to(s, e)).toBeNull();
    }
  });
});

describe("matching payments to installments", () => {
  it("fills the earliest installments first, in date order, an overpayment running on", () => {
    const m = matchPayments(
      plan,
      [
        { date: d("2027-01-10"), amount_cents: 12_000 },
        { date: d("2026-12-14"), amount_cents: 3_000 },
      ],
      d("2027-01-20"),
      5,
    );
    expect(m.map((i) => [i.paid_cents, i.paid_on && toIso(i.paid_on), i.state])).toEqual([
      [10_000, "2027-01-10", "paid"],
      [5_000, null, "late"],
      [0, null, "pending"],
    ]);
  });

  it("ignores payments dated after today", () => {
    const m = matchPayments(plan, [{ date: d("2026-12-20"), amount_cents: 10_000 }], d("2026-12-19"), 5);
    expect(m[0]?.state).toBe("late");
  });
});

describe("the breach rule (déchéance du terme)", () => {
  it("breaks the day after the grace period, not before", () => {
    const at = (today: string) => assessPlan(matchPayments(plan, [], d(today), 5), 5);
    expect(at("2026-12-15").kind).toBe("running");
    expect(at("2026-12-20").kind).toBe("running"); // due + 5: still in grace
    const broken = at("2026-12-21");
    expect(broken.kind).toBe("broken");
    if (broken.kind === "broken") {
      expect(broken.installment.position).toBe(1);
      expect(toIso(broken.on)).toBe("2026-12-21");
    }
  });

  it("a partly paid installment past its grace breaks the plan; a fully paid plan is completed", () => {
    const partly = matchPayments(plan, [{ date: d("2026-12-15"), amount_cents: 9_999 }], d("2026-12-16"), 0);
    expect(assessPlan(partly, 0).kind).toBe("broken");
    const all = matchPayments(
      plan,
      [
        { date: d("2026-12-15"), amount_cents: 10_000 },
        { date: d("2027-01-14"), amount_cents: 20_000 },
      ],
      d("2027-01-14"),
      0,
    );
    const v = assessPlan(all, 0);
    expect(v.kind === "completed" && toIso(v.on)).toBe("2027-01-14");
  });
});

describe("installment reminders", () => {
  it("J−3 until the day before, J+1 while within the grace period, never once paid", () => {
    const due = (today: string, paid = 0) =>
      remindersDue(
        matchPayments(plan, paid ? [{ date: d("2026-12-01"), amount_cents: paid }] : [], d(today), 5),
        d(today),
        5,
      )
        .filter((r) => r.position === 1)
        .map((r) => r.kind);
    expect(due("2026-12-11")).toEqual([]);
    expect(due("2026-12-12")).toEqual(["before"]);
    expect(due("2026-12-14")).toEqual(["before"]);
    expect(due("2026-12-15")).toEqual([]);
    expect(due("2026-12-16")).toEqual(["after"]);
    expect(due("2026-12-20")).toEqual(["after"]);
    expect(due("2026-12-21")).toEqual([]);
    expect(due("2026-12-12", 10_000)).toEqual([]);
  });
});
