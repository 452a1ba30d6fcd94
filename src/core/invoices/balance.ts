import { daysBetween, type PlainDate } from "../calendar.js";
import { formatMessage, type Locale } from "../messages.js";
import { type Cents, subCents } from "../money.js";

export type InvoiceStatus = "open" | "partially_paid" | "paid" | "cancelled" | "written_off";

/** What is still owed; negative when overpaid. */
export function balanceCents(total: Cents, paid: Cents): Cents {
  return subCents(total, paid);
}

/**
 * Status from the balance. A zero total is paid. A credit note (negative total) mirrors an invoice: it is
 * paid once refunded (paid ≤ total, both negative).
 */
export function deriveStatus(i: {
  total_cents: number;
  paid_cents: number;
  cancelled?: boolean;
  written_off?: boolean;
}): InvoiceStatus {
  if (i.cancelled) return "cancelled";
  if (i.written_off) return "written_off";
  const sign = i.total_cents < 0 ? -1 : 1;
  const total = sign * i.total_cents;
  const paid = sign * i.paid_cents;
  if (paid >= total) return "paid";
  return paid > 0 ? "partially_paid" : "open";
}

/** Days past the due date, 0 when not yet due. */
export function daysLate(due: PlainDate, today: PlainDate): number {
  return Math.max(0, daysBetween(due, today));
}

export type AgingBucket = "not_due" | "d1_30" | "d31_60" | "d61_90" | "over_90";
export const AGING_BUCKETS: readonly AgingBucket[] = ["not_due", "d1_30", "d31_60", "d61_90", "over_90"];

export function agingBucket(due: PlainDate, today: PlainDate): AgingBucket {
  const late = daysLate(due, today);
  if (late === 0) return "not_due";
  if (late <= 30) return "d1_30";
  if (late <= 60) return "d31_60";
  if (late <= 90) return "d61_90";
  return "over_90";
}

/** "Non échu", "1–30 jours"… / "Not due", "1–30 days"… */
export function agingLabel(b: AgingBucket, locale: Locale): string {
  return formatMessage(locale, `aging.${b}`);
}
