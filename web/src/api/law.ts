import { http, type Page, request } from "./client";

export type RateKind = "ecb_refi" | "legal_individual" | "legal_other";
export type Debtor = "business" | "consumer" | "public";
export type DayCount = "actual_365" | "actual_actual";
export type PenaltyClause =
  | { kind: "default" }
  | { kind: "fixed"; rate_bp: number }
  | { kind: "ecb_plus"; points_bp: number };

export interface Rate {
  id: string;
  kind: RateKind;
  semester: string;
  valid_from: string;
  valid_to: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
  shared: boolean;
  updated_at: string;
}

export interface ClaimPeriod {
  from: string;
  to: string;
  days: number;
  rate_bp: number;
  base_cents: number;
  amount_cents: number;
  kind: "penalty" | "interest";
}

export interface Claim {
  principal_cents: number;
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  total_claim_cents: number;
  periods: ClaimPeriod[];
  warnings: { code: string; message: string }[];
  clause: string;
  debtor: Debtor;
  due: string;
  as_of: string;
  notice_date: string | null;
  day_count: DayCount;
}

export interface PenaltiesInput {
  principal_cents: number;
  due: string;
  as_of: string;
  clause: PenaltyClause;
  debtor: Debtor;
  notice_date?: string | null;
  payments: { date: string; amount_cents: number }[];
  /** Default: the organization's setting. */
  day_count?: DayCount;
  /** Claimed instead of the 40 € indemnity when higher. */
  proven_costs_cents?: number | null;
}

export const listRates = () => http.get<Page<Rate>>("/rates");
export const setRate = (body: {
  kind: RateKind;
  semester: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
}) => request<Rate>("PUT", "/rates", { body });
export const invoiceClaim = (id: string, asOf?: string) =>
  http.get<Claim>(`/invoices/${encodeURIComponent(id)}/claim`, asOf ? { as_of: asOf } : undefined);
export const computePenalties = (input: PenaltiesInput) => http.post<Claim>("/law/penalties", input);

/** An owed invoice whose last day to act (prescription) is near or past (GET /law/prescription). */
export interface PrescriptionAlert {
  invoice_id: string;
  number: string;
  client_id: string;
  client: string;
  balance_cents: number;
  due_date: string;
  /** The last day on which the creditor can still act. */
  prescription_date: string;
  years: number;
  basis: string;
  prescribed: boolean;
}

/** Invalidated when the timeline records an interruption (TimelinePanel) or a plan is signed (PlansCard). */
export const PRESCRIPTION_KEY = ["prescription"] as const;

export const listPrescriptionAlerts = (withinDays = 90) =>
  http.get<Page<PrescriptionAlert>>("/law/prescription", { within_days: withinDays });

/** "12,5" or "12.50" → 1250 basis points, by reading the digits (never a float); null when not a rate. */
export function percentToBp(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/**
 * A rate as typed in the rates table ("2,40", "-0,50", "3.15 %") → basis points, by reading the digits (never a
 * float). `null` when it is not a rate with at most two decimals.
 */
export function rateTextToBp(text: string): number | null {
  const m = /^\s*([-−]?)\s*(\d{1,4})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] && bp !== 0 ? -bp : bp;
}

/** The rates of one semester, by kind (a kind not known yet is absent). */
export interface SemesterRates {
  semester: string;
  valid_from: string;
  valid_to: string;
  rates: Partial<Record<RateKind, Rate>>;
}

/** The table by semester, newest first. */
export function ratesBySemester(rates: readonly Rate[]): SemesterRates[] {
  const bySemester = new Map<string, SemesterRates>();
  for (const r of rates) {
    let row = bySemester.get(r.semester);
    if (!row) {
      row = { semester: r.semester, valid_from: r.valid_from, valid_to: r.valid_to, rates: {} };
      bySemester.set(r.semester, row);
    }
    row.rates[r.kind] = r;
  }
  return [...bySemester.values()].sort((a, b) =>
    a.semester < b.semester ? 1 : a.semester > b.semester ? -1 : 0,
  );
}

/** 1315 → "13,15 %" (fr, a no-break space before %, so that the sign never wraps alone) / "13.15%" (en). */
export function formatBp(bp: number, lang = "fr"): string {
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(bp);
  const s = `${Math.trunc(abs / 100)}${lang === "en" ? "." : ","}${String(abs % 100).padStart(2, "0")}`;
  return `${sign}${s}${lang === "en" ? "%" : "\u00a0%"}`;
}

/** A mandatory mention missing from an invoice, or one it must not carry; message in the request's language. */
export interface Mention {
  code: string;
  message: string;
  article: string;
}

export interface Compliance {
  compliant: boolean;
  missing: Mention[];
  forbidden: Mention[];
  /** The due date against the legal caps; null without an issue date. */
  term: {
    compliant: boolean;
    /** null for a consumer: no statutory cap. */
    rule: { id: string; days: number; article: string; confirmed: boolean } | null;
    issue_date: string | null;
    due_date: string | null;
    latest_due_date: string | null;
    warnings: { code: string; message: string }[];
  } | null;
}

export const getInvoiceCompliance = (id: string) =>
  http.get<Compliance>(`/invoices/${encodeURIComponent(id)}/compliance`);
