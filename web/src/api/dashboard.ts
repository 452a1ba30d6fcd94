import { http } from "./client";

export type AgingBucket = "not_due" | "1_30" | "31_60" | "61_90" | "over_90";

export interface TodayAction {
  kind: string;
  title: string;
  client_id: string | null;
  client: string | null;
  invoice_id: string | null;
  number: string | null;
  amount_cents: number | null;
  due_on: string | null;
  /** kind `declared_payment`: the payment declared on the portal, to confirm or reject. */
  payment_id: string | null;
}

export interface Dashboard {
  today: string;
  outstanding_cents: number;
  overdue_cents: number;
  due_this_week_cents: number;
  collected_this_month_cents: number;
  aging: { bucket: AgingBucket; cents: number; count: number }[];
  dso_days: number | null;
  late_clients: { client_id: string; name: string; overdue_cents: number; max_days_late: number }[];
  today_actions: TodayAction[];
  counts: { clients: number; invoices: number };
}

export const getDashboard = () => http.get<Dashboard>("/dashboard");
export const dashboardKey = ["dashboard"] as const;
