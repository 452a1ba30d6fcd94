/** The thresholds of bank-line matching (docs/matching.md: tuned on the synthetic evaluation). */
export interface MatchThresholds {
  /** A candidate is applied without asking from this score, if it is also unambiguous (match-line.ts). */
  auto: number;
  /** A candidate is proposed for confirmation from this score. */
  proposed: number;
  /** The best candidate is ambiguous when the second scores within this margin. */
  margin: number;
  /** Bank fees: a line short of the invoice by at most this many cents… */
  feeMaxCents: number;
  /** …and at most this share of the invoice, in basis points (100 = 1 %). */
  feeMaxBasisPoints: number;
  /** Grouped payments: at most this many invoices in one payment… */
  groupMaxInvoices: number;
  /** …taken among the client's this many oldest open invoices (by due date)… */
  groupPool: number;
  /** …with at most this many steps of search per client. */
  groupMaxSteps: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = {
  auto: 90,
  proposed: 50,
  margin: 10,
  feeMaxCents: 1500,
  feeMaxBasisPoints: 100,
  groupMaxInvoices: 6,
  groupPool: 14,
  groupMaxSteps: 20_000,
};

/** Whether `received` is short of `owed` by bank fees only (0 < shortfall ≤ the caps). */
export function isFeeShortfall(received: number, owed: number, t: MatchThresholds): boolean {
  const shortfall = owed - received;
  return shortfall > 0 && shortfall <= t.feeMaxCents && shortfall * 10_000 <= owed * t.feeMaxBasisPoints;
}
