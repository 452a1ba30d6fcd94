import { describe, expect, it } from "vitest";
import { averageDaysLate } from "./payment-delay.js";

describe("averageDaysLate", () => {
  it("is null without a paid invoice", () => {
    expect(averageDaysLate([])).toBeNull();
  });

  it("counts early payments as on time and rounds to one decimal", () => {
    expect(
      averageDaysLate([
        { due_date: "2025-01-31", paid_on: "2025-02-10" }, // 10 days late
        { due_date: "2025-03-31", paid_on: "2025-03-01" }, // early: 0
        { due_date: "2025-02-28", paid_on: "2025-03-01" }, // 1 day late
      ]),
    ).toBe(3.7);
  });

  it("crosses months and leap days", () => {
    expect(averageDaysLate([{ due_date: "2024-02-28", paid_on: "2024-03-01" }])).toBe(2);
  });
});
