/**
 * Prescription (limitation period) of an unpaid invoice — LAW.md §8. Pure: the caller gives the dates.
 *
 * Conventions chosen (and why):
 * - **Start**: the due date, the first day the creditor could claim payment (Code civil 2224: « à compter du jour
 *   où le titulaire d'un droit a connu ou aurait dû connaître les faits »; for an invoice, its due date).
 * - **End**: a period of N years ends on the same calendar day N years later (CPC 641 counting, applied to
 *   prescription by the Cour de cassation); when that day does not exist (29 February → common year) it is the
 *   last day of the month, 28 February. Prescription is acquired once that last day is over (Code civil 2229:
 *   « acquise lorsque le dernier jour du terme est accompli »): `date` is **the last day on which the creditor can
 *   still act**; the claim is prescribed from the next day. A period ending on a Saturday, Sunday or holiday is
 *   **not** extended (CPC 642 is about procedural deadlines; not extending gives the earlier, safer date).
 * - **Interruptions** (acknowledgement by the debtor 2240, court claim 2241, enforcement act 2244) start a new
 *   period of the same length from their date (2231). An event after the claim is already prescribed has no
 *   effect (an acknowledgement then may at most be a waiver, 2250–2251, which we do not infer). A court claim in
 *   fact interrupts until the proceedings end (2242); we restart on the claim date, the earliest, safest date.
 * - **Mediation** (2238) suspends: the period stops at the start and resumes at the end with what was left, and
 *   at least 6 months.
 * - **Long stop** (2232): 20 years from the due date cap every extension, except those from a court claim (2241
 *   first paragraph) or an enforcement act (2244), which 2232 second paragraph excludes.
 * - A reminder, a formal notice (mise en demeure, Cass. com. 18/05/2022 n° 20-23.204) or an LRAR do **not**
 *   interrupt prescription between private persons, hence no such input.
 * - **Public debtors**: LAW.md is silent; a claim against the State, a local authority or a public
 *   establishment lapses under the déchéance quadriennale (loi n° 68-1250 du 31/12/1968): 4 years from 1 January
 *   of the year after the due date, ending on 31 December; an interruption restarts it on 1 January of the
 *   following year, and any written claim to the administration interrupts it. Shipped with a warning to verify.
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatDate,
  maxDate,
  type PlainDate,
  Temporal,
} from "../calendar.js";
import type { Locale } from "../messages.js";
import type { Debtor, LawWarning } from "./terms.js";

export type InterruptionKind =
  | "acknowledgement"
  | "court_claim"
  | "enforcement"
  | "mediation_start"
  | "mediation_end";

export interface PrescriptionEvent {
  date: PlainDate;
  kind: InterruptionKind;
}

export interface PrescriptionInput {
  due: PlainDate;
  debtor: Debtor;
  interruptions: readonly PrescriptionEvent[];
  /** Language of the dates in the warnings' parameters. */
  locale?: Locale;
}

export interface Prescription {
  /** Last day on which the creditor can still act; `null` while a mediation is running (suspended). */
  date: PlainDate | null;
  years: number;
  /** The article the period comes from. */
  basis: string;
  /** 20 years after the due date (2232). */
  long_stop: PlainDate;
  suspended: boolean;
  warnings: LawWarning[];
}

export const LONG_STOP_YEARS = 20;
export const MEDIATION_MINIMUM_MONTHS = 6;

const PERIODS: Record<Debtor, { years: number; basis: string }> = {
  business: { years: 5, basis: "L110-4 C. com." },
  consumer: { years: 2, basis: "L218-2 C. conso." },
  public: { years: 4, basis: "loi n° 68-1250 du 31/12/1968, art. 1" },
};

/** Processing order for events on the same day: a mediation ends, then interruptions, then one starts. */
const ORDER: Record<InterruptionKind, number> = {
  mediation_end: 0,
  acknowledgement: 1,
  court_claim: 1,
  enforcement: 1,
  mediation_start: 2,
};

