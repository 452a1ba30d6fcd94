import { compareDates, type PlainDate } from "../calendar.js";
import type { Locale } from "../messages.js";

/** Where an open invoice stands in the tracking document, before any dunning step is known. */
export type TrackingStage = "not_due" | "due_today" | "overdue" | "partially_paid_overdue" | "disputed";

export function trackingStage(
  invoice: { due_date: PlainDate; paid_cents: number; disputed: boolean },
  today: PlainDate,
): TrackingStage {
  if (invoice.disputed) return "disputed";
  const c = compareDates(invoice.due_date, today);
  if (c > 0) return "not_due";
  if (c === 0) return "due_today";
  return invoice.paid_cents > 0 ? "partially_paid_overdue" : "overdue";
}

const LABELS: Record<Locale, Record<TrackingStage, string>> = {
  fr: {
    not_due: "À échoir",
    due_today: "Échéance aujourd'hui",
    overdue: "En retard",
    partially_paid_overdue: "En retard, payée en partie",
    disputed: "En litige",
  },
  en: {
    not_due: "Not yet due",
    due_today: "Due today",
    overdue: "Overdue",
    partially_paid_overdue: "Overdue, partly paid",
    disputed: "Disputed",
  },
};

export function trackingStageLabel(stage: TrackingStage, locale: Locale): string {
  return LABELS[locale][stage];
}
