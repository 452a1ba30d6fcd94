import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, Temporal, toIso } from "../calendar.js";
import { agingBucket } from "./balance.js";
import { dashboardDates, dsoDays, dueActionDates } from "./dso.js";

const d = (iso: string) => Temporal.PlainDate.from(iso);

describe("dsoDays", () => {
  it("is outstanding ÷ invoiced over 90 days × 90, rounded half up", () => {
    expect(dsoDays(10_250_00, 13_050_00)).toBe(71); // 70.69
    expect(dsoDays(1_00, 180_00)).toBe(1); // 0.5 → 1
    expect(dsoDays(1_00, 181_00)).toBe(0); // 0.497 → 0
    expect(dsoDays(300_00, 100_00)).toBe(270);
  });
  it("is null when nothing was invoiced, and never negative", () => {
    expect(dsoDays(5_00, 0)).toBeNull();
    expect(dsoDays(0, 0)).toBeNull();
    expect(dsoDays(-5_00, 100_00)).toBe(0);
  });
});

describe("dashboardDates", () => {
  it("gives the week, the month, the DSO period and the aging edges", () => {
    expect(dashboardDates(d("2025-03-01"))).toEqual({
      today: "2025-03-01",
      weekEnd: "2025-03-07",
      monthStart: "2025-03-01",
      dsoFrom: "2024-12-02",
      late30: "2025-01-30",
      late60: "2024-12-31",
      late90: "2024-12-01",
    });
  });
  it("draws the aging edges where agingBucket does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -200, max: 200 }), (t, offset) => {
        const today = addDays(d("2000-01-01"), t);
        const due = toIso(addDays(today, offset));
        const e = dashboardDates(today);
        const bySql =
          due >= e.today
            ? "not_due"
            : due >= e.late30
              ? "d1_30"
              : due >= e.late60
                ? "d31_60"
                : due >= e.late90
                  ? "d61_90"
                  : "over_90";
        expect(bySql).toBe(agingBucket(addDays(today, offset), today));
      }),
    );
  });
});

describe("dueActionDates", () => {
  it("names the due dates of today's steps: due today, 1, 8, 15 and 30 days late", () => {
    const dates = dueActionDates(d("2025-06-30"));
    expect([...dates].map(([date, a]) => [date, a.kind, a.step])).toEqual([
      ["2025-06-30", "due_today", "due_today"],
      ["2025-06-29", "reminder", "first_reminder"],
      ["2025-06-22", "reminder", "firm_reminder"],
      ["2025-06-15", "call", "call"],
      ["2025-05-31", "formal_notice", "formal_notice"],
    ]);
  });
});
