/**
 * The rates table: ECB main refinancing rate and both taux de l'intérêt légal, by validity period (LAW.md §3).
 * Data, not constants: the seed is `rates-data.ts`, an instance may edit it, so every entry is validated here and
 * a bad table is a problem, never an exception.
 */
import { type PlainDate, parseIsoDate, semesterOf } from "../calendar.js";
import { fail, ok, type Problem, type Result } from "../result.js";

export type RateKind = "ecb_refi" | "legal_individual" | "legal_other";
export const RATE_KINDS: readonly RateKind[] = ["ecb_refi", "legal_individual", "legal_other"];

export interface RateEntry {
  kind: RateKind;
  /** First day of validity, `YYYY-MM-DD`, inclusive. */
  valid_from: string;
  /** Last day of validity, `YYYY-MM-DD`, inclusive. */
  valid_to: string;
  /** Annual rate in basis points: 4.06 % = 406. */
  rate_bp: number;
  /** Where the figure comes from (arrêté, ECB decision…), shown to the user. */
  source: string;
  /** False when no source states the figure: the computation then carries `law.rate_unconfirmed`. */
  confirmed: boolean;
}

/** Bounds of an acceptable rate: −100 % … 1 000 % (the ECB rate could in theory go below zero). */
export const MIN_RATE_BP = -10_000;
export const MAX_RATE_BP = 100_000;

/** "2025-S1" for January–June, "2025-S2" for July–December. */
export function semesterLabel(day: PlainDate): string {
  return semesterOf(day).label;
}

/** "14.50 %" — the neutral display of a rate in message parameters. */
export function formatRateBp(bp: number): string {
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")} %`;
}

function isRateKind(k: unknown): k is RateKind {
  return typeof k === "string" && (RATE_KINDS as readonly string[]).includes(k);
}

/**
 * Checks a whole table: known kinds, real `YYYY-MM-DD` dates, `valid_from ≤ valid_to`, integer rates within
 * bounds, and no two periods of the same kind overlapping. Returns the entries of each kind sorted by start.
 */
export function validateRateEntries(
  entries: readonly RateEntry[],
): Result<ReadonlyMap<RateKind, readonly RateEntry[]>> {
  const byKind = new Map<RateKind, RateEntry[]>(RATE_KINDS.map((k) => [k, []]));
  for (const e of entries) {
    if (!isRateKind(e.kind)) return fail("law.rate_kind_invalid", { value: String(e.kind) });
    for (const value of [e.valid_from, e.valid_to]) {
      if (typeof value !== "string" || !parseIsoDate(value).ok) {
        return fail("law.rate_date_invalid", { value: String(value) });
      }
    }
    if (e.valid_from > e.valid_to) {
      return fail("law.rate_range_inverted", { kind: e.kind, from: e.valid_from, to: e.valid_to });
    }
    if (!Number.isSafeInteger(e.rate_bp) || e.rate_bp < MIN_RATE_BP || e.rate_bp > MAX_RATE_BP) {
      return fail("law.rate_value_invalid", { kind: e.kind, from: e.valid_from, value: String(e.rate_bp) });
    }
    byKind.get(e.kind)?.push(e);
  }
  for (const [kind, list] of byKind) {
    // ISO dates compare as strings.
    list.sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as RateEntry;
      const cur = list[i] as RateEntry;
      if (cur.valid_from <= prev.valid_to) {
        return fail("law.rate_overlap", { kind, first: prev.valid_from, second: cur.valid_from });
      }
    }
  }
  return ok(byKind);
}

/**
 * Rates by kind and day. The constructor never throws: an invalid table keeps its problem in `problem`, and every
 * `rateOn` then answers that problem (use `RateTable.from` to get the problem up front).
 */
export class RateTable {
  readonly problem: Problem | undefined;
  private readonly byKind: ReadonlyMap<RateKind, readonly RateEntry[]>;

  constructor(entries: readonly RateEntry[]) {
    const checked = validateRateEntries(entries);
    if (checked.ok) {
      this.byKind = checked.value;
      this.problem = undefined;
    } else {
      this.byKind = new Map();
      this.problem = checked.problem;
    }
  }

  /** The table, or the problem that makes its entries unusable. */
  static from(entries: readonly RateEntry[]): Result<RateTable> {
    const table = new RateTable(entries);
    return table.problem ? { ok: false, problem: table.problem } : ok(table);
  }

  /** All entries of a kind, sorted by start. */
  entries(kind: RateKind): readonly RateEntry[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The entry in force on `day`, or `law.rate_unknown` `{ kind, semester }` (binary search over sorted periods). */
  rateOn(kind: RateKind, day: PlainDate): Result<RateEntry> {
    if (this.problem) return { ok: false, problem: this.problem };
    const list = this.entries(kind);
    const iso = day.toString();
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = list[mid] as RateEntry;
      if (iso < e.valid_from) hi = mid - 1;
      else if (iso > e.valid_to) lo = mid + 1;
      else return ok(e);
    }
    return fail("law.rate_unknown", { kind, semester: semesterLabel(day) });
  }
}
