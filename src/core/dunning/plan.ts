/**
 * What the daily run does with one invoice on one day (docs/dunning.md). Pure: the caller gives today, the
 * invoice's place in its sequence and its holds.
 *
 * A step's date is its offset from the due date, but never sooner after the previous step than the sequence's own
 * spacing: when a step fires late (a missed day, an old invoice imported, a letter received later), the next ones
 * keep their distance from it. When several steps are due at once only the latest fires and the others are
 * skipped, except a `never_skip` step (the mise en demeure): it fires, and the steps after it wait their turn.
 */
import {
  addDays,
  civilFromDays,
  compareDates,
  daysFromCivil,
  maxDate,
  type PlainDate,
  Temporal,
} from "../calendar.js";

export type Channel = "email" | "letter" | "registered_letter" | "call" | "task";
export type Tone = "friendly" | "firm" | "formal";

export interface StepDef {
  id: string;
  /** 0, 1, 2… in the order of the sequence. */
  position: number;
  /** Days from the due date: −5 is five days before it. */
  offset_days: number;
  channel: Channel;
  requires_approval: boolean;
  never_skip: boolean;
}

/** The last step that fired (or the day its registered letter was received) and that step's offset. */
export interface Anchor {
  on: PlainDate;
  offset_days: number;
}

/**
 * A hold stops the sequence: a dispute until it is lifted, a promise to pay or a manual pause until a date
 * (inclusive; null: until lifted); a payment plan, a bill of exchange or a recovery case the same way, set and
 * lifted by their own use cases.
 */
export type Hold =
  | { kind: "dispute" }
  | { kind: "promise" | "manual" | "plan" | "bill" | "recovery"; until: PlainDate | null };

export interface InvoiceDunning {
  due: PlainDate;
  balance_cents: number;
  /** The position of the next step to consider. */
  position: number;
  anchor: Anchor | null;
  /** The invoice's and its client's. */
  holds: readonly Hold[];
}

export type Plan =
  /** Nothing is owed any more: the invoice leaves its sequence. */
  | { kind: "settled" }
  /** Every step has fired. */
  | { kind: "finished" }
  /** On hold: look again the day after the hold ends (null: when it is lifted). */
  | { kind: "held"; hold: Hold; look_again_on: PlainDate | null }
  /** The next step is not due yet. */
  | { kind: "wait"; step: StepDef; look_again_on: PlainDate }
  /**
   * `step` fires today; `skipped` were due too but are passed over. `position` and `anchor` are the invoice's new
   * place; `look_again_on` is the next step's date, null when there is none or when `step` awaits approval (the
   * approval dates the anchor).
   */
  | {
      kind: "fire";
      step: StepDef;
      skipped: StepDef[];
      position: number;
      anchor: Anchor;
      look_again_on: PlainDate | null;
    };

/** The earliest offset a step may have: new invoices are first looked at this many days before their due date. */
export const EARLIEST_OFFSET_DAYS = -30;
export const LATEST_OFFSET_DAYS = 365;

/** The first day the run must look at a new invoice: no step can be due before it. */
export function firstLookOn(due: PlainDate): PlainDate {
  return addDays(due, EARLIEST_OFFSET_DAYS);
}

/** The day `step` is due for an invoice due on `due` whose last step fired at `anchor`. */
export function stepDate(step: StepDef, due: PlainDate, anchor: Anchor | null): PlainDate {
  const fromDue = addDays(due, step.offset_days);
  if (!anchor) return fromDue;
  return maxDate(fromDue, addDays(anchor.on, step.offset_days - anchor.offset_days));
}

/** The hold in force on `today`, if any (a dispute first). */
export function activeHold(holds: readonly Hold[], today: PlainDate): Hold | null {
  let found: Extract<Hold, { until: PlainDate | null }> | null = null;
  for (const hold of holds) {
    if (hold.kind === "dispute") return hold;
    if (hold.until !== null && compareDates(hold.until, today) < 0) continue;
    // the longest pause wins: an open-ended one, else the latest end
    if (!found || hold.until === null || (found.until !== null && compareDates(hold.until, found.until) > 0))
      found = hold;
  }
  return found;
}

/** Days since the epoch of a date: the planner compares integers, not Temporal objects (it runs per invoice). */
function day(d: PlainDate): number {
  return daysFromCivil(d.year, d.month, d.day);
}

/** Dates by day number: building a Temporal date is costly and a run's invoices share few next dates. */
const dates = new Map<number, PlainDate>();

function fromDay(n: number): PlainDate {
  let found = dates.get(n);
  if (!found) {
    const [y, m, d] = civilFromDays(n);
    found = new Temporal.PlainDate(y, m, d);
    if (dates.size >= 4096) dates.clear();
    dates.set(n, found);
  }
  return found;
}

/** `steps` sorted by position; positions are 0…n−1. */
export function planInvoice(invoice: InvoiceDunning, steps: readonly StepDef[], today: PlainDate): Plan {
  if (invoice.balance_cents <= 0) return { kind: "settled" };
  const first = steps.findIndex((s) => s.position >= invoice.position);
  if (first < 0) return { kind: "finished" };
  const next = steps[first] as StepDef;
  const hold = invoice.holds.length > 0 ? activeHold(invoice.holds, today) : null;
  if (hold) {
    const until = hold.kind === "dispute" ? null : hold.until;
    return { kind: "held", hold, look_again_on: until ? addDays(until, 1) : null };
  }
  const due = day(invoice.due);
  const now = day(today);
  const anchorDay = invoice.anchor ? day(invoice.anchor.on) : 0;
  const anchorOffset = invoice.anchor?.offset_days ?? 0;
  const at = (s: StepDef, a: boolean, aDay: number, aOffset: number) =>
    a ? Math.max(due + s.offset_days, aDay + s.offset_days - aOffset) : due + s.offset_days;
  const hasAnchor = invoice.anchor !== null;
  // the steps due today, in order; the first never-skip one stops the walk, otherwise the latest due fires
  let fireAt = -1;
  for (let i = first; i < steps.length; i++) {
    const s = steps[i] as StepDef;
    if (at(s, hasAnchor, anchorDay, anchorOffset) > now) break;
    fireAt = i;
    if (s.never_skip) break;
  }
  if (fireAt < 0) {
    return { kind: "wait", step: next, look_again_on: fromDay(at(next, hasAnchor, anchorDay, anchorOffset)) };
  }
  const step = steps[fireAt] as StepDef;
  const following = steps[fireAt + 1];
  return {
    kind: "fire",
    step,
    skipped: steps.slice(first, fireAt),
    position: step.position + 1,
    anchor: { on: today, offset_days: step.offset_days },
    look_again_on:
      following && !step.requires_approval ? fromDay(at(following, true, now, step.offset_days)) : null,
  };
}

/** After an approval or a letter's receipt on `on`: the anchor moves there, and the next step is dated from it. */
export function resumeAfter(
  steps: readonly StepDef[],
  position: number,
  due: PlainDate,
  anchor: Anchor,
): PlainDate | null {
  const following = steps.find((s) => s.position >= position);
  return following ? stepDate(following, due, anchor) : null;
}
