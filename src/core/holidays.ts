import { addDays, type PlainDate, Temporal } from "./calendar.js";

/*
 * French public holidays (Code du travail L3133-1; Alsace-Moselle: L3134-13), computed here in pure calendar
 * arithmetic. @socialgouv/jours-feries is the reference the tests check against (dates and names, 1900–2099);
 * it is not called at run time because it builds local-time Dates (the host zone's daylight-saving changes
 * move Ascension by a day in e.g. Australia/Sydney) and its Easter formula goes wrong from 2100.
 */

export interface HolidayOptions {
  /** Bas-Rhin, Haut-Rhin and Moselle add Good Friday and 26 December. */
  alsaceMoselle?: boolean;
}

export interface PublicHoliday {
  date: PlainDate;
  name: string;
}

/** Easter Sunday in the Gregorian calendar (anonymous algorithm: Meeus, Jones, Butcher). */
export function easterSunday(year: number): PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return new Temporal.PlainDate(year, Math.floor(n / 31), (n % 31) + 1);
}

const FIXED: readonly [number, number, string][] = [
  [1, 1, "Jour de l'an"],
  [5, 1, "Fête du travail"],
  [5, 8, "Victoire des alliés"],
  [7, 14, "Fête Nationale"],
  [8, 15, "Assomption"],
  [11, 1, "Toussaint"],
  [11, 11, "Armistice"],
  [12, 25, "Noël"],
];
const FROM_EASTER: readonly [number, string][] = [
  [1, "Lundi de Pâques"],
  [39, "Ascension"],
  [50, "Lundi de Pentecôte"],
];

const cache = new Map<string, { list: readonly PublicHoliday[]; isos: ReadonlySet<string> }>();

function holidaysOf(year: number, options?: HolidayOptions) {
  if (!Number.isSafeInteger(year) || year < 1583 || year > 9999) throw new RangeError(`not a year: ${year}`);
  const alsace = options?.alsaceMoselle === true;
  const key = `${year}:${alsace}`;
  let entry = cache.get(key);
  if (!entry) {
    const easter = easterSunday(year);
    const list: PublicHoliday[] = [
      ...FIXED.map(([month, day, name]) => ({ date: new Temporal.PlainDate(year, month, day), name })),
      ...FROM_EASTER.map(([days, name]) => ({ date: addDays(easter, days), name })),
    ];
    if (alsace) {
      list.push({ date: addDays(easter, -2), name: "Vendredi Saint" });
      list.push({ date: new Temporal.PlainDate(year, 12, 26), name: "Saint Étienne" });
    }
    list.sort((x, y) => Temporal.PlainDate.compare(x.date, y.date));
    entry = { list, isos: new Set(list.map((h) => h.date.toString())) };
    cache.set(key, entry);
  }
  return entry;
}

/** French public holidays of the year, sorted by date. */
export function publicHolidays(year: number, options?: HolidayOptions): PublicHoliday[] {
  return holidaysOf(year, options).list.slice();
}

export function isPublicHoliday(d: PlainDate, options?: HolidayOptions): boolean {
  return holidaysOf(d.year, options).isos.has(d.toString());
}

/** Monday to Friday and not a public holiday. */
export function isBusinessDay(d: PlainDate, options?: HolidayOptions): boolean {
  return d.dayOfWeek <= 5 && !isPublicHoliday(d, options);
}

/** `d` itself when it is a business day, else the next one. */
export function nextBusinessDay(d: PlainDate, options?: HolidayOptions): PlainDate {
  let day = d;
  while (!isBusinessDay(day, options)) day = addDays(day, 1);
  return day;
}

/** Counts `n` business days after `d` (before it when negative); `n = 0` returns `d`. */
export function addBusinessDays(d: PlainDate, n: number, options?: HolidayOptions): PlainDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = d;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isBusinessDay(day, options)) left--;
  }
  return day;
}
