import { daysBetween, parseIsoDate } from "../calendar.js";

/**
 * How late a client pays, on average: over its fully paid invoices, the days from the due date to the last
 * payment (0 when paid on time or early), rounded to one decimal; null when there is no paid invoice.
 * Dates are `YYYY-MM-DD`; a pair with an unreadable date is left out.
 */
export function averageDaysLate(invoices: readonly { due_date: string; paid_on: string }[]): number | null {
  let total = 0;
  let count = 0;
  for (const invoice of invoices) {
    const due = parseIsoDate(invoice.due_date);
    const paid = parseIsoDate(invoice.paid_on);
    if (!due.ok || !paid.ok) continue;
    total += Math.max(0, daysBetween(due.value, paid.value));
    count += 1;
  }
  return count === 0 ? null : Math.round((total / count) * 10) / 10;
}
