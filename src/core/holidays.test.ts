import joursFeries from "@socialgouv/jours-feries";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type PlainDate, Temporal } from "./calendar.js";
import {
  addBusinessDays,
  easterSunday,
  isBusinessDay,
  isPublicHoliday,
  nextBusinessDay,
  type PublicHoliday,
  publicHolidays,
} from "./holidays.js";

const originalTz = process.env.TZ;

const d = (iso: string): PlainDate => Temporal.PlainDate.from(iso);
const isos = (year: number, alsaceMoselle = false) =>
  publicHolidays(year, { alsaceMoselle }).map((h) => h.date.toString());
const alsace = { alsaceMoselle: true };

/** Known Easter Sundays, including the earliest possible (22 March) and the latest (25 April). */
const EASTERS: Record<number, string> = {
  2024: "2024-03-31",
  2025: "2025-04-20",
  2026: "2026-04-05",
  2027: "2027-03-28",
  2038: "2038-04-25",
  2285: "2285-03-22",
  2106: "2106-04-18",
};

/** The library's Dates are local midnights; under a zone without daylight saving their local day is exact. */
function fromLibrary(year: number, withAlsace: boolean): PublicHoliday[] {
  return Object.entries(joursFeries(year, { alsace: withAlsace }))
    .map(([name, date]) => ({
      name,
      date: new Temporal.PlainDate(date.getFullYear(), date.getMonth() + 1, date.getDate()),
    }))
    .sort((a, b) => Temporal.PlainDate.compare(a.date, b.date));
}

describe("publicHolidays", () => {
  it("lists the eleven holidays of 2025 in date order", () => {
    expect(isos(2025)).toEqual([
      "2025-01-01",
      "2025-04-21",
      "2025-05-01",
      "2025-05-08",
      "2025-05-29",
      "2025-06-09",
      "2025-07-14",
      "2025-08-15",
      "2025-11-01",
      "2025-11-11",
      "2025-12-25",
    ]);
    expect(publicHolidays(2025).find((h) => h.date.equals(d("2025-04-21")))?.name).toBe("Lundi de Pâques");
  });
  it("lists 2026, with Ascension on 14 May", () => {
    expect(isos(2026)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });
  it("adds Good Friday and 26 December in Alsace-Moselle", () => {
    expect(isos(2025, true)).toContain("2025-04-18");
    expect(isos(2026, true)).toContain("2026-04-03");
    expect(isos(2026, true)).toContain("2026-12-26");
    expect(isos(2026, true)).toHaveLength(13);
  });
  it("returns a copy callers may modify", () => {
    publicHolidays(2025).pop();
    expect(publicHolidays(2025)).toHaveLength(11);
  });

  it("agrees with @socialgouv/jours-feries from 1900 to 2099, names included", () => {
    process.env.TZ = "UTC";
    try {
      for (let year = 1900; year <= 2099; year++) {
        for (const withAlsace of [false, true]) {
          expect(publicHolidays(year, { alsaceMoselle: withAlsace })).toEqual(fromLibrary(year, withAlsace));
        }
      }
    } finally {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    }
  });
  it.each(Object.entries(EASTERS))("Easter %s is on %s", (year, iso) => {
    expect(easterSunday(Number(year))).toEqual(d(iso));
  });
  it("rejects years outside the Gregorian calendar", () => {
    expect(() => publicHolidays(1500)).toThrow(RangeError);
    expect(() => publicHolidays(2025.5)).toThrow(RangeError);
  });
});

describe("business days", () => {
  it.each([
    ["2025-04-21", false, false],
    ["2025-04-22", false, true],
    ["2025-04-18", false, true],
    ["2025-04-18", true, false],
    ["2025-12-26", false, true],
    ["2025-12-26", true, false],
    ["2025-07-14", false, false],
    ["2025-08-15", false, false],
    ["2026-05-14", false, false],
    ["2026-05-25", false, false],
    ["2025-01-04", false, false],
    ["2025-01-06", false, true],
  ])("%s (Alsace-Moselle: %s) is a business day: %s", (iso, withAlsace, expected) => {
    expect(isBusinessDay(d(iso), { alsaceMoselle: withAlsace })).toBe(expected);
  });
  it("knows holidays on weekends too", () => {
    expect(isPublicHoliday(d("2025-11-01"))).toBe(true); // a Saturday
    expect(isPublicHoliday(d("2025-11-02"))).toBe(false);
  });
  it.each([
    ["2025-04-19", "2025-04-22", false],
    ["2025-12-24", "2025-12-24", false],
    ["2025-12-25", "2025-12-26", false],
    ["2025-12-25", "2025-12-29", true],
    ["2026-05-14", "2026-05-15", false],
  ])("next business day from %s is %s (Alsace-Moselle: %s)", (from, to, withAlsace) => {
    expect(nextBusinessDay(d(from), { alsaceMoselle: withAlsace })).toEqual(d(to));
  });
  it.each([
    ["2025-04-18", 1, "2025-04-22", false],
    ["2025-04-17", 1, "2025-04-22", true],
    ["2025-05-07", 1, "2025-05-09", false],
    ["2025-04-19", 1, "2025-04-22", false],
    ["2025-04-19", 0, "2025-04-19", false],
    ["2025-04-22", -1, "2025-04-18", false],
    ["2025-04-22", -1, "2025-04-17", true],
    ["2025-12-22", 5, "2025-12-30", false],
    ["2025-12-22", 5, "2025-12-31", true],
    ["2026-05-13", 2, "2026-05-18", false],
  ])("%s + %i business days = %s (Alsace-Moselle: %s)", (from, n, to, withAlsace) => {
    expect(addBusinessDays(d(from), n, { alsaceMoselle: withAlsace })).toEqual(d(to));
  });
  it("lands on a business day and counts exactly n of them", () => {
    const anyDate = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(d("2020-01-01"), n));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -40, max: 40 }), fc.boolean(), (from, n, withAlsace) => {
        const options = { alsaceMoselle: withAlsace };
        const to = addBusinessDays(from, n, options);
        if (n === 0) {
          expect(to).toEqual(from);
          return;
        }
        expect(isBusinessDay(to, options)).toBe(true);
        let count = 0;
        const step = n > 0 ? 1 : -1;
        for (let day = addDays(from, step); !day.equals(addDays(to, step)); day = addDays(day, step)) {
          if (isBusinessDay(day, options)) count++;
        }
        expect(count).toBe(Math.abs(n));
        expect(nextBusinessDay(to, options)).toEqual(to);
      }),
    );
  });
  it("rejects fractional counts", () => {
    expect(() => addBusinessDays(d("2025-01-06"), 1.5)).toThrow(RangeError);
  });
});

it("uses the Alsace-Moselle option only when asked", () => {
  expect(isPublicHoliday(d("2025-12-26"), alsace)).toBe(true);
  expect(isPublicHoliday(d("2025-12-26"))).toBe(false);
});
