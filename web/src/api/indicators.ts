import { http } from "./client";

export const COLLECTION_STEPS = [
  "none",
  "reminder_1",
  "reminder_2",
  "final_reminder",
  "call",
  "formal_notice",
  "plan",
  "bill",
  "litigation",
] as const;
export type CollectionStep = (typeof COLLECTION_STEPS)[number];

export interface IndicatorMonth {
  month: string;
  end: string;
  receivables_cents: number;
  current_receivables_cents: number;
  credit_sales_cents: number;
  dso_days: number | null;
  cei_percent: number | null;
  collected_cents: number;
  collected_by_step: Record<CollectionStep, number>;
}

export interface Indicators {
  as_of: string;
  months: IndicatorMonth[];
  slowest_clients: {
    client_id: string;
    name: string;
    average_days_late: number;
    collected_cents: number;
    payments: number;
  }[];
}

export const getIndicators = () => http.get<Indicators>("/indicators");
export const indicatorsKey = ["indicators"] as const;
