import { addDays, type PlainDate, Temporal } from "../calendar.js";
import type { QuoteState } from "./state.js";

/**
 * Days before a quote's validity date (valid_until) at which the client is reminded that it expires
 * (« Votre devis expire le … », docs/quotes.md). A constant for now, not an organization setting.
 */
export const EXPIRY_REMINDER_DAYS = 5;

export interface ExpiryFacts {
  /** The stored status. */
  status: QuoteState;
  /** Last day the offer stands (YYYY-MM-DD), null: no limit. */
  valid_until: string | null;
  /** The day the quote was sent, in the organization's time zone (YYYY-MM-DD); null if unknown. */
  sent_on: string | null;
}

/**
 * Whether the reminder before the validity date is due `today`: a quote still `sent` with a validity date, today
 * between valid_until − `days` and valid_until (a day the daily run missed is caught up until the last day of
 * validity; the outbox's idempotency key keeps it to one message), and sent before the reminder day — a quote sent
 * with fewer than `days` left gets none, its own e-mail already gives the date. An expired quote gets nothing.
 */
export function expiryReminderDue(
  quote: ExpiryFacts,
  today: PlainDate,
  days: number = EXPIRY_REMINDER_DAYS,
): boolean {
  if (quote.status !== "sent" || quote.valid_until === null) return false;
  const first = expiryReminderOn(quote.valid_until, days);
  const t = today.toString();
  if (t < first || t > quote.valid_until) return false;
  return quote.sent_on === null || quote.sent_on < first;
}

/** The first day the reminder is due: valid_until − `days` (YYYY-MM-DD). */
export function expiryReminderOn(validUntil: string, days: number = EXPIRY_REMINDER_DAYS): string {
  return addDays(Temporal.PlainDate.from(validUntil), -days).toString();
}
