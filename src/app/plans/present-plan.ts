import { toIso } from "../../core/calendar.js";
import type { PaymentPlanState } from "../../db/schema.js";
import type { PlanStatus } from "./plan-status.js";

export interface PlanDto {
  id: string;
  client_id: string;
  client_name: string;
  state: PaymentPlanState;
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
  /** The acknowledgement of debt (PDF document), once generated. */
  document_id: string | null;
  notes: string | null;
  invoices: {
    id: string;
    number: string;
    issue_date: string | null;
    due_date: string;
    total_cents: number;
    balance_cents: number;
    current_balance_cents: number;
  }[];
  installments: {
    id: string;
    position: number;
    due_on: string;
    amount_cents: number;
    paid_cents: number;
    paid_on: string | null;
    state: "pending" | "paid" | "late" | "missed";
  }[];
  created_at: string;
}

export function presentPlan(s: PlanStatus): PlanDto {
  const p = s.plan;
  return {
    id: p.id,
    client_id: p.client_id,
    client_name: p.client_name,
    state: p.state,
    total_cents: p.total_cents,
    paid_cents: s.installments.reduce((sum, i) => sum + i.paid_cents, 0),
    remaining_cents: s.remaining_cents,
    grace_days: p.grace_days,
    frequency: p.frequency,
    created_on: p.created_on,
    signed_on: p.signed_on,
    activated_on: p.activated_on,
    completed_on: p.completed_on,
    broken_on: p.broken_on,
    cancelled_on: p.cancelled_on,
    document_id: p.document_id,
    notes: p.notes,
    invoices: s.invoices.map((i) => ({
      id: i.invoice_id,
      number: i.number,
      issue_date: i.issue_date,
      due_date: i.due_date,
      total_cents: i.total_ttc_cents,
      balance_cents: i.balance_cents,
      current_balance_cents: i.current_balance_cents,
    })),
    installments: s.installments.map((i) => ({
      id: i.id,
      position: i.position,
      due_on: toIso(i.due_on),
      amount_cents: i.amount_cents,
      paid_cents: i.paid_cents,
      paid_on: i.paid_on ? toIso(i.paid_on) : null,
      state: i.state,
    })),
    created_at: p.created_at,
  };
}
