import type { Logger } from "pino";
import { type PlainDate, todayIn } from "../core/calendar.js";
import type { Locale } from "../core/messages.js";
import type { Db, Dialect } from "../db/connect.js";

/** The clock is the only way the application learns the time; tests pass a fixed one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(isoInstant: string): Clock {
  const ms = Date.parse(isoInstant);
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant ${isoInstant}`);
  return { now: () => ms };
}

export interface AppContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  locale: Locale;
}

/** "Today" is a calendar date in the organization's time zone. */
export function todayFor(ctx: Pick<AppContext, "clock">, timeZone: string): PlainDate {
  return todayIn(timeZone, ctx.clock.now());
}

export function nowIso(ctx: Pick<AppContext, "clock">): string {
  return new Date(ctx.clock.now()).toISOString();
}