function addYears(d: PlainDate, years: number): PlainDate {
  return d.add({ years }, { overflow: "constrain" });
}

/** The end of a full period running from `from` (public debtors: from 1 January of the next year, to 31 December). */
function periodEnd(debtor: Debtor, from: PlainDate, years: number): PlainDate {
  if (debtor === "public") return new Temporal.PlainDate(from.year + years, 12, 31);
  return addYears(from, years);
}

export function prescriptionDate(input: PrescriptionInput): Prescription {
  const { due, debtor } = input;
  const { years, basis } = PERIODS[debtor];
  const warnings: LawWarning[] = [];
  const fmt = (d: PlainDate) => formatDate(d, input.locale ?? "fr");
  const longStop = addYears(due, LONG_STOP_YEARS);
  let end = periodEnd(debtor, due, years);
  let suspendedAt: PlainDate | null = null;
  let remainingDays = 0;
  let longStopExcluded = false;

  const events = [...input.interruptions].sort(
    (a, b) => compareDates(a.date, b.date) || ORDER[a.kind] - ORDER[b.kind],
  );
  for (const event of events) {
    const date = fmt(event.date);
    if (compareDates(event.date, due) < 0) {
      warnings.push({ code: "prescription.event_before_due", params: { date, kind: event.kind } });
      continue;
    }
    if (event.kind === "mediation_end") {
      if (suspendedAt === null) {
        warnings.push({ code: "prescription.mediation_end_without_start", params: { date } });
        continue;
      }
      end = maxDate(addDays(event.date, remainingDays), addMonths(event.date, MEDIATION_MINIMUM_MONTHS));
      suspendedAt = null;
      continue;
    }
    if (suspendedAt === null && compareDates(event.date, end) > 0) {
      warnings.push({ code: "prescription.event_after_expiry", params: { date, kind: event.kind } });
      continue;
    }
    if (event.kind === "mediation_start") {
      if (suspendedAt !== null) continue; // already suspended
      suspendedAt = event.date;
      remainingDays = daysBetween(event.date, end);
      continue;
    }
    // an interruption: a new full period from its date (from 1 January of the next year for public debtors)
    end = periodEnd(debtor, event.date, years);
    if (suspendedAt !== null) {
      suspendedAt = event.date;
      remainingDays = daysBetween(event.date, end);
    }
    if (event.kind === "court_claim") {
      longStopExcluded = true;
      warnings.push({ code: "prescription.court_claim", params: { date } });
    }
    if (event.kind === "enforcement") longStopExcluded = true;
  }

  if (debtor === "public") warnings.push({ code: "prescription.public_unconfirmed", params: {} });
  if (suspendedAt !== null) {
    warnings.push({ code: "prescription.suspended", params: { since: fmt(suspendedAt) } });
    return { date: null, years, basis, long_stop: longStop, suspended: true, warnings };
  }
  if (!longStopExcluded && compareDates(end, longStop) > 0) {
    end = longStop;
    warnings.push({ code: "prescription.long_stop", params: { date: fmt(longStop) } });
  }
  return { date: end, years, basis, long_stop: longStop, suspended: false, warnings };
}

export interface PrescriptionAlert<T> {
  item: T;
  /** Days from today to the last day to act; negative once prescribed. */
  days_left: number;
  prescribed: boolean;
}

/**
 * The items whose prescription date is within `withinDays` of today, already prescribed ones included (flagged),
 * soonest first. Items without a date (suspended) are left out.
 */
export function dueForPrescriptionSoon<T extends { date: PlainDate | null }>(
  items: readonly T[],
  today: PlainDate,
  withinDays = 90,
): PrescriptionAlert<T>[] {
  const alerts: PrescriptionAlert<T>[] = [];
  for (const item of items) {
    if (item.date === null) continue;
    const daysLeft = daysBetween(today, item.date);
    if (daysLeft <= withinDays) alerts.push({ item, days_left: daysLeft, prescribed: daysLeft < 0 });
  }
  return alerts.sort((a, b) => a.days_left - b.days_left);
}
