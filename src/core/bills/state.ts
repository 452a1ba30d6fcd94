/**
 * The life of a bill of exchange (lettre de change, docs/bills.md). Drawn (`issued`), it may come back accepted by
 * the drawee (`accepted`: the drawee signed it and is bound by it), be presented for payment (`presented`: handed
 * to the bank around the due date), then be `paid` or return `unpaid` (impayé: escalation resumes). It can be
 * `cancelled` while nothing has been presented. An unpaid bill may still be paid later (re-presented, or paid by
 * the drawee directly).
 */
import { compareDates, type PlainDate } from "../calendar.js";
import { fail, ok, type Result } from "../result.js";

export const BILL_STATES = ["issued", "accepted", "presented", "paid", "unpaid", "cancelled"] as const;
export type BillState = (typeof BILL_STATES)[number];

/** What a user does to a bill, and the state it leads to. */
export const BILL_EVENTS = {
  accept: "accepted",
  present: "presented",
  pay: "paid",
  unpaid: "unpaid",
  cancel: "cancelled",
} as const satisfies Record<string, BillState>;
export type BillEvent = keyof typeof BILL_EVENTS;

const ALLOWED: Readonly<Record<BillState, readonly BillEvent[]>> = {
  issued: ["accept", "present", "pay", "unpaid", "cancel"],
  accepted: ["present", "pay", "unpaid", "cancel"],
  presented: ["pay", "unpaid"],
  unpaid: ["pay"],
  paid: [],
  cancelled: [],
};

/** The events a bill in `state` allows (for the buttons of the web app). */
export function allowedEvents(state: BillState): readonly BillEvent[] {
  return ALLOWED[state];
}

export interface BillDates {
  state: BillState;
  issue_on: PlainDate;
  due_on: PlainDate;
}

/**
 * Whether `event` may happen to the bill on `date` (as of `today`): allowed from its state, dated neither before
 * its issue nor in the future; an unpaid bill is known at its due date at the earliest.
 */
export function checkTransition(
  bill: BillDates,
  event: BillEvent,
  date: PlainDate,
  today: PlainDate,
): Result<BillState> {
  if (!ALLOWED[bill.state].includes(event)) {
    return fail("bill.transition_refused", { from: bill.state, event });
  }
  if (compareDates(date, today) > 0) return fail("bill.date_in_future", { date: date.toString() });
  if (compareDates(date, bill.issue_on) < 0) {
    return fail("bill.date_before_issue", { date: date.toString(), issue: bill.issue_on.toString() });
  }
  if (event === "unpaid" && compareDates(date, bill.due_on) < 0) {
    return fail("bill.unpaid_before_due", { date: date.toString(), due: bill.due_on.toString() });
  }
  return ok(BILL_EVENTS[event]);
}

/**
 * Days after the due date during which the bill's invoices stay held: the bank's answer (paid or returned unpaid)
 * takes a few days. Past them, reminders resume by themselves even if nobody recorded the outcome.
 */
export const BILL_HOLD_GRACE_DAYS = 5;

/** Still waiting for its outcome: its invoices are held. */
export function isLive(state: BillState): boolean {
  return state === "issued" || state === "accepted" || state === "presented";
}
