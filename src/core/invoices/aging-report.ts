import { compareDates, type PlainDate } from "../calendar.js";
import { type AgingBucket, agingBucket } from "./balance.js";

/**
 * The aging balance (balance âgée) as of a day: each invoice's balance on that day — payments and credit notes
 * (avoirs) dated on or before it, nothing after — bucketed by days past due on that day, summed per client and in
 * total. Integer cents throughout.
 *
 * - An invoice issued after `asOf` is left out; one without an issue date is counted (its date is unknown).
 * - An invoice whose balance on `asOf` is zero or less (paid by then, or overpaid) is left out.
 * - Cancelled and written-off invoices are left out by the caller (they carry no date of the decision: they are
 *   not claimed, whatever the day). Credit notes are not invoices here: they reduce the invoice they credit.
 * - Due on `asOf` is not due yet (core/invoices/balance.ts agingBucket).
 */

export interface AgingInvoice {
  id: string;
  client_id: string;
  client_name: string;
  issue_date: PlainDate | null;
  due_date: PlainDate;
  total_cents: number;
}

/** A payment allocation or a credit note applied to an invoice, as a positive amount on its date. */
export interface AgingMovement {
  invoice_id: string;
  date: PlainDate;
  amount_cents: number;
}

export type AgingAmounts = Record<AgingBucket, number> & { total: number };

export interface AgingClientRow extends AgingAmounts {
  client_id: string;
  name: string;
  /** The invoices counted (balance > 0 on `asOf`). */
  invoices: number;
}

export interface AgingReport {
  rows: AgingClientRow[];
  total: AgingAmounts & { invoices: number };
}

function zero(): AgingAmounts {
  return { not_due: 0, d1_30: 0, d31_60: 0, d61_90: 0, over_90: 0, total: 0 };
}

/** Rows by client name (then id), clients with nothing owed on `asOf` left out. */
export function agingReport(
  invoices: readonly AgingInvoice[],
  movements: readonly AgingMovement[],
  asOf: PlainDate,
): AgingReport {
  const settled = new Map<string, number>();
  for (const m of movements) {
    if (compareDates(m.date, asOf) > 0) continue;
    settled.set(m.invoice_id, (settled.get(m.invoice_id) ?? 0) + m.amount_cents);
  }
  const byClient = new Map<string, AgingClientRow>();
  const total = { ...zero(), invoices: 0 };
  for (const inv of invoices) {
    if (inv.issue_date !== null && compareDates(inv.issue_date, asOf) > 0) continue;
    const balance = inv.total_cents - (settled.get(inv.id) ?? 0);
    if (balance <= 0) continue;
    const bucket = agingBucket(inv.due_date, asOf);
    let row = byClient.get(inv.client_id);
    if (row === undefined) {
      row = { client_id: inv.client_id, name: inv.client_name, invoices: 0, ...zero() };
      byClient.set(inv.client_id, row);
    }
    row[bucket] += balance;
    row.total += balance;
    row.invoices += 1;
    total[bucket] += balance;
    total.total += balance;
    total.invoices += 1;
  }
  const rows = [...byClient.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "fr") || (a.client_id < b.client_id ? -1 : 1),
  );
  return { rows, total };
}
