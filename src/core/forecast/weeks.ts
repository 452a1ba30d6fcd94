import { addDays, compareDates, daysBetween, type PlainDate } from "../calendar.js";

/** A forecast week: Monday to Sunday. */
export interface Week {
  start: PlainDate;
  end: PlainDate;
}

/** The Monday of `d`'s week. */
export function mondayOf(d: PlainDate): PlainDate {
  return addDays(d, 1 - d.dayOfWeek);
}

/** `count` weeks from the week of `asOf` (its Monday first), Monday to Sunday. */
export function weeksFrom(asOf: PlainDate, count: number): Week[] {
  const first = mondayOf(asOf);
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(first, 7 * i);
    return { start, end: addDays(start, 6) };
  });
}

/** The index of the week holding `d` among weeks starting at `firstMonday` (negative before it). */
export function weekIndex(firstMonday: PlainDate, d: PlainDate): number {
  return Math.floor(daysBetween(firstMonday, d) / 7);
}

export function laterOf(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) >= 0 ? a : b;
}
