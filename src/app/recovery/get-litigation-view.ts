import { formatIsoDate, type PlainDate } from "../../core/calendar.js";
import type { LawWarning } from "../../core/law/terms.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { EvidenceImportance, EvidenceKey, EvidenceStatus } from "../../core/recovery/evidence.js";
import { findOpenRecoveryCase } from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import type { ProcedureDto } from "../law/assess-procedures.js";
import { type CaseFacts, type CaseInvoice, loadCaseFacts } from "./case-facts.js";

export interface MessageDto {
  code: string;
  message: string;
}

export interface LitigationViewDto {
  client: { id: string; name: string; kind: string; country: string; address: string[] };
  as_of: string;
  creditor_is_merchant: boolean;
  amounts: { principal_cents: number; interest_cents: number; indemnity_cents: number; total_cents: number };
  invoices: CaseInvoice[];
  /** Owed but past their prescription date: left out of any procedure. */
  prescribed: CaseInvoice[];
  /** Owed but disputed: left out of a new case until the dispute is settled. */
  disputed: { id: string; number: string; balance_cents: number }[];
  failures: { invoice_id: string; number: string; code: string; message: string }[];
  /** The earliest last day to act among the counted invoices. */
  prescription_date: string | null;
  procedures: ProcedureDto[];
  court: {
    court: string;
    cerfa: string;
    name: string;
    known: boolean;
    seat_city: string | null;
    cour_d_appel: string | null;
    basis: string;
    warnings: MessageDto[];
  };
  evidence: {
    key: EvidenceKey;
    status: EvidenceStatus;
    importance: EvidenceImportance;
    count: number;
    label: string;
    detail: string;
    why: string;
  }[];
  evidence_missing: EvidenceKey[];
  /** Null when a case can be opened; otherwise why not (everything prescribed, nothing owed). */
  refusal: MessageDto | null;
  open_case_id: string | null;
}

const DATE_PARAMS = new Set(["sent", "received", "first", "last", "date"]);

export function worded(locale: Locale, w: LawWarning): MessageDto {
  const params = Object.fromEntries(
    Object.entries(w.params).map(([k, v]) => [
      k,
      DATE_PARAMS.has(k) && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? formatIsoDate(v, locale)
        : v,
    ]),
  );
  return { code: w.code, message: formatMessage(locale, w.code, params) };
}

/** Why a case cannot be opened on these facts (null: it can). */
export function refusalOf(facts: CaseFacts): LawWarning | null {
  const { locale } = facts;
  if (facts.invoices.length > 0) return null;
  const [first] = [...facts.prescribed].sort((a, b) =>
    (a.prescription_date ?? "") < (b.prescription_date ?? "") ? 1 : -1,
  );
  if (first) {
    return {
      code: "recovery.prescribed",
      params: {
        client: facts.client.name,
        n: facts.prescribed.length,
        number: first.number,
        date: first.prescription_date ?? "",
        basis: first.prescription_basis,
        years: first.prescription_years,
        amount: formatEuros(facts.prescribed.reduce((s, i) => s + i.balance_cents, 0) as Cents, locale),
      },
    };
  }
  if (facts.disputed.length > 0)
    return {
      code: "recovery.all_disputed",
      params: { client: facts.client.name, numbers: facts.disputed.map((i) => i.number).join(", ") },
    };
  return { code: "recovery.nothing_owed", params: { client: facts.client.name } };
}

export function presentView(facts: CaseFacts, openCaseId: string | null): LitigationViewDto {
  const { locale, client } = facts;
  const refusal = refusalOf(facts);
  return {
    client: {
      id: client.id,
      name: client.name,
      kind: client.kind,
      country: client.country,
      address: [
        ...(client.address ?? "").split(/\r?\n/),
        [client.postal_code, client.city].filter(Boolean).join(" "),
      ]
        .map((l) => l.trim())
        .filter(Boolean),
    },
    as_of: facts.asOf.toString(),
    creditor_is_merchant: facts.creditorIsMerchant,
    amounts: facts.amounts,
    invoices: facts.invoices,
    prescribed: facts.prescribed,
    disputed: facts.disputed,
    failures: facts.failures,
    prescription_date: facts.prescriptionDate,
    procedures: facts.eligibility.map((p) => ({
      procedure: p.procedure,
      eligible: p.eligible,
      reason: worded(locale, p.reason),
      court: p.court ?? null,
      cerfa: p.cerfa ?? null,
      article: p.article,
      notes: p.notes.map((n) => worded(locale, n)),
    })),
    court: { ...facts.court, warnings: facts.court.warnings.map((w) => worded(locale, w)) },
    evidence: facts.evidence.items.map((i) => ({
      key: i.key,
      status: i.status,
      importance: i.importance,
      count: i.count,
      label: formatMessage(locale, `recovery.evidence.${i.key}`),
      detail: worded(locale, i.detail).message,
      why: worded(locale, i.why).message,
    })),
    evidence_missing: facts.evidence.missing,
    refusal: refusal ? worded(locale, refusal) : null,
    open_case_id: openCaseId,
  };
}

/**
 * The litigation view of a client (docs/recovery.md): the law engine's eligibility, the court from the debtor's
 * type and address, the evidence checklist with what is missing, the prescription date, and the amounts (principal,
 * penalties or interest, 40 € indemnities) of its overdue invoices that are not prescribed.
 */
export async function getLitigationView(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  asOf?: PlainDate;
  locale: Locale;
}): Promise<LitigationViewDto> {
  const facts = await loadCaseFacts(options);
  const open = await findOpenRecoveryCase(options.ctx.db, options.org.id, facts.client.id);
  return presentView(facts, open?.id ?? null);
}
