import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { clientDelays } from "./client-delays.js";
import { type StepEvent, stepBefore, stepOfEntry } from "./collection-steps.js";
import { cashIndicators, type IndicatorInvoice, type Movement } from "./indicators.js";

const d = (iso: string) => Temporal.PlainDate.from(iso);

/**
 * As of 2025-03-15. Alpha: I1 1 000 € issued 01-10 due 02-09, credit note 100 € 02-15, 500 € paid 02-20 (after
 * relance 1 on 02-10), 400 € paid 03-05 (after the mise en demeure on 03-01); I3 300 € issued 03-10 due 04-09, open.
 * Bravo: I2 500 € issued 02-01 due 03-03, paid 02-25 (a plan on the client 01-05, then the pre-due reminder 02-24).
 */
const inv = (id: string, client: string, issue: string, due: string, total: number): IndicatorInvoice => ({
  id,
  client_id: client,
  client_name: client === "a" ? "Alpha" : "Bravo",
  issue_date: d(issue),
  due_date: d(due),
  total_cents: total,
});
const mv = (invoice_id: string, date: string, amount_cents: number, collected = true): Movement => ({
  invoice_id,
  date: d(date),
  amount_cents,
  collected,
});
const INPUT = {
  invoices: [
    inv("i1", "a", "2025-01-10", "2025-02-09", 1000_00),
    inv("i2", "b", "2025-02-01", "2025-03-03", 500_00),
    inv("i3", "a", "2025-03-10", "2025-04-09", 300_00),
  ],
  movements: [
    mv("i1", "2025-02-15", 100_00, false),
    mv("i1", "2025-02-20", 500_00),
    mv("i1", "2025-03-05", 400_00),
    mv("i2", "2025-02-25", 500_00),
  ],
  creditNotes: [{ date: d("2025-02-15"), amount_cents: 100_00 }],
  steps: [
    { invoice_id: null, client_id: "b", day: "2025-01-05", step: "plan" },
    { invoice_id: "i1", client_id: "a", day: "2025-02-10", step: "reminder_1" },
    { invoice_id: "i2", client_id: "b", day: "2025-02-24", step: "none" },
    { invoice_id: "i1", client_id: "a", day: "2025-03-01", step: "formal_notice" },
  ] satisfies StepEvent[],
  asOf: d("2025-03-15"),
};

describe("cashIndicators", () => {
  const result = cashIndicators(INPUT);
  const month = (m: string) => result.months.find((x) => x.month === m);

  it("covers the 12 months ending with the month of as_of, the last one ending on as_of", () => {
    expect(result.months.map((m) => m.month)).toEqual([
      ...["04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2024-${m}`),
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
    expect(result.months[11]?.end).toBe("2025-03-15");
    expect(result.months[10]?.end).toBe("2025-02-28");
    expect(month("2024-12")).toMatchObject({ dso_days: null, cei_tenths: null, collected_cents: 0 });
  });

  it("computes DSO over 3 months of net credit sales, exactly", () => {
    // Jan: 1 000 owed ÷ 1 000 sold × 92 days (Nov–Jan) = 92
    expect(month("2025-01")).toMatchObject({
      receivables_cents: 1000_00,
      credit_sales_cents: 1000_00,
      dso_days: 92,
    });
    // Feb: 400 ÷ (1 000 + 500 − 100) × 90 days (Dec–Feb) = 25.71 → 26
    expect(month("2025-02")).toMatchObject({
      receivables_cents: 400_00,
      credit_sales_cents: 400_00,
      dso_days: 26,
    });
    // Mar (to 03-15): 300 ÷ 1 700 × 74 days (01-01 → 03-15) = 13.06 → 13
    expect(month("2025-03")).toMatchObject({
      receivables_cents: 300_00,
      current_receivables_cents: 300_00,
      dso_days: 13,
    });
  });

  it("computes CEI in tenths of a percent, null on a zero denominator", () => {
    // Jan: (0 + 1 000 − 1 000) ÷ (0 + 1 000 − 1 000 current) → null
    expect(month("2025-01")?.cei_tenths).toBeNull();
    // Feb: (1 000 + 400 − 400) ÷ (1 000 + 400 − 0) = 71.43 % → 714
    expect(month("2025-02")?.cei_tenths).toBe(714);
    // Mar: (400 + 300 − 300) ÷ (400 + 300 − 300) = 100 %
    expect(month("2025-03")?.cei_tenths).toBe(1000);
  });

  it("credits each payment to the last step before it (credit notes are not collected)", () => {
    expect(month("2025-02")?.collected_cents).toBe(1000_00);
    expect(month("2025-02")?.collected_by_step).toMatchObject({ reminder_1: 500_00, none: 500_00, plan: 0 });
    expect(month("2025-03")?.collected_by_step).toMatchObject({ formal_notice: 400_00, reminder_1: 0 });
  });

  it("ranks clients by their amount-weighted delay", () => {
    // Alpha: (11 days × 500 + 24 days × 400) ÷ 900 = 16.78 → 168 tenths; Bravo paid early: 0
    expect(result.slowest_clients).toEqual([
      { client_id: "a", name: "Alpha", average_days_late_tenths: 168, collected_cents: 900_00, payments: 2 },
      { client_id: "b", name: "Bravo", average_days_late_tenths: 0, collected_cents: 500_00, payments: 1 },
    ]);
    expect(clientDelays([], 5)).toEqual([]);
  });
});

describe("collection steps", () => {
  it("maps timeline entries to steps", () => {
    expect(stepOfEntry("email", "b2b.pre_due")).toBe("none");
    expect(stepOfEntry("email", "b2b.reminder_1")).toBe("reminder_1");
    expect(stepOfEntry("email", "b2b.reminder_2")).toBe("reminder_2");
    expect(stepOfEntry("email", "b2b.final_reminder")).toBe("final_reminder");
    expect(stepOfEntry("letter", null)).toBe("reminder_1");
    expect(stepOfEntry("registered_letter", "b2b.formal_notice")).toBe("formal_notice");
    expect(stepOfEntry("call", null)).toBe("call");
    expect(stepOfEntry("plan_created", null)).toBe("plan");
    expect(stepOfEntry("bill_issued", null)).toBe("bill");
    expect(stepOfEntry("recovery_opened", null)).toBe("litigation");
    expect(stepOfEntry("settlement", null)).toBeNull();
  });

  it("takes the invoice's own and its client's invoice-less entries, the latest on or before the day", () => {
    const steps = INPUT.steps;
    expect(stepBefore(steps, "i2", "b", "2025-02-01")).toBe("plan");
    expect(stepBefore(steps, "i2", "b", "2025-02-24")).toBe("none");
    expect(stepBefore(steps, "i1", "a", "2025-02-09")).toBe("none");
    expect(stepBefore(steps, "i3", "a", "2025-03-15")).toBe("none");
  });
});
