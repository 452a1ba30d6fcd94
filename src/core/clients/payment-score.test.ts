import { describe, expect, it } from "vitest";
import { addDays, parseIsoDate, toIso } from "../calendar.js";
import { unwrap } from "../result.js";
import { gradeOf, paymentScore, type ScoredInvoice } from "./payment-score.js";

const today = unwrap(parseIsoDate("2026-06-30"));
/** An invoice due `dueAgo` days before today, paid `late` days after its due date (null: still unpaid). */
function inv(dueAgo: number, late: number | null, amount = 100_000): ScoredInvoice {
  const due = addDays(today, -dueAgo);
  return {
    due_date: toIso(due),
    amount_cents: amount,
    paid_on: late === null ? null : toIso(addDays(due, late)),
  };
}

describe("paymentScore", () => {
  it("has no score without history: a new client gets a friendly word", () => {
    const s = paymentScore([inv(-10, null), inv(400, 30)], today);
    expect(s).toMatchObject({
      value: null,
      grade: null,
      tone: "friendly",
      invoices: 0,
      average_days_late: null,
    });
  });

  it("a good payer is A, friendly, even on a delay running now", () => {
    const history = [20, 50, 80, 110, 140, 170, 200, 230, 260, 290].map((d) => inv(d, 0));
    const s = paymentScore([...history, inv(15, null)], today);
    expect(s.grade).toBe("A");
    expect(s.tone).toBe("friendly");
    expect(s.late_invoices).toBe(1);
    expect(s.longest_delay_days).toBe(15);
    expect(s.first_delay).toBe(true);
    // weighted by amount: 15 days on 1 of 11 equal invoices
    expect(s.average_days_late).toBe(1.4);
  });

  it("a habitual late payer is D and formal: the same delay is not read the same way", () => {
    const history = [20, 50, 80, 110, 140, 170, 200, 230, 260, 290].map((d) => inv(d + 40, 40));
    const s = paymentScore([...history, inv(15, null)], today);
    expect(s.grade).toBe("D");
    expect(s.tone).toBe("formal");
    expect(s.late_invoices).toBe(11);
    expect(s.longest_delay_days).toBe(40);
    expect(s.first_delay).toBe(false);
  });

  it("a client that has paid nothing yet may grade D but is spoken to firmly, not formally, until it breaks a promise", () => {
    const unpaid = [60, 90, 120].map((d) => inv(d, null));
    const s = paymentScore(unpaid, today);
    expect(s.grade).toBe("D");
    expect(s.tone).toBe("firm");
    expect(paymentScore(unpaid, today, { brokenPromises: 1 }).tone).toBe("formal");
  });

  it("weights the average by amount", () => {
    const s = paymentScore([inv(100, 30, 900_000), inv(120, 0, 100_000)], today);
    expect(s.average_days_late).toBe(27);
    const plain = paymentScore([inv(100, 30, 100_000), inv(120, 0, 100_000)], today);
    expect(plain.average_days_late).toBe(15);
  });

  it("counts early payments as on time and ignores what is not due or older than 12 months", () => {
    const s = paymentScore([inv(30, -10), inv(-5, null), inv(366, 90), inv(365, 90)], today);
    expect(s.invoices).toBe(1);
    expect(s.late_invoices).toBe(0);
    expect(s.value).toBe(100);
    const unreadable = paymentScore([{ due_date: "2026-13-01", amount_cents: 1, paid_on: null }], today);
    expect(unreadable.invoices).toBe(0);
  });

  it("reads the trend: the last 6 months against the 6 before", () => {
    const worse = paymentScore([inv(300, 2), inv(250, 2), inv(100, 30), inv(60, 35)], today);
    expect(worse.trend).toBe("worsening");
    const better = paymentScore([inv(300, 30), inv(250, 35), inv(100, 2), inv(60, 0)], today);
    expect(better.trend).toBe("improving");
    const flat = paymentScore([inv(300, 10), inv(100, 12)], today);
    expect(flat.trend).toBe("stable");
    expect(better.value ?? 0).toBeGreaterThan(worse.value ?? 0);
  });

  it("broken promises lower the score and harden the tone", () => {
    const history = [30, 60, 90, 120].map((d) => inv(d, 5));
    const kept = paymentScore(history, today);
    const broken = paymentScore(history, today, { brokenPromises: 2 });
    expect(broken.broken_promises).toBe(2);
    expect((kept.value ?? 0) - (broken.value ?? 0)).toBe(20);
    expect(paymentScore([], today, { brokenPromises: 1 }).tone).toBe("firm");
  });

  it("stays within 0–100 and grades by thresholds", () => {
    const worst = paymentScore([inv(300, null), inv(200, null)], today, { brokenPromises: 5 });
    expect(worst.value).toBe(0);
    expect([gradeOf(80), gradeOf(79), gradeOf(60), gradeOf(59), gradeOf(40), gradeOf(39)]).toEqual([
      "A",
      "B",
      "B",
      "C",
      "C",
      "D",
    ]);
  });
});
