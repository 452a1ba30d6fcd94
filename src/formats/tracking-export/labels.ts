import type { Locale } from "../../core/messages.js";

/** Column keys of the "Suivi" sheet, in order. */
export const TRACKING_COLUMNS = [
  "client",
  "number",
  "issue_date",
  "due_date",
  "total",
  "paid",
  "balance",
  "days_late",
  "stage",
  "last_action",
  "next_action",
] as const;

export type TrackingColumn = (typeof TRACKING_COLUMNS)[number];

export interface TrackingLabels {
  trackingSheet: string;
  summarySheet: string;
  columns: Record<TrackingColumn, string>;
  /** "Situation au {date}" */
  asOf: (date: string) => string;
  bucket: string;
  count: string;
  balance: string;
  total: string;
}

export const TRACKING_LABELS: Readonly<Record<Locale, TrackingLabels>> = {
  fr: {
    trackingSheet: "Suivi",
    summarySheet: "Synthèse",
    columns: {
      client: "Client",
      number: "Numéro",
      issue_date: "Date d'émission",
      due_date: "Échéance",
      total: "Montant TTC",
      paid: "Payé",
      balance: "Solde",
      days_late: "Jours de retard",
      stage: "Étape",
      last_action: "Dernière action",
      next_action: "Prochaine action",
    },
    asOf: (date) => `Situation au ${date}`,
    bucket: "Ancienneté",
    count: "Nombre de factures",
    balance: "Solde",
    total: "Total",
  },
  en: {
    trackingSheet: "Tracking",
    summarySheet: "Summary",
    columns: {
      client: "Client",
      number: "Number",
      issue_date: "Issue date",
      due_date: "Due date",
      total: "Amount incl. VAT",
      paid: "Paid",
      balance: "Balance",
      days_late: "Days late",
      stage: "Stage",
      last_action: "Last action",
      next_action: "Next action",
    },
    asOf: (date) => `Position as of ${date}`,
    bucket: "Age",
    count: "Invoices",
    balance: "Balance",
    total: "Total",
  },
};
