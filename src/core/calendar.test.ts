import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compareDates,
  dateFromSpreadsheetSerial,
  daysBetween,
  endOfMonth,
  formatDate,
  isWeekend,
  maxDate,
  minDate,
  type PlainDate,
  parseDate,
  parseIsoDate,
  semesterOf,
  semesterStart,
  Temporal,
  todayIn,
  toIso,
} from "./calendar.js";

const d = (iso: string): PlainDate => Temporal.PlainDate.from(iso);
const okIso = (iso: string) => ({ ok: true, value: d(iso) });
/** 1900-01-01 … 2199-12-31 */
const anyDate = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays(d("1900-01-01"), n));

describe("parseIsoDate", () => {
  it.each([
    ["2025-01-31", "2025-01-31"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("%s", (text, iso) => {
    expect(parseIsoDate(text)).toEqual(okIso(iso));
  });
  it.each([
    "2025-1-31",
    " 2025-01-31",
    "31/01/2025",
    "2025-01-31T00:00",
    "20250131",
    "",
  ])("rejects %j", (text) => {
    expect(parseIsoDate(text)).toEqual({
      ok: false,
      problem: { code: "date.invalid", params: { value: text } },
    });
  });
  it("explains impossible and out-of-range dates", () => {
    expect(parseIsoDate("2025-02-29")).toEqual({
      ok: false,
      problem: {
        code: "date.impossible",
        params: { value: "2025-02-29", day: "29", month: "02", year: 2025 },
      },
    });
    expect(parseIsoDate("1900-02-29")).toMatchObject({ problem: { code: "date.impossible" } });
    expect(parseIsoDate("1899-12-31")).toMatchObject({ problem: { code: "date.out_of_range" } });
    expect(parseIsoDate("2200-01-01")).toMatchObject({ problem: { code: "date.out_of_range" } });
  });
});

describe("parseDate", () => {
  it.each([
    ["31/01/2025", "2025-01-31"],
    ["1/2/2025", "2025-02-01"],
    ["01/02/2025", "2025-02-01"],
    ["31-01-2025", "2025-01-31"],
    ["31.01.2025", "2025-01-31"],
    ["31/01/25", "2025-01-31"],
    ["05/03/99", "2099-03-05"],
    ["2025-01-31", "2025-01-31"],
    ["2025/01/31", "2025-01-31"],
    ["2025-1-5", "2025-01-05"],
    ["  31/01/2025 ", "2025-01-31"],
    ["29/02/2024", "2024-02-29"],
    ["31/01/2025 00:00", "2025-01-31"],
    ["31/01/2025 23:59:59", "2025-01-31"],
    ["2025-01-31T10:00:00", "2025-01-31"],
    ["2025-01-31 10:00:00.000", "2025-01-31"],
  ])("%j → %s", (text, iso) => {
    expect(parseDate(text)).toEqual(okIso(iso));
  });

  it.each([
    ["31/02/2025", "31", "02", 2025],
    ["29/02/2025", "29", "02", 2025],
    ["15/13/2025", "15", "13", 2025],
    ["00/01/2025", "00", "01", 2025],
    ["31/04/25", "31", "04", 2025],
    ["2025-02-30", "30", "02", 2025],
  ])("%j is impossible", (value, day, month, year) => {
    expect(parseDate(value)).toEqual({
      ok: false,
      problem: { code: "date.impossible", params: { value, day, month, year } },
    });
  });

  it.each([
    "",
    "janvier 2025",
    "31/01-2025",
    "31/1/202",
    "2025-01-31T10:00:00Z",
    "2025-01-31T10:00:00+01:00",
    "31/01/2025 midi",
    "20250131",
    "2025.01.31",
    "45658",
  ])("%j is not recognised", (text) => {
    expect(parseDate(text)).toEqual({
      ok: false,
      problem: { code: "date.invalid", params: { value: text.trim() } },
    });
  });

  it("rejects years outside 1900–2199", () => {
    expect(parseDate("31/01/1025")).toEqual({
      ok: false,
      problem: { code: "date.out_of_range", params: { value: "31/01/1025", min: 1900, max: 2199 } },
    });
  });

  it("reads back every date it formats", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(parseDate(formatDate(date))).toEqual({ ok: true, value: date });
        expect(parseDate(toIso(date))).toEqual({ ok: true, value: date });
        expect(parseIsoDate(toIso(date))).toEqual({ ok: true, value: date });
      }),
    );
  });
});

describe("dateFromSpreadsheetSerial", () => {
  it.each([
    [25569, "1970-01-01"],
    [45658, "2025-01-01"],
    [45658.75, "2025-01-01"],
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [109_574, "2199-12-31"],
  ])("%d → %s", (n, iso) => {
    expect(dateFromSpreadsheetSerial(n)).toEqual(okIso(iso));
  });
  it("rejects Excel's fictitious 29/02/1900, non-dates and far futures", () => {
    expect(dateFromSpreadsheetSerial(60)).toMatchObject({ problem: { code: "date.impossible" } });
    for (const n of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(dateFromSpreadsheetSerial(n)).toMatchObject({ problem: { code: "date.invalid" } });
    }
    expect(dateFromSpreadsheetSerial(109_575)).toMatchObject({ problem: { code: "date.out_of_range" } });
    expect(dateFromSpreadsheetSerial(1e12)).toMatchObject({ problem: { code: "date.out_of_range" } });
  });
  it("counts days from the Unix epoch after March 1900", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 109_574 }), (n) => {
        const r = dateFromSpreadsheetSerial(n);
        expect(r.ok && daysBetween(d("1970-01-01"), r.value)).toBe(n - 25569);
      }),
    );
  });
});

