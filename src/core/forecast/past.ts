import { addDays, compareDates, type PlainDate } from "../calendar.js";
import { addCents, type Cents, cents, ZERO } from "../money.js";
import { forecastCash } from "./forecast.js";
import { type ForecastLedger, ledgerSnapshot } from "./ledger.js";
import { mondayOf } from "./weeks.js";

export interface PastWeek {
  start: PlainDate;
  end: PlainDate;
  /** What the forecast made on that Monday, knowing the ledger up to the Sunday before, expected for its week. */
  expected_cents: Cents;
  /** The payments received that week (confirmed, by their date). */
  actual_cents: Cents;
}

/**
 * Forecast against actual for the `count` weeks before `asOf`'s week, oldest first: each week's forecast is
 * replayed at its Monday from what was known the day before (ledgerSnapshot), its first week compared with the
 * cash actually received.
 */
export function pastWeeks(
  ledger: ForecastLedger,
  receipts: readonly { date: PlainDate; amount_cents: number }[],
  asOf: PlainDate,
  count: number,
): PastWeek[] {
  const thisMonday = mondayOf(asOf);
  const out: PastWeek[] = [];
  for (let k = count; k >= 1; k--) {
    const start = addDays(thisMonday, -7 * k);
    const end = addDays(start, 6);
    const snap = ledgerSnapshot(ledger, addDays(start, -1), start);
    const f = forecastCash({ asOf: start, weeks: 1, items: snap.items, delays: snap.delays });
    let actual: Cents = ZERO;
    for (const r of receipts)
      if (compareDates(r.date, start) >= 0 && compareDates(r.date, end) <= 0)
        actual = addCents(actual, cents(r.amount_cents));
    out.push({ start, end, expected_cents: f.weeks[0]?.expected_cents ?? ZERO, actual_cents: actual });
  }
  return out;
}
