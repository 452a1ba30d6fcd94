import { isFeeShortfall, type MatchThresholds } from "./thresholds.js";
import type { OpenInvoice } from "./types.js";

/** A set of one client's invoices whose balances add up to the line (exactly, or short by bank fees). */
export interface GroupedHit {
  invoices: OpenInvoice[];
  sum: number;
}

function byDue(a: OpenInvoice, b: OpenInvoice): number {
  return a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0;
}

/**
 * The invoices searched: those the text names, then the client's oldest open invoices and those due nearest the
 * booking date (a client pays its arrears, or a period's invoices), `groupPool` in all.
 */
function poolOf(invoices: OpenInvoice[], named: OpenInvoice[], booking: string, size: number): OpenInvoice[] {
  const ids = new Set(named.map((i) => i.id));
  const rest = invoices.filter((i) => !ids.has(i.id)).sort(byDue);
  const half = Math.max(0, Math.floor((size - named.length) / 2));
  const oldest = rest.slice(0, half);
  let at = rest.findIndex((i) => i.due_date > booking);
  if (at < 0) at = rest.length;
  const recent = rest.slice(Math.max(half, at - (size - named.length - half)), Math.max(half, at));
  const pool = [...new Map([...named, ...oldest, ...recent].map((i) => [i.id, i])).values()];
  return pool.slice(0, Math.max(size, named.length));
}

/**
 * Subsets of 2 to `groupMaxInvoices` invoices of one client whose balances add up to `amount` or exceed it by bank
 * fees only: the named invoices together first, then a depth-first search over the pool's balances in decreasing
 * order, pruned when the remaining balances cannot reach the amount or the sum already exceeds it, stopped after
 * `groupMaxSteps` steps. Exact sums come before sums short by fees; at most `limit` of each (two are enough to
 * know it is ambiguous).
 */
export function groupedPayments(
  invoices: OpenInvoice[],
  amount: number,
  t: MatchThresholds,
  named: OpenInvoice[] = [],
  booking = "9999-12-31",
  limit = 3,
): GroupedHit[] {
  const exact: GroupedHit[] = [];
  const fees: GroupedHit[] = [];
  const key = (h: OpenInvoice[]) =>
    h
      .map((i) => i.id)
      .sort()
      .join(",");
  const seen = new Set<string>();
  const add = (set: OpenInvoice[], sum: number): void => {
    const k = key(set);
    if (seen.has(k)) return;
    seen.add(k);
    if (sum === amount && exact.length < limit) exact.push({ invoices: [...set], sum });
    else if (sum !== amount && fees.length < limit) fees.push({ invoices: [...set], sum });
  };
  const namedSum = named.reduce((s, i) => s + i.balance_cents, 0);
  if (named.length >= 2 && (namedSum === amount || isFeeShortfall(amount, namedSum, t))) add(named, namedSum);

  const pool = poolOf(invoices, named, booking, t.groupPool).sort(
    (a, b) => b.balance_cents - a.balance_cents,
  );
  if (pool.length < 2) return [...exact, ...fees];
  const upper = amount + t.feeMaxCents;
  const suffix: number[] = new Array(pool.length + 1).fill(0);
  for (let i = pool.length - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] ?? 0) + (pool[i]?.balance_cents ?? 0);
  const chosen: OpenInvoice[] = [];
  let steps = 0;
  const visit = (start: number, sum: number): void => {
    if (exact.length >= limit || steps++ > t.groupMaxSteps) return;
    if (chosen.length >= 2 && (sum === amount || isFeeShortfall(amount, sum, t))) add(chosen, sum);
    if (chosen.length >= t.groupMaxInvoices) return;
    for (let i = start; i < pool.length; i++) {
      const inv = pool[i];
      if (inv === undefined) break;
      if (sum + (suffix[i] ?? 0) < amount) return; // even all the rest would not reach the amount
      if (sum + inv.balance_cents > upper) continue;
      chosen.push(inv);
      visit(i + 1, sum + inv.balance_cents);
      chosen.pop();
    }
  };
  visit(0, 0);
  return [...exact, ...fees];
}
