import { describe, expect, it } from "vitest";
import { parseIsoDate, Temporal } from "../calendar.js";
import { unwrap } from "../result.js";
import { formatRateBp, type RateEntry, type RateKind, RateTable, semesterLabel } from "./rates.js";
import { SEED_RATES } from "./rates-data.js";

const d = (s: string) => unwrap(parseIsoDate(s));
const table = new RateTable(SEED_RATES);
const e = (kind: RateKind, from: string, to: string, rate_bp = 100, confirmed = true): RateEntry => ({
  kind,
  valid_from: from,
  valid_to: to,
  rate_bp,
  source: "test",
  confirmed,
});

describe("semesterLabel", () => {
  it.each([
    ["2025-01-01", "2025-S1"],
    ["2025-06-30", "2025-S1"],
    ["2025-07-01", "2025-S2"],
    ["2024-12-31", "2024-S2"],
  ])("%s is in %s", (day, label) => {
    expect(semesterLabel(d(day))).toBe(label);
  });
});

describe("formatRateBp", () => {
  it.each([
    [1450, "14.50 %"],
    [5, "0.05 %"],
    [0, "0.00 %"],
    [-50, "-0.50 %"],
    [100000, "1000.00 %"],
  ])("%i bp is %s", (bp, text) => {
    expect(formatRateBp(bp)).toBe(text);
  });
});

describe("SEED_RATES", () => {
  it("is a valid table", () => {
    expect(table.problem).toBeUndefined();
    expect(RateTable.from(SEED_RATES).ok).toBe(true);
  });

  it("covers 2015-S1 … 2026-S2 for the ECB rate and 2015-S1 … 2026-S1 for both taux légal, one row a semester", () => {
    const semesters = (kind: RateKind) => table.entries(kind).map((r) => semesterLabel(d(r.valid_from)));
    const expected = (last: number) =>
      Array.from({ length: last }, (_, i) => `${2015 + Math.floor(i / 2)}-S${(i % 2) + 1}`);
    expect(semesters("ecb_refi")).toEqual(expected(24));
    expect(semesters("legal_individual")).toEqual(expected(23));
    expect(semesters("legal_other")).toEqual(expected(23));
    for (const r of SEED_RATES) {
      const from = d(r.valid_from);
      expect(r.valid_from.endsWith(from.month === 1 ? "-01-01" : "-07-01")).toBe(true);
      expect(r.valid_to).toBe(from.month === 1 ? `${from.year}-06-30` : `${from.year}-12-31`);
      expect(r.source.length).toBeGreaterThan(10);
    }
  });

  // The figures, as the sources state them (LAW.md §3 for 2023–2026; see rates-data.ts for 2015–2022).
  it.each([
    // semester, ECB, individual, other
    ["2015-S1", 5, 406, 93],
    ["2015-S2", 5, 429, 99],
    ["2016-S1", 5, 454, 101], // the cut to 0.00 % took effect on 16/03/2016: the 1 January rate stays
    ["2016-S2", 0, 435, 93],
    ["2017-S1", 0, 416, 90],
    ["2017-S2", 0, 394, 90],
    ["2018-S1", 0, 373, 89],
    ["2018-S2", 0, 360, 88],
    ["2019-S1", 0, 340, 86],
    ["2019-S2", 0, 326, 87],
    ["2020-S1", 0, 315, 87],
    ["2020-S2", 0, 311, 84],
    ["2021-S1", 0, 314, 79],
    ["2021-S2", 0, 312, 76],
    ["2022-S1", 0, 313, 76],
    ["2022-S2", 0, 315, 77], // on 1 July 2022 the ECB rate was still 0.00 % (0.50 % from 27/07/2022)
    ["2023-S1", 250, 447, 206],
    ["2023-S2", 400, 682, 422],
    ["2024-S1", 450, 801, 507],
    ["2024-S2", 425, 816, 492],
    ["2025-S1", 315, 721, 371],
    ["2025-S2", 215, 665, 276],
    ["2026-S1", 215, 667, 262],
  ])("%s: ECB %i bp, taux légal %i / %i bp", (semester, ecb, individual, other) => {
    const [year, half] = semester.split("-S");
    const first = d(`${year}-${half === "1" ? "01" : "07"}-01`);
    const last = d(`${year}-${half === "1" ? "06-30" : "12-31"}`);
    for (const day of [first, last]) {
      expect(unwrap(table.rateOn("ecb_refi", day)).rate_bp).toBe(ecb);
      expect(unwrap(table.rateOn("legal_individual", day)).rate_bp).toBe(individual);
      expect(unwrap(table.rateOn("legal_other", day)).rate_bp).toBe(other);
      expect(unwrap(table.rateOn("legal_other", day)).confirmed).toBe(true);
    }
  });

  it("2026-S2: the ECB rate is there but unconfirmed, the taux légal is unknown", () => {
    const ecb = unwrap(table.rateOn("ecb_refi", d("2026-07-01")));
    expect(ecb).toMatchObject({ rate_bp: 240, confirmed: false });
    expect(table.rateOn("legal_other", d("2026-07-01"))).toEqual({
      ok: false,
      problem: { code: "law.rate_unknown", params: { kind: "legal_other", semester: "2026-S2" } },
    });
    expect(table.rateOn("legal_individual", d("2026-12-31"))).toMatchObject({ ok: false });
  });

  it("knows nothing before 2015 or after 2026", () => {
    expect(table.rateOn("ecb_refi", d("2014-12-31"))).toEqual({
      ok: false,
      problem: { code: "law.rate_unknown", params: { kind: "ecb_refi", semester: "2014-S2" } },
    });
    expect(table.rateOn("ecb_refi", d("2027-01-01"))).toMatchObject({
      ok: false,
      problem: { params: { semester: "2027-S1" } },
    });
  });
});

