import { isFeeShortfall, type MatchThresholds } from "./thresholds.js";
import type { OpenInvoice } from "./types.js";

/** A set of one client's invoices whose balances add up to the line (exactly, or short by bank fees). */
export interface GroupedHit {
  invoices: OpenInvoice[];
  sum: number;
}

/**
 * Subsets of 2 to `groupMaxInvoices` invoices, among the invoices the text names and the client's oldest open
 * invoices (by due date), `groupPool` in all,
 * whose balances add up to `amount` or exceed it by bank fees only. Depth-first over the balances sorted in
 * decreasing order, pruned when the remaining balances cannot reach the amount or already exceed it, stopped after
 * `groupMaxSteps` steps; at most `limit` hits (two are enough to know it is ambiguous).
 */
export function groupedPayments(
  invoices: OpenInvoice[],
  amount: number,
  t: MatchThresholds,
  named: OpenInvoice[] = [],
  limit = 3,
): GroupedHit[] {
  const ids = new Set(named.map((i) => i.id));
  const rest = invoices
    .filter((i) => !ids.has(i.id))
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0));
  const pool = [...named, ...rest].slice(0, Math.max(t.groupPool, named.length)).sort((a, b) => b.balance_cents - a.balance_cents);
  if (pool.length < 2) return [];
  const upper = amount + t.feeMaxCents;
  const suffix: number[] = new Array(pool.length + 1).fill(0);
  for (let i = pool.length - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] ?? 0) + (pool[i]?.balance_cents ?? 0);
  const hits: GroupedHit[] = [];
  const chosen: OpenInvoice[] = [];
  let steps = 0;
  const visit = (start: number, sum: number): void => {
    if (hits.length >= limit || steps++ > t.groupMaxSteps) return;
    if (chosen.length >= 2 && (sum === amount || isFeeShortfall(amount, sum, t))) {
      hits.push({ invoices: [...chosen], sum });
    }
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
  return hits;
}
