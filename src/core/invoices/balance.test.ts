import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, Temporal } from "../calendar.js";
import { cents } from "../money.js";
import { AGING_BUCKETS, agingBucket, agingLabel, balanceCents, daysLate, deriveStatus } from "./balance.js";

const d = (iso: string) => Temporal.PlainDate.from(iso);

describe("balanceCents", () => {
  it("is what is left to pay, negative when overpaid", () => {
    expect(balanceCents(cents(12_000), cents(2000))).toBe(10_000);
    expect(balanceCents(cents(12_000), cents(13_000))).toBe(-1000);
  });
});

describe("deriveStatus", () => {
  it.each([
    [{ total_cents: 12_000, paid_cents: 0 }, "open"],
    [{ total_cents: 12_000, paid_cents: 1 }, "partially_paid"],
    [{ total_cents: 12_000, paid_cents: 11_999 }, "partially_paid"],
    [{ total_cents: 12_000, paid_cents: 12_000 }, "paid"],
    [{ total_cents: 12_000, paid_cents: 15_000 }, "paid"],
    [{ total_cents: 12_000, paid_cents: -500 }, "open"],
    [{ total_cents: 0, paid_cents: 0 }, "paid"],
    [{ total_cents: -5000, paid_cents: 0 }, "open"],
    [{ total_cents: -5000, paid_cents: -2000 }, "partially_paid"],
    [{ total_cents: -5000, paid_cents: -5000 }, "paid"],
    [{ total_cents: 12_000, paid_cents: 12_000, cancelled: true }, "cancelled"],
    [{ total_cents: 12_000, paid_cents: 100, written_off: true }, "written_off"],
    [{ total_cents: 12_000, paid_cents: 0, cancelled: false, written_off: false }, "open"],
  ] as const)("%j → %s", (invoice, expected) => {
    expect(deriveStatus(invoice)).toBe(expected);
  });
});

describe("aging", () => {
  const due = d("2025-01-31");
  it.each([
    ["2025-01-01", 0, "not_due"],
    ["2025-01-31", 0, "not_due"],
    ["2025-02-01", 1, "d1_30"],
    ["2025-03-02", 30, "d1_30"],
    ["2025-03-03", 31, "d31_60"],
    ["2025-04-01", 60, "d31_60"],
    ["2025-04-02", 61, "d61_90"],
    ["2025-05-01", 90, "d61_90"],
    ["2025-05-02", 91, "over_90"],
    ["2027-01-31", 730, "over_90"],
  ])("on %s: %i days late, %s", (today, late, bucket) => {
    expect(daysLate(due, d(today))).toBe(late);
    expect(agingBucket(due, d(today))).toBe(bucket);
  });
  it("moves through the buckets in order as days pass", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
        const earlier = AGING_BUCKETS.indexOf(agingBucket(due, addDays(due, a)));
        const later = AGING_BUCKETS.indexOf(agingBucket(due, addDays(due, a + b)));
        expect(later).toBeGreaterThanOrEqual(earlier);
      }),
    );
  });
  it("labels every bucket in both languages", () => {
    expect(AGING_BUCKETS.map((b) => agingLabel(b, "fr"))).toEqual([
      "Non échu",
      "1–30 jours",
      "31–60 jours",
      "61–90 jours",
      "> 90 jours",
    ]);
    expect(AGING_BUCKETS.map((b) => agingLabel(b, "en"))).toEqual([
      "Not due",
      "1–30 days",
      "31–60 days",
      "61–90 days",
      "> 90 days",
    ]);
  });
});