describe("todayIn", () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ["2025-01-31T23:30:00Z", "Europe/Paris", "2025-02-01"],
    ["2025-01-31T22:59:59Z", "Europe/Paris", "2025-01-31"],
    ["2025-07-31T21:59:59Z", "Europe/Paris", "2025-07-31"],
    ["2025-07-31T22:00:00Z", "Europe/Paris", "2025-08-01"],
    ["2025-01-31T23:30:00Z", "UTC", "2025-01-31"],
    ["2025-01-31T10:00:00Z", "Pacific/Kiritimati", "2025-02-01"],
    ["2025-02-01T03:00:00Z", "America/New_York", "2025-01-31"],
    ["2025-02-01T03:00:00Z", "America/Cayenne", "2025-02-01"],
    ["2025-02-01T03:00:00Z", "Pacific/Tahiti", "2025-01-31"],
  ])("%s in %s is %s", (instant, zone, iso) => {
    expect(todayIn(zone, at(instant))).toEqual(d(iso));
  });
  it("throws on an unknown zone", () => {
    expect(() => todayIn("Mars/Olympus", 0)).toThrow(RangeError);
  });
});

describe("formatting and arithmetic", () => {
  it("formats in both locales", () => {
    expect(formatDate(d("2025-01-31"))).toBe("31/01/2025");
    expect(formatDate(d("2025-09-01"), "en")).toBe("1 Sep 2025");
    expect(toIso(d("2025-01-05"))).toBe("2025-01-05");
  });
  it("adds days and months", () => {
    expect(addDays(d("2025-02-28"), 1)).toEqual(d("2025-03-01"));
    expect(addDays(d("2024-02-28"), 1)).toEqual(d("2024-02-29"));
    expect(addDays(d("2025-01-01"), -1)).toEqual(d("2024-12-31"));
    expect(addMonths(d("2025-01-31"), 1)).toEqual(d("2025-02-28"));
    expect(addMonths(d("2024-03-31"), -1)).toEqual(d("2024-02-29"));
  });
  it("counts days, signed, across DST and leap years", () => {
    expect(daysBetween(d("2025-03-29"), d("2025-03-31"))).toBe(2);
    expect(daysBetween(d("2025-01-31"), d("2025-01-01"))).toBe(-30);
    expect(daysBetween(d("2024-01-01"), d("2025-01-01"))).toBe(366);
  });
  it("daysBetween inverts addDays", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
        expect(daysBetween(addDays(date, n), date)).toBe(0 - n);
        expect(compareDates(date, addDays(date, n))).toBe(n === 0 ? 0 : n > 0 ? -1 : 1);
      }),
    );
  });
  it.each([
    ["2024-02-10", "2024-02-29"],
    ["2025-02-10", "2025-02-28"],
    ["2025-12-01", "2025-12-31"],
    ["2025-04-30", "2025-04-30"],
  ])("end of month of %s is %s", (from, to) => {
    expect(endOfMonth(d(from))).toEqual(d(to));
  });
  it("compares and picks extremes", () => {
    expect(compareDates(d("2025-01-01"), d("2025-01-02"))).toBe(-1);
    expect(compareDates(d("2025-01-02"), d("2025-01-02"))).toBe(0);
    expect(compareDates(d("2025-01-03"), d("2025-01-02"))).toBe(1);
    expect(minDate(d("2025-03-01"), d("2025-01-01"), d("2025-02-01"))).toEqual(d("2025-01-01"));
    expect(maxDate(d("2025-03-01"), d("2025-01-01"), d("2025-04-01"))).toEqual(d("2025-04-01"));
    expect(minDate(d("2025-03-01"))).toEqual(d("2025-03-01"));
  });
  it.each([
    ["2025-01-01", 2025, 1, "2025-S1", "2025-01-01"],
    ["2025-06-30", 2025, 1, "2025-S1", "2025-01-01"],
    ["2025-07-01", 2025, 2, "2025-S2", "2025-07-01"],
    ["2025-12-31", 2025, 2, "2025-S2", "2025-07-01"],
  ])("%s is in %s %s", (iso, year, half, label, start) => {
    expect(semesterOf(d(iso))).toEqual({ year, half, label });
    expect(semesterStart(d(iso))).toEqual(d(start));
  });
  it("knows weekends", () => {
    expect(isWeekend(d("2025-01-04"))).toBe(true);
    expect(isWeekend(d("2025-01-05"))).toBe(true);
    expect(isWeekend(d("2025-01-06"))).toBe(false);
  });
});

describe("addDays by integer arithmetic", () => {
  it("agrees with Temporal's own add for any date and offset (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (start, n) => {
          const d = Temporal.PlainDate.from("2000-01-01").add({ days: start });
          expect(addDays(d, n).toString()).toBe(d.add({ days: n }).toString());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