describe("RateTable", () => {
  it("finds the entry of any day by binary search, gaps included", () => {
    const t = new RateTable([
      e("ecb_refi", "2020-07-01", "2020-12-31", 3),
      e("ecb_refi", "2020-01-01", "2020-03-31", 1),
      e("ecb_refi", "2020-04-01", "2020-05-31", 2),
    ]);
    expect(unwrap(t.rateOn("ecb_refi", d("2020-01-01"))).rate_bp).toBe(1);
    expect(unwrap(t.rateOn("ecb_refi", d("2020-03-31"))).rate_bp).toBe(1);
    expect(unwrap(t.rateOn("ecb_refi", d("2020-04-01"))).rate_bp).toBe(2);
    expect(t.rateOn("ecb_refi", d("2020-06-15"))).toMatchObject({
      ok: false,
      problem: { code: "law.rate_unknown", params: { semester: "2020-S1" } },
    });
    expect(unwrap(t.rateOn("ecb_refi", d("2020-12-31"))).rate_bp).toBe(3);
    expect(t.entries("ecb_refi").map((x) => x.rate_bp)).toEqual([1, 2, 3]);
    expect(t.rateOn("legal_other", d("2020-01-01")).ok).toBe(false);
  });

  it("accepts a one-day period and an empty table", () => {
    const t = new RateTable([e("legal_other", "2024-02-29", "2024-02-29", 7)]);
    expect(unwrap(t.rateOn("legal_other", d("2024-02-29"))).rate_bp).toBe(7);
    expect(t.rateOn("legal_other", d("2024-03-01")).ok).toBe(false);
    expect(new RateTable([]).problem).toBeUndefined();
  });

  it.each([
    [
      "overlapping periods of one kind",
      [e("ecb_refi", "2025-01-01", "2025-06-30"), e("ecb_refi", "2025-06-30", "2025-12-31")],
      { code: "law.rate_overlap", params: { kind: "ecb_refi", first: "2025-01-01", second: "2025-06-30" } },
    ],
    [
      "the same period twice",
      [e("legal_other", "2025-01-01", "2025-06-30"), e("legal_other", "2025-01-01", "2025-06-30")],
      {
        code: "law.rate_overlap",
        params: { kind: "legal_other", first: "2025-01-01", second: "2025-01-01" },
      },
    ],
    [
      "an inverted period",
      [e("ecb_refi", "2025-07-01", "2025-06-30")],
      { code: "law.rate_range_inverted", params: { kind: "ecb_refi", from: "2025-07-01", to: "2025-06-30" } },
    ],
    [
      "an impossible date",
      [e("ecb_refi", "2025-02-30", "2025-06-30")],
      { code: "law.rate_date_invalid", params: { value: "2025-02-30" } },
    ],
    [
      "a date in another format",
      [e("ecb_refi", "2025-01-01", "30/06/2025")],
      { code: "law.rate_date_invalid", params: { value: "30/06/2025" } },
    ],
    [
      "a rate that is not an integer",
      [e("ecb_refi", "2025-01-01", "2025-06-30", 2.5)],
      { code: "law.rate_value_invalid", params: { kind: "ecb_refi", from: "2025-01-01", value: "2.5" } },
    ],
    [
      "an absurd rate",
      [e("ecb_refi", "2025-01-01", "2025-06-30", 100_001)],
      { code: "law.rate_value_invalid", params: { kind: "ecb_refi", from: "2025-01-01", value: "100001" } },
    ],
    [
      "an unknown kind",
      [{ ...e("ecb_refi", "2025-01-01", "2025-06-30"), kind: "euribor" as RateKind }],
      { code: "law.rate_kind_invalid", params: { value: "euribor" } },
    ],
  ])("refuses %s with a problem, never an exception", (_name, entries, problem) => {
    const t = new RateTable(entries);
    expect(t.problem).toEqual(problem);
    expect(RateTable.from(entries)).toEqual({ ok: false, problem });
    // every lookup then answers the table's problem rather than a wrong rate
    expect(t.rateOn("ecb_refi", d("2025-03-01"))).toEqual({ ok: false, problem });
  });

  it("does not mix kinds when checking overlaps", () => {
    const t = new RateTable([
      e("ecb_refi", "2025-01-01", "2025-06-30"),
      e("legal_other", "2025-01-01", "2025-06-30"),
    ]);
    expect(t.problem).toBeUndefined();
  });

  it("takes the day as a Temporal date", () => {
    expect(unwrap(table.rateOn("ecb_refi", new Temporal.PlainDate(2024, 2, 29))).rate_bp).toBe(450);
  });
});
