import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { formatMessage } from "../messages.js";
import { dueForPrescriptionSoon, type PrescriptionEvent, prescriptionDate } from "./prescription.js";

const d = (s: string) => Temporal.PlainDate.from(s);
const ev = (date: string, kind: PrescriptionEvent["kind"]): PrescriptionEvent => ({ date: d(date), kind });

describe("prescriptionDate", () => {
  it("gives 5 years between businesses and 2 years against a consumer, from the due date", () => {
    expect(prescriptionDate({ due: d("2025-03-15"), debtor: "business", interruptions: [] })).toEqual({
      date: d("2030-03-15"),
      years: 5,
      basis: "L110-4 C. com.",
      long_stop: d("2045-03-15"),
      suspended: false,
      warnings: [],
    });
    const consumer = prescriptionDate({ due: d("2025-03-15"), debtor: "consumer", interruptions: [] });
    expect(consumer).toMatchObject({ date: d("2027-03-15"), years: 2, basis: "L218-2 C. conso." });
  });

  it("ends a period started on 29 February on 28 February of a common year", () => {
    expect(prescriptionDate({ due: d("2024-02-29"), debtor: "consumer", interruptions: [] }).date).toEqual(
      d("2026-02-28"),
    );
    expect(prescriptionDate({ due: d("2024-02-29"), debtor: "business", interruptions: [] }).date).toEqual(
      d("2029-02-28"),
    );
    // 4 years later is a leap year again: the 29th exists (consumer acknowledgement on 2026-02-28 → 2028-02-28)
    expect(
      prescriptionDate({
        due: d("2024-02-29"),
        debtor: "consumer",
        interruptions: [ev("2026-02-28", "acknowledgement")],
      }).date,
    ).toEqual(d("2028-02-28"));
  });

  it("restarts a full period from each interruption", () => {
    const r = prescriptionDate({
      due: d("2025-03-15"),
      debtor: "business",
      interruptions: [ev("2028-01-10", "enforcement"), ev("2026-06-01", "acknowledgement")],
    });
    expect(r.date).toEqual(d("2033-01-10"));
    const claim = prescriptionDate({
      due: d("2025-03-15"),
      debtor: "consumer",
      interruptions: [ev("2026-06-01", "court_claim")],
    });
    expect(claim.date).toEqual(d("2028-06-01"));
    expect(claim.warnings.map((w) => w.code)).toEqual(["prescription.court_claim"]);
  });

  it("accepts an interruption on the last day and ignores one the day after", () => {
    const lastDay = prescriptionDate({
      due: d("2020-01-10"),
      debtor: "consumer",
      interruptions: [ev("2022-01-10", "acknowledgement")],
    });
    expect(lastDay).toMatchObject({ date: d("2024-01-10"), warnings: [] });
    const tooLate = prescriptionDate({
      due: d("2020-01-10"),
      debtor: "consumer",
      interruptions: [ev("2022-01-11", "acknowledgement")],
    });
    expect(tooLate.date).toEqual(d("2022-01-10"));
    expect(tooLate.warnings).toEqual([
      { code: "prescription.event_after_expiry", params: { date: "11/01/2022", kind: "acknowledgement" } },
    ]);
  });

  it("ignores events before the due date", () => {
    const r = prescriptionDate({
      due: d("2025-03-15"),
      debtor: "business",
      interruptions: [ev("2025-03-01", "acknowledgement")],
    });
    expect(r.date).toEqual(d("2030-03-15"));
    expect(r.warnings.map((w) => w.code)).toEqual(["prescription.event_before_due"]);
  });

  it("suspends during a mediation and resumes with what was left", () => {
    // 2025-01-01 + 2 years = 2027-01-01; suspended 89 days (01/02 → 01/05/2025) → 2027-03-31
    const r = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "consumer",
      interruptions: [ev("2025-05-01", "mediation_end"), ev("2025-02-01", "mediation_start")],
    });
    expect(r).toMatchObject({ date: d("2027-03-31"), suspended: false, warnings: [] });
  });

  it("leaves at least 6 months after a mediation (2238)", () => {
    // 31 days left on 01/12/2026; mediation ends 01/03/2027 → 6 months → 01/09/2027
    const r = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "consumer",
      interruptions: [ev("2026-12-01", "mediation_start"), ev("2027-03-01", "mediation_end")],
    });
    expect(r.date).toEqual(d("2027-09-01"));
  });

  it("has no date while a mediation is running", () => {
    const r = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "business",
      interruptions: [ev("2026-02-01", "mediation_start")],
    });
    expect(r).toMatchObject({ date: null, suspended: true });
    expect(r.warnings).toEqual([{ code: "prescription.suspended", params: { since: "01/02/2026" } }]);
  });

  it("warns about a mediation end without a start", () => {
    const r = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "business",
      interruptions: [ev("2026-02-01", "mediation_end")],
    });
    expect(r.date).toEqual(d("2030-01-01"));
    expect(r.warnings.map((w) => w.code)).toEqual(["prescription.mediation_end_without_start"]);
  });

  it("caps acknowledgements at 20 years after the due date, but not court claims (2232)", () => {
    const acks = ["2029-12-01", "2034-12-01", "2039-12-01"].map((s) => ev(s, "acknowledgement"));
    const capped = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "business",
      interruptions: [...acks, ev("2044-06-01", "acknowledgement")],
    });
    expect(capped.date).toEqual(d("2045-01-01"));
    expect(capped.warnings).toEqual([{ code: "prescription.long_stop", params: { date: "01/01/2045" } }]);
    expect(formatMessage("fr", "prescription.long_stop", capped.warnings[0]?.params)).toContain("2232");
    const claimed = prescriptionDate({
      due: d("2025-01-01"),
      debtor: "business",
      interruptions: [...acks, ev("2044-06-01", "court_claim")],
    });
    expect(claimed.date).toEqual(d("2049-06-01"));
  });

  it("applies the four-year lapse to public debtors, from 1 January after the due date", () => {
    const r = prescriptionDate({ due: d("2020-03-15"), debtor: "public", interruptions: [] });
    expect(r).toMatchObject({ date: d("2024-12-31"), years: 4 });
    expect(r.warnings.map((w) => w.code)).toEqual(["prescription.public_unconfirmed"]);
    const interrupted = prescriptionDate({
      due: d("2020-03-15"),
      debtor: "public",
      interruptions: [ev("2022-05-01", "acknowledgement")],
    });
    expect(interrupted.date).toEqual(d("2026-12-31"));
  });
});

describe("dueForPrescriptionSoon", () => {
  const today = d("2025-06-30");
  it("lists what expires within 90 days and what has expired, soonest first", () => {
    const items = [
      { id: "in-10", date: d("2025-07-10") },
      { id: "in-90", date: d("2025-09-28") },
      { id: "in-91", date: d("2025-09-29") },
      { id: "expired", date: d("2025-06-29") },
      { id: "today", date: today },
      { id: "suspended", date: null },
    ];
    expect(dueForPrescriptionSoon(items, today).map((a) => [a.item.id, a.days_left, a.prescribed])).toEqual([
      ["expired", -1, true],
      ["today", 0, false],
      ["in-10", 10, false],
      ["in-90", 90, false],
    ]);
    expect(dueForPrescriptionSoon(items, today, 10).map((a) => a.item.id)).toEqual([
      "expired",
      "today",
      "in-10",
    ]);
  });
});
