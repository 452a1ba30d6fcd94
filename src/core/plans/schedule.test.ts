import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDate, toIso } from "../calendar.js";
import { unwrap } from "../result.js";
import { buildSchedule, MAX_INSTALLMENTS, splitEvenly } from "./schedule.js";

const d = (s: string) => unwrap(parseIsoDate(s));
const dates = (r: ReturnType<typeof buildSchedule>) => (r.ok ? r.value.map((i) => toIso(i.due_on)) : []);
const amounts = (r: ReturnType<typeof buildSchedule>) => (r.ok ? r.value.map((i) => i.amount_cents) : []);

describe("buildSchedule", () => {
  it("splits evenly and gives the odd cents to the first installments", () => {
    const r = buildSchedule(1_000_000, {
      kind: "regular",
      count: 3,
      first_on: d("2026-12-15"),
      frequency: "monthly",
    });
    expect(amounts(r)).toEqual([333_334, 333_333, 333_333]);
    expect(dates(r)).toEqual(["2026-12-15", "2027-01-15", "2027-02-15"]);
    expect(splitEvenly(11, 4)).toEqual([3, 3, 3, 2]);
  });

  it("keeps the day of the month, clamped to the month's end, from the first date", () => {
    const r = buildSchedule(400, {
      kind: "regular",
      count: 4,
      first_on: d("2027-01-31"),
      frequency: "monthly",
    });
    expect(dates(r)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    const leap = buildSchedule(200, {
      kind: "regular",
      count: 2,
      first_on: d("2028-01-30"),
      frequency: "monthly",
    });
    expect(dates(leap)).toEqual(["2028-01-30", "2028-02-29"]);
  });

  it("steps weekly and every two weeks", () => {
    const w = buildSchedule(300, {
      kind: "regular",
      count: 3,
      first_on: d("2026-12-28"),
      frequency: "weekly",
    });
    expect(dates(w)).toEqual(["2026-12-28", "2027-01-04", "2027-01-11"]);
    const b = buildSchedule(300, {
      kind: "regular",
      count: 3,
      first_on: d("2026-12-28"),
      frequency: "biweekly",
    });
    expect(dates(b)).toEqual(["2026-12-28", "2027-01-11", "2027-01-25"]);
  });

  it("takes custom dates, with or without custom amounts", () => {
    const split = buildSchedule(1001, { kind: "custom", dates: [d("2026-12-01"), d("2027-02-10")] });
    expect(amounts(split)).toEqual([501, 500]);
    const given = buildSchedule(1001, {
      kind: "custom",
      dates: [d("2026-12-01"), d("2027-02-10")],
      amounts: [1, 1000],
    });
    expect(amounts(given)).toEqual([1, 1000]);
    expect(given.ok && given.value.map((i) => i.position)).toEqual([1, 2]);
  });

  it("refuses what cannot be a plan", () => {
    const first_on = d("2026-12-15");
    const code = (r: ReturnType<typeof buildSchedule>) => (r.ok ? "ok" : r.problem.code);
    expect(code(buildSchedule(0, { kind: "regular", count: 3, first_on, frequency: "monthly" }))).toBe(
      "plan.balance_not_positive",
    );
    expect(code(buildSchedule(-5, { kind: "regular", count: 3, first_on, frequency: "monthly" }))).toBe(
      "plan.balance_not_positive",
    );
    expect(code(buildSchedule(10.5, { kind: "regular", count: 3, first_on, frequency: "monthly" }))).toBe(
      "plan.balance_not_positive",
    );
    expect(
      code(
        buildSchedule(1000, { kind: "regular", count: MAX_INSTALLMENTS + 1, first_on, frequency: "monthly" }),
      ),
    ).toBe("plan.too_many_installments");
    expect(code(buildSchedule(1000, { kind: "regular", count: 0, first_on, frequency: "monthly" }))).toBe(
      "plan.count_invalid",
    );
    expect(code(buildSchedule(1000, { kind: "regular", count: 2.5, first_on, frequency: "monthly" }))).toBe(
      "plan.count_invalid",
    );
    expect(code(buildSchedule(2, { kind: "regular", count: 3, first_on, frequency: "monthly" }))).toBe(
      "plan.installment_zero",
    );
    expect(code(buildSchedule(1000, { kind: "custom", dates: [] }))).toBe("plan.dates_required");
    expect(code(buildSchedule(1000, { kind: "custom", dates: [d("2027-01-01"), d("2027-01-01")] }))).toBe(
      "plan.dates_not_increasing",
    );
    expect(code(buildSchedule(1000, { kind: "custom", dates: [d("2027-02-01"), d("2027-01-01")] }))).toBe(
      "plan.dates_not_increasing",
    );
    const two = [d("2027-01-01"), d("2027-02-01")];
    expect(code(buildSchedule(1000, { kind: "custom", dates: two, amounts: [500, 499] }))).toBe(
      "plan.amounts_mismatch",
    );
    expect(code(buildSchedule(1000, { kind: "custom", dates: two, amounts: [1000, 0] }))).toBe(
      "plan.installment_zero",
    );
    expect(code(buildSchedule(1000, { kind: "custom", dates: two, amounts: [1100, -100] }))).toBe(
      "plan.installment_zero",
    );
    expect(code(buildSchedule(1000, { kind: "custom", dates: two, amounts: [1000] }))).toBe(
      "plan.amounts_count",
    );
  });

  it("property: installments always sum to the balance, all positive, at most one cent apart, dates increasing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: MAX_INSTALLMENTS }),
        fc.constantFrom("weekly", "biweekly", "monthly" as const),
        fc.date({ min: new Date("2026-01-01"), max: new Date("2040-12-31"), noInvalidDate: true }),
        (balance, count, frequency, when) => {
          const first_on = d(when.toISOString().slice(0, 10));
          const r = buildSchedule(balance, { kind: "regular", count, first_on, frequency });
          if (balance < count) {
            expect(r.ok).toBe(false);
            return;
          }
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const xs = r.value.map((i) => i.amount_cents);
          expect(xs.reduce((s, x) => s + x, 0)).toBe(balance);
          expect(xs.every((x) => Number.isSafeInteger(x) && x > 0)).toBe(true);
          expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(1);
          for (let i = 1; i < r.value.length; i++) {
            expect(toIso(r.value[i]?.due_on ?? first_on) > toIso(r.value[i - 1]?.due_on ?? first_on)).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: custom amounts are kept exactly when they sum to the balance, refused otherwise", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: MAX_INSTALLMENTS }),
        fc.integer({ min: -2, max: 2 }),
        (parts, delta) => {
          const balance = parts.reduce((s, x) => s + x, 0) + delta;
          const ds = parts.map((_, i) => d("2027-01-01").add({ days: i * 10 }));
          const r = buildSchedule(balance, { kind: "custom", dates: ds, amounts: parts });
          if (balance <= 0) expect(r.ok).toBe(false);
          else if (delta !== 0) expect(r.ok ? "ok" : r.problem.code).toBe("plan.amounts_mismatch");
          else expect(r.ok && r.value.map((i) => i.amount_cents)).toEqual(parts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
