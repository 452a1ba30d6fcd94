import { http } from "./client";

/** Judicial recovery (recouvrement judiciaire, docs/recovery.md): the litigation view, cases and procedures. */
export type RecoveryStage = "review" | "small_claims" | "injunction" | "handed_over" | "closed";
export type RecoveryOutcome = "paid" | "settled" | "written_off";
export type ProcedureKind = "small_claims" | "injunction" | "bailiff" | "lawyer";
export type EvidenceStatus = "present" | "incomplete" | "missing";
export type EvidenceKey = "invoices" | "agreement" | "delivery" | "reminders" | "formal_notice";
/** The procedures the law engine assesses (core/law/eligibility.ts). */
export type EligibilityProcedure =
  | "small_claims"
  | "injonction_de_payer"
  | "european_order_for_payment"
  | "lawyer_required"
  | "uncontested_commercial_claims";
export type ZipVariant = "injunction" | "small_claims" | "handover";

export const RECOVERY_OUTCOMES: readonly RecoveryOutcome[] = ["paid", "settled", "written_off"];

/** The dates of each kind of procedure, in their order (core/recovery/steps.ts). */
export const STEP_DATES = {
  small_claims: ["sent_on", "debtor_invited_on", "accepted_on", "refused_on", "title_on"],
  injunction: ["filed_on", "order_on", "served_on", "enforceable_on"],
  bailiff: ["mandate_on"],
  lawyer: ["mandate_on"],
} as const satisfies Record<ProcedureKind, readonly string[]>;
export type StepDate = (typeof STEP_DATES)[ProcedureKind][number];

/** The deadlines the server computes from the dates. */
export const DEADLINES = {
  small_claims: ["deadline_on"],
  injunction: ["service_deadline_on", "opposition_deadline_on"],
  bailiff: [],
  lawyer: [],
} as const satisfies Record<ProcedureKind, readonly string[]>;
export type Deadline = "deadline_on" | "service_deadline_on" | "opposition_deadline_on";

export interface Message {
  code: string;
  message: string;
}

export interface LitigationInvoice {
  id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  balance_cents: number;
  interest_cents: number;
  indemnity_cents: number;
  total_claim_cents: number;
  /** The last day to act; null while a mediation suspends it. */
  prescription_date: string | null;
  prescription_basis: string;
  prescription_years: number;
  prescribed: boolean;
}

export interface Eligibility {
  procedure: EligibilityProcedure;
  eligible: boolean;
  reason: Message;
  court: string | null;
  cerfa: string | null;
  article: string;
  notes: Message[];
}

export interface EvidenceItem {
  key: EvidenceKey;
  status: EvidenceStatus;
  importance: "required" | "recommended";
  count: number;
  label: string;
  detail: string;
  why: string;
}

export interface LitigationView {
  client: { id: string; name: string; kind: string; country: string; address: string[] };
  as_of: string;
  creditor_is_merchant: boolean;
  amounts: { principal_cents: number; interest_cents: number; indemnity_cents: number; total_cents: number };
  invoices: LitigationInvoice[];
  prescribed: LitigationInvoice[];
  /** Owed but disputed: left out of a new case until the dispute is settled. */
  disputed: { id: string; number: string; balance_cents: number }[];
  failures: { invoice_id: string; number: string; code: string; message: string }[];
  prescription_date: string | null;
  procedures: Eligibility[];
  court: {
    court: string;
    cerfa: string;
    name: string;
    known: boolean;
    seat_city: string | null;
    cour_d_appel: string | null;
    basis: string;
    warnings: Message[];
  };
  evidence: EvidenceItem[];
  evidence_missing: EvidenceKey[];
  /** Why a case cannot be opened (everything prescribed, nothing owed); null when it can. */
  refusal: Message | null;
  open_case_id: string | null;
}

export interface RecoveryProcedure extends Record<StepDate | Deadline, string | null> {
  id: string;
  kind: ProcedureKind;
  court_name: string | null;
  court_address: string | null;
  mandatee_name: string | null;
  mandatee_firm: string | null;
  mandatee_email: string | null;
  outcome: string | null;
  fees_cents: number;
  notes: string | null;
  status: string;
  /** Already in the request's language. */
  status_label: string;
  next: { date: string; message: string } | null;
}

export interface RecoveryCase {
  id: string;
  client_id: string;
  stage: RecoveryStage;
  outcome: RecoveryOutcome | null;
  opened_on: string;
  closed_on: string | null;
  close_note: string | null;
  costs_cents: number;
  invoice_ids: string[];
  procedures: RecoveryProcedure[];
  /** The litigation view of the case's invoices, as of today. */
  view: LitigationView;
}

export interface RecoveryCaseSummary {
  id: string;
  client_id: string;
  client_name: string;
  stage: RecoveryStage;
  outcome: RecoveryOutcome | null;
  opened_on: string;
  closed_on: string | null;
  costs_cents: number;
}

/** What PATCH /recovery-procedures/:id and POST …/procedures take (null clears a field). */
export type ProcedureFields = Partial<
  Record<
    | StepDate
    | "court_name"
    | "court_address"
    | "mandatee_name"
    | "mandatee_firm"
    | "mandatee_email"
    | "outcome"
    | "notes",
    string | null
  >
> & { fees_cents?: number };

export interface HandOverInput {
  to: "bailiff" | "lawyer";
  mandatee_name: string;
  mandatee_firm?: string | null;
  mandatee_email?: string | null;
  mandate_on?: string;
  fees_cents?: number;
}

const recoveryCase = (id: string) => `/recovery-cases/${encodeURIComponent(id)}`;

export const litigationKey = (clientId: string) => ["recovery", "litigation", clientId] as const;
export const casesKey = (clientId: string) => ["recovery", "cases", clientId] as const;
export const caseKey = (id: string) => ["recovery", "case", id] as const;

export const getLitigation = (clientId: string) =>
  http.get<LitigationView>(`/clients/${encodeURIComponent(clientId)}/litigation`);
export const listCases = (clientId: string) =>
  http.get<{ data: RecoveryCaseSummary[] }>("/recovery-cases", { client_id: clientId });
export const getCase = (id: string) => http.get<RecoveryCase>(recoveryCase(id));
export const openCase = (clientId: string) =>
  http.post<RecoveryCase>("/recovery-cases", { client_id: clientId });
export const addProcedure = (caseId: string, body: ProcedureFields & { kind: ProcedureKind }) =>
  http.post<RecoveryCase>(`${recoveryCase(caseId)}/procedures`, body);
export const updateProcedure = (id: string, body: ProcedureFields) =>
  http.patch<RecoveryCase>(`/recovery-procedures/${encodeURIComponent(id)}`, body);
export const handOver = (caseId: string, body: HandOverInput) =>
  http.post<RecoveryCase>(`${recoveryCase(caseId)}/hand-over`, body);
export const closeCase = (caseId: string, body: { outcome: RecoveryOutcome; note?: string }) =>
  http.post<RecoveryCase>(`${recoveryCase(caseId)}/close`, body);

/** The file as a ZIP (main document(s), bordereau, numbered pieces): downloaded with the session's cookie. */
export const caseZipUrl = (id: string, variant: ZipVariant) =>
  `/api/v1${recoveryCase(id)}/file.zip?variant=${variant}`;
export type CasePdf = "requete" | "small-claims" | "bordereau" | "summary";
export const casePdfUrl = (id: string, pdf: CasePdf) => `/api/v1${recoveryCase(id)}/${pdf}.pdf`;
