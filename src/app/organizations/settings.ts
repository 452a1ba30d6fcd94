import type { DayCount } from "../../core/law/penalties.js";
import type { Organization } from "../../db/schema.js";

/** The day-count conventions an organization can choose (LAW.md §2): actual/365 unless it says otherwise. */
export const DAY_COUNTS = ["actual_365", "actual_actual"] as const satisfies readonly DayCount[];
export const DEFAULT_DAY_COUNT: DayCount = "actual_365";

/** The organization's `settings` JSON as an object; `{}` when it is not an object (never throws). */
export function readSettings(org: Pick<Organization, "settings">): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(org.settings || "{}");
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The hour (0–23, the organization's time zone) of the daily dunning run: settings.dunning_hour, else 9. */
export const DEFAULT_DUNNING_HOUR = 9;
export function dunningHourOf(org: Pick<Organization, "settings">): number {
  const hour = readSettings(org).dunning_hour;
  return typeof hour === "number" && Number.isInteger(hour) && hour >= 0 && hour <= 23
    ? hour
    : DEFAULT_DUNNING_HOUR;
}

/** The nature of the operations an invoice must state from the e-invoicing reform (LAW.md §9): goods, services, both. */
export const OPERATION_CATEGORIES = ["goods", "services", "mixed"] as const;
export type OperationCategorySetting = (typeof OPERATION_CATEGORIES)[number];

/** settings.operation_category, or null when the organization has not said. */
export function operationCategoryOf(org: Pick<Organization, "settings">): OperationCategorySetting | null {
  const value = readSettings(org).operation_category;
  return (OPERATION_CATEGORIES as readonly unknown[]).includes(value)
    ? (value as OperationCategorySetting)
    : null;
}

/** settings.vat_on_debits: the option for paying VAT on debits (CGI 269, 2, c), printed on invoices. */
export function vatOnDebitsOf(org: Pick<Organization, "settings">): boolean {
  return readSettings(org).vat_on_debits === true;
}

/** The organization's day count for its claims and the calculator's default. */
export function dayCountOf(org: Pick<Organization, "settings">): DayCount {
  const value = readSettings(org).day_count;
  return (DAY_COUNTS as readonly unknown[]).includes(value) ? (value as DayCount) : DEFAULT_DAY_COUNT;
}
