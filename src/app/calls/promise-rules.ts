import { addDays, parseIsoDate, toIso } from "../../core/calendar.js";
import type { PromiseView } from "../../db/repositories/calls.js";
import type { Organization } from "../../db/schema.js";
import { readSettings } from "../organizations/settings.js";
import { type PromiseDto, presentPromise } from "./present-call.js";

/** Days after the promised date before a promise is checked: settings.promise_grace_days, else 3. */
export const DEFAULT_GRACE_DAYS = 3;
export const MAX_GRACE_DAYS = 30;

export function graceDaysOf(org: Pick<Organization, "settings">): number {
  const days = readSettings(org).promise_grace_days;
  return typeof days === "number" && Number.isInteger(days) && days >= 0 && days <= MAX_GRACE_DAYS
    ? days
    : DEFAULT_GRACE_DAYS;
}

/** The last day a promise holds the reminders: promised_on + grace days. */
export function holdUntilOf(promise: { promised_on: string; grace_days: number }): string {
  const d = parseIsoDate(promise.promised_on);
  if (!d.ok) throw new Error(`promise with an unreadable date ${promise.promised_on}`);
  return toIso(addDays(d.value, Number(promise.grace_days)));
}

export function toPromiseDto(row: PromiseView): PromiseDto {
  return presentPromise(row, holdUntilOf(row));
}
