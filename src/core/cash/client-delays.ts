import { daysBetween, type PlainDate } from "../calendar.js";
import { mulDiv } from "../money.js";

export interface DelayPayment {
  client_id: string;
  client_name: string;
  due_date: PlainDate;
  paid_on: PlainDate;
  amount_cents: number;
}

export interface ClientDelay {
  client_id: string;
  name: string;
  /** Days late, weighted by amount, in tenths of a day (rounded half up): 125 = 12.5 days. */
  average_days_late_tenths: number;
  collected_cents: number;
  payments: number;
}

/**
 * Each client's average delay over the payments given (the caller picks the period): days from the invoice's due
 * date to the payment (0 when on time or early), weighted by the amount allocated,
 * Σ(days × amount) ÷ Σ amount, in tenths of a day rounded half up. The `limit` clients with the longest delay first
 * (then the most collected, then the name).
 */
export function clientDelays(payments: readonly DelayPayment[], limit = 5): ClientDelay[] {
  const by = new Map<string, { name: string; weighted: number; cents: number; count: number }>();
  for (const p of payments) {
    if (p.amount_cents <= 0) continue;
    const days = Math.max(0, daysBetween(p.due_date, p.paid_on));
    const c = by.get(p.client_id) ?? { name: p.client_name, weighted: 0, cents: 0, count: 0 };
    c.weighted += days * p.amount_cents;
    c.cents += p.amount_cents;
    c.count += 1;
    by.set(p.client_id, c);
  }
  return [...by]
    .map(([client_id, c]) => ({
      client_id,
      name: c.name,
      average_days_late_tenths: mulDiv(c.weighted, 10, c.cents),
      collected_cents: c.cents,
      payments: c.count,
    }))
    .sort(
      (a, b) =>
        b.average_days_late_tenths - a.average_days_late_tenths ||
        b.collected_cents - a.collected_cents ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}
