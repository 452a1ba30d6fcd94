import { type PlainDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { procedureEligibility } from "../../core/law/eligibility.js";
import {
  type InterruptionKind,
  type PrescriptionEvent,
  prescriptionDate,
} from "../../core/law/prescription.js";
import type { Debtor } from "../../core/law/terms.js";
import type { Locale } from "../../core/messages.js";
import { type CourtChoice, chooseCourt } from "../../core/recovery/court.js";
import { type EvidenceChecklist, evidenceChecklist } from "../../core/recovery/evidence.js";
import { findClient } from "../../db/repositories/clients.js";
import { type DocumentView, listDocuments } from "../../db/repositories/documents.js";
import { findInvoice, type InvoiceListItem, listInvoices } from "../../db/repositories/invoices.js";
import { listPrescriptionEvents } from "../../db/repositories/law.js";
import { listSentMessagesOfClient } from "../../db/repositories/recovery.js";
import type { Client, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { letterOf } from "../dunning/present-outbox.js";
import { AppError, isAppError } from "../errors.js";
import { organizationIsMerchant } from "../law/assess-procedures.js";
import { claimOf } from "../law/claim-for-invoice.js";
import { PRESCRIPTION_EVENT_KINDS } from "../law/list-prescription-alerts.js";
import { loadRateTable } from "../law/load-rate-table.js";

/** One invoice of a case: what is owed on it today and until when it can be claimed. */
export interface CaseInvoice {
  id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  /** The principal: what is left to pay. */
  balance_cents: number;
  /** Late-payment penalties (B2B) or interest at the taux légal (consumers). */
  interest_cents: number;
  /** The 40 € indemnity (D441-5), B2B only. */
  indemnity_cents: number;
  total_claim_cents: number;
  /** The last day to act (null: suspended by a mediation). */
  prescription_date: string | null;
  prescription_basis: string;
  prescription_years: number;
  prescribed: boolean;
  /** The invoice's penalty clause (`default`, `fixed:<bp>`, `ecb+<bp>`). */
  penalty_clause: string;
}

export interface CaseFacts {
  org: Organization;
  client: Client;
  asOf: PlainDate;
  locale: Locale;
  creditorIsMerchant: boolean;
  /** Owed and not prescribed: what a procedure can claim. */
  invoices: CaseInvoice[];
  /** Owed but prescribed: left out, with their dates. */
  prescribed: CaseInvoice[];
  /** Owed but disputed (the invoice, or the client as a whole): left out of a new case until the dispute ends. */
  disputed: { id: string; number: string; balance_cents: number }[];
  failures: { invoice_id: string; number: string; code: string; message: string }[];
  documents: DocumentView[];
  reminders: { channel: string; sent_on: string; document_id: string | null }[];
  formalNotices: {
    sent_on: string;
    received_on: string | null;
    number: string | null;
    document_id: string | null;
  }[];
  amounts: { principal_cents: number; interest_cents: number; indemnity_cents: number; total_cents: number };
  eligibility: ReturnType<typeof procedureEligibility>;
  court: CourtChoice;
  evidence: EvidenceChecklist;
  /** The earliest last day to act among the counted invoices. */
  prescriptionDate: string | null;
}

const debtorOf = (kind: string): Debtor => (kind === "consumer" || kind === "public" ? kind : "business");
const owed = (i: InvoiceListItem) =>
  Number(i.total_ttc_cents) - Number(i.paid_cents) - Number(i.credited_cents ?? 0);

/**
 * Everything a litigation view, a procedure or a generated document needs about a client: its overdue invoices
 * (by default every overdue one; a case's own list when given, those still owed), each with its claim as of
 * `asOf` and its prescription date (interruptions read from the timeline as list-prescription-alerts does), the
 * prescribed ones apart; its documents, the reminders and registered letters sent; the eligibility, the court
 * and the evidence checklist.
 */
export async function loadCaseFacts(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  invoiceIds?: readonly string[];
  asOf?: PlainDate;
  locale: Locale;
}): Promise<CaseFacts> {
  const { ctx, org, locale } = options;
  const client = await findClient(ctx.db, org.id, options.clientId);
  if (!client) throw new AppError("not_found", "client.not_found");
  const asOf = options.asOf ?? todayFor(ctx, org.time_zone);
  const today = toIso(asOf);
  let rows: InvoiceListItem[];
  if (options.invoiceIds) {
    rows = [];
    for (const id of options.invoiceIds) {
      const row = await findInvoice(ctx.db, org.id, id);
      if (row && row.client_id === client.id) rows.push(row);
    }
  } else {
    rows = await listInvoices(ctx.db, org.id, { today, clientId: client.id, overdue: true, limit: 100_000 });
  }
  rows = rows.filter(
    (r) => r.kind !== "credit_note" && owed(r) > 0 && r.status !== "cancelled" && r.due_date < today,
  );
  // a procedure is for a debt that is not contested (LAW.md §12): disputed invoices, or all of a client disputing,
  // stay out of a new case (a case's own list, fixed when it opened, is kept as it is)
  const clientDisputes =
    client.hold_kind === "dispute" && (client.hold_until === null || client.hold_until >= today);
  const disputed = options.invoiceIds ? [] : rows.filter((r) => clientDisputes || Number(r.disputed) === 1);
  if (disputed.length > 0) rows = rows.filter((r) => !disputed.includes(r));
  const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
  const events = await listPrescriptionEvents(
    ctx.db,
    org.id,
    rows.map((r) => r.id),
    [client.id],
    PRESCRIPTION_EVENT_KINDS,
  );
  const eventsOf = (invoiceId: string): PrescriptionEvent[] =>
    events
      .filter((e) => e.invoice_id === invoiceId || e.invoice_id === null)
      .flatMap((e) => {
        const d = parseIsoDate(e.occurred_on);
        return d.ok ? [{ date: d.value, kind: e.kind as InterruptionKind }] : [];
      });
  const debtor = debtorOf(client.kind);
  const invoices: CaseInvoice[] = [];
  const prescribed: CaseInvoice[] = [];
  const failures: CaseFacts["failures"] = [];
  for (const row of rows) {
    const due = parseIsoDate(row.due_date);
    if (!due.ok) continue;
    const p = prescriptionDate({ due: due.value, debtor, interruptions: eventsOf(row.id), locale });
    const pDate = p.date ? toIso(p.date) : null;
    const isPrescribed = pDate !== null && pDate < today;
    let claim: { balance: number; interest: number; indemnity: number; total: number };
    try {
      const c = await claimOf(ctx, org, row, rates, asOf, locale);
      claim = {
        balance: c.balance_cents,
        interest: c.penalty_cents + c.interest_cents,
        indemnity: c.indemnity_cents,
        total: c.total_claim_cents,
      };
    } catch (error) {
      if (!isAppError(error) || error.code !== "invalid_input") throw error;
      failures.push({
        invoice_id: row.id,
        number: row.number,
        code: error.messageCode,
        message: error.localized(locale),
      });
      claim = { balance: owed(row), interest: 0, indemnity: 0, total: owed(row) };
    }
    const item: CaseInvoice = {
      id: row.id,
      number: row.number,
      issue_date: row.issue_date,
      due_date: row.due_date,
      total_ttc_cents: Number(row.total_ttc_cents),
      balance_cents: claim.balance,
      interest_cents: claim.interest,
      indemnity_cents: claim.indemnity,
      total_claim_cents: claim.total,
      prescription_date: pDate,
      prescription_basis: p.basis,
      prescription_years: p.years,
      prescribed: isPrescribed,
      penalty_clause: row.penalty_clause,
    };
    (isPrescribed ? prescribed : invoices).push(item);
  }
  invoices.sort((a, b) =>
    a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.number < b.number ? -1 : 1,
  );

  const documents = (await listDocuments(ctx.db, org.id, { clientId: client.id, limit: 10_000 })).reverse();
  const reminders: CaseFacts["reminders"] = [];
  const formalNotices: CaseFacts["formalNotices"] = [];
  for (const m of await listSentMessagesOfClient(ctx.db, org.id, client.id)) {
    const sentOn = m.sent_at ? m.sent_at.slice(0, 10) : m.planned_on;
    if (m.channel === "registered_letter") {
      const letter = letterOf(m);
      formalNotices.push({
        sent_on: letter.sent_on ?? sentOn,
        received_on: letter.received_on,
        number: letter.number,
        document_id: m.document_id,
      });
    } else reminders.push({ channel: m.channel, sent_on: sentOn, document_id: m.document_id });
  }

  const sum = (f: (i: CaseInvoice) => number) => invoices.reduce((s, i) => s + f(i), 0);
  const creditorIsMerchant = organizationIsMerchant(org);
  const eligibility = procedureEligibility({
    creditor: { kind: "business", isMerchant: creditorIsMerchant },
    debtor: {
      kind: client.kind,
      country: client.country,
      ...(client.merchant_status ? { isMerchant: client.merchant_status === "merchant" } : {}),
    },
    claims: invoices.map((i) => ({ principal_cents: i.balance_cents, interest_cents: i.interest_cents })),
    asOf,
    locale,
  });
  const ip = eligibility.find((p) => p.procedure === "injonction_de_payer");
  const betweenMerchants =
    creditorIsMerchant && client.kind === "business" && client.merchant_status === "merchant";
  const court = chooseCourt({
    court: ip?.court ?? (betweenMerchants ? "tribunal_de_commerce" : "tribunal_judiciaire"),
    debtor: { postal_code: client.postal_code, city: client.city, country: client.country },
  });
  const evidence = evidenceChecklist({
    debtor,
    invoices,
    documents,
    reminders,
    formal_notices: formalNotices,
  });
  const dates = invoices.map((i) => i.prescription_date).filter((d): d is string => d !== null);
  return {
    org,
    client,
    asOf,
    locale,
    creditorIsMerchant,
    invoices,
    prescribed,
    disputed: disputed.map((r) => ({ id: r.id, number: r.number, balance_cents: owed(r) })),
    failures,
    documents,
    reminders,
    formalNotices,
    amounts: {
      principal_cents: sum((i) => i.balance_cents),
      interest_cents: sum((i) => i.interest_cents),
      indemnity_cents: sum((i) => i.indemnity_cents),
      total_cents: sum((i) => i.total_claim_cents),
    },
    eligibility,
    court,
    evidence,
    prescriptionDate: dates.length > 0 ? dates.reduce((a, b) => (a < b ? a : b)) : null,
  };
}
