import { http } from "./client";

/** The life of a payment plan (échéancier, docs/plans.md). */
export type PlanState = "draft" | "signed" | "active" | "completed" | "broken" | "cancelled";
export type PlanFrequency = "weekly" | "biweekly" | "monthly";
export type InstallmentState = "pending" | "paid" | "late" | "missed";

export const PLAN_FREQUENCIES: readonly PlanFrequency[] = ["monthly", "biweekly", "weekly"];
/** The most installments a plan may have (core/plans/schedule.ts). */
export const MAX_INSTALLMENTS = 36;
export const MAX_GRACE_DAYS = 60;
export const DEFAULT_GRACE_DAYS = 5;
/** A plan not finished: its invoices cannot go into another one. */
export const UNFINISHED_PLAN_STATES: ReadonlySet<PlanState> = new Set(["draft", "signed", "active"]);

export interface PlanInstallment {
  id: string;
  position: number;
  due_on: string;
  amount_cents: number;
  paid_cents: number;
  paid_on: string | null;
  state: InstallmentState;
}

export interface Plan {
  id: string;
  client_id: string;
  client_name: string;
  state: PlanState;
  total_cents: number;
  /** Paid on the installments so far. */
  paid_cents: number;
  /** What the plan's invoices still owe. */
  remaining_cents: number;
  grace_days: number;
  frequency: string | null;
  created_on: string;
  signed_on: string | null;
  activated_on: string | null;
  completed_on: string | null;
  broken_on: string | null;
  cancelled_on: string | null;
  /** The acknowledgement of debt (a document of the client), once generated. */
  document_id: string | null;
  notes: string | null;
  invoices: {
    id: string;
    number: string;
    issue_date: string | null;
    due_date: string;
    total_cents: number;
    /** When the plan was made. */
    balance_cents: number;
    current_balance_cents: number;
  }[];
  installments: PlanInstallment[];
  created_at: string;
}

/** A schedule: a count from a first date at a frequency, or custom dates (with amounts, or an even split). */
export interface ScheduleInput {
  client_id: string;
  invoice_ids?: string[];
  count?: number;
  first_on?: string;
  frequency?: PlanFrequency;
  dates?: string[];
  amounts?: number[];
}

export interface PlanInput extends ScheduleInput {
  grace_days?: number;
  notes?: string | null;
}

export interface PlanPreview {
  client_id: string;
  balance_cents: number;
  invoices: { id: string; number: string; due_date: string; balance_cents: number }[];
  installments: { position: number; due_on: string; amount_cents: number }[];
}

const plan = (id: string) => `/plans/${encodeURIComponent(id)}`;

export const plansKey = (clientId: string) => ["plans", { client_id: clientId }] as const;

export const listPlans = (query: { client_id?: string; state?: readonly PlanState[] }) =>
  http.get<{ data: Plan[] }>("/plans", { ...query });
export const getPlan = (id: string) => http.get<Plan>(plan(id));
export const previewPlan = (body: ScheduleInput) => http.post<PlanPreview>("/plans/preview", body);
export const createPlan = (body: PlanInput) => http.post<Plan>("/plans", body);
/** The acknowledgement of debt was signed on `signed_on`: the plan starts (unless `activate: false`). */
export const signPlan = (id: string, body: { signed_on?: string; activate?: boolean }) =>
  http.post<Plan>(`${plan(id)}/sign`, body);
export const cancelPlan = (id: string) => http.post<Plan>(`${plan(id)}/cancel`);

/** The acknowledgement of debt (reconnaissance de dette) PDF: generated and kept the first time it is asked for. */
export const acknowledgementUrl = (id: string) =>
  `/api/v1/plans/${encodeURIComponent(id)}/acknowledgement.pdf`;
