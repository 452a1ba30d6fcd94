/**
 * Observed payment delays: for each paid invoice, the days from its due date to the payment that settled it
 * (negative when paid early). Quantiles by nearest rank, so a quantile is always an observed whole number of days.
 */

/** Fewer paid invoices than this and a client's own history is not used: the organization's is. */
export const MIN_CLIENT_HISTORY = 3;

/** The quantiles used: the median for the expected date, the quartiles for the band. */
export const LOW_PERCENTILE = 25;
export const MID_PERCENTILE = 50;
export const HIGH_PERCENTILE = 75;

export interface DelayQuantiles {
  low: number;
  mid: number;
  high: number;
}

/** Nearest-rank percentile of an ascending, non-empty list: the smallest value with at least p % at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** The quartiles and median of the delays (ascending); null when the list is empty. */
export function delayQuantiles(sorted: readonly number[]): DelayQuantiles | null {
  if (sorted.length === 0) return null;
  return {
    low: percentile(sorted, LOW_PERCENTILE),
    mid: percentile(sorted, MID_PERCENTILE),
    high: percentile(sorted, HIGH_PERCENTILE),
  };
}

/** The delays at least `lateBy` days (ascending): what is left once an invoice is still unpaid that late. */
export function delaysAtLeast(sorted: readonly number[], lateBy: number): readonly number[] {
  let i = 0;
  while (i < sorted.length && (sorted[i] as number) < lateBy) i++;
  return i === 0 ? sorted : sorted.slice(i);
}

export interface DelayHistory {
  /** Each client's delays, ascending. */
  byClient: ReadonlyMap<string, readonly number[]>;
  /** Every delay of the organization, ascending. */
  all: readonly number[];
}

export function delayHistory(delays: readonly { client_id: string; days: number }[]): DelayHistory {
  const byClient = new Map<string, number[]>();
  const all: number[] = [];
  for (const d of delays) {
    const list = byClient.get(d.client_id) ?? [];
    list.push(d.days);
    byClient.set(d.client_id, list);
    all.push(d.days);
  }
  const asc = (a: number, b: number) => a - b;
  for (const list of byClient.values()) list.sort(asc);
  all.sort(asc);
  return { byClient, all };
}

/** The client's delays with at least MIN_CLIENT_HISTORY of them, else the organization's, else none. */
export function delaysFor(history: DelayHistory, clientId: string): readonly number[] {
  const own = history.byClient.get(clientId);
  return own !== undefined && own.length >= MIN_CLIENT_HISTORY ? own : history.all;
}

/**
 * For an invoice still unpaid `lateBy` days after its due date: the client's delays of at least that many days
 * when there are MIN_CLIENT_HISTORY of them, else the organization's; empty when it is later than every delay seen.
 */
export function delaysLateBy(history: DelayHistory, clientId: string, lateBy: number): readonly number[] {
  const own = delaysAtLeast(history.byClient.get(clientId) ?? [], lateBy);
  return own.length >= MIN_CLIENT_HISTORY ? own : delaysAtLeast(history.all, lateBy);
}
