import { daysBetween, parseIsoDate, toIso } from "../../core/calendar.js";
import { type CallScript, talkingPoints } from "../../core/calls/talking-points.js";
import type { PaymentScore } from "../../core/clients/payment-score.js";
import { isLocale, type Locale } from "../../core/messages.js";
import { listActions } from "../../db/repositories/actions.js";
import { listCalls, listPromises } from "../../db/repositories/calls.js";
import { findClient, listContacts } from "../../db/repositories/clients.js";
import { listDocuments } from "../../db/repositories/documents.js";
import { listInvoices } from "../../db/repositories/invoices.js";
import type { ClientKind, Organization } from "../../db/schema.js";
import { type ActionDto, presentAction } from "../actions/present-action.js";
import { scoreOf } from "../clients/client-scores.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError, isAppError } from "../errors.js";
import { claimOf } from "../law/claim-for-invoice.js";
import { loadRateTable } from "../law/load-rate-table.js";
import { type CallDto, type PromiseDto, presentCall } from "./present-call.js";
import { toPromiseDto } from "./promise-rules.js";

export interface CallSheetContact {
  id: string;
  name: string | null;
  role: string | null;
  phone: string | null;
  email: string | null;
  is_billing: boolean;
}

export interface CallSheetInvoice {
  id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  balance_cents: number;
  days_late: number;
  disputed: boolean;
  hold_kind: string | null;
  hold_until: string | null;
  /** The law engine's claim as of today (null: it could not be computed, e.g. a semester without a known rate). */
  penalty_cents: number | null;
  indemnity_cents: number | null;
  interest_cents: number | null;
  total_claim_cents: number | null;
}

export interface CallSheetProposal {
  kind: "payment_date" | "plan" | "bill";
  date: string | null;
  text: string;
  /** Where the web app opens it: the client page's plans or bills of exchange. */
  link: string | null;
}

/** The "fiche d'appel": everything to have at hand before calling a client. */
export interface CallSheetDto {
  as_of: string;
  locale: Locale;
  organization: { name: string; phone: string | null; email: string | null };
  client: {
    id: string;
    name: string;
    kind: ClientKind;
    siren: string | null;
    hold_kind: string | null;
    hold_until: string | null;
    hold_reason: string | null;
  };
  /** The billing contact first, then those with a phone. */
  contacts: CallSheetContact[];
  best_phone: { contact_id: string | null; name: string | null; phone: string } | null;
  invoices: CallSheetInvoice[];
  totals: { balance_cents: number; overdue_cents: number; claim_cents: number; extras_cents: number };
  score: PaymentScore;
  script: Omit<CallScript, "proposals"> & { proposals: CallSheetProposal[] };
  history: ActionDto[];
  calls: CallDto[];
  promises: PromiseDto[];
  documents: { id: string; kind: string; filename: string; invoice_id: string | null; created_at: string }[];
}

/**
 * The call sheet of a client as of today: who to call (contacts, best number), what is owed (each open invoice,
 * days late, the law engine's claim), the history (timeline: reminders, calls, promises, disputes; earlier calls and
 * promises), payment behaviour (the score), the documents at hand, the talking points and tone chosen from the
 * behaviour (core/calls/talking-points.ts) and what to propose. In the organization's language unless `locale`.
 */
export async function getCallSheet(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  locale?: Locale;
}): Promise<CallSheetDto> {
  const { ctx, org } = options;
  const locale = options.locale ?? (isLocale(org.locale) ? org.locale : "fr");
  const client = await findClient(ctx.db, org.id, options.clientId);
  if (!client) throw new AppError("not_found", "client.not_found");
  const today = todayFor(ctx, org.time_zone);
  const contactRows = await listContacts(ctx.db, org.id, client.id);
  const contacts = contactRows
    .map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      phone: c.phone,
      email: c.email,
      is_billing: Number(c.is_billing) === 1,
    }))
    .sort((a, b) => rank(a) - rank(b));
  const best = contacts.find((c) => c.phone);
  const phone = best?.phone ?? null;

  const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
  const open = await listInvoices(ctx.db, org.id, {
    today: toIso(today),
    clientId: client.id,
    open: true,
    limit: 10_000,
  });
  const invoices: CallSheetInvoice[] = [];
  for (const invoice of open) {
    if (invoice.kind === "credit_note") continue;
    const balance =
      Number(invoice.total_ttc_cents) - Number(invoice.paid_cents) - Number(invoice.credited_cents);
    const due = parseIsoDate(invoice.due_date);
    const daysLate = due.ok ? Math.max(0, daysBetween(due.value, today)) : 0;
    let claim: {
      penalty_cents: number;
      indemnity_cents: number;
      interest_cents: number;
      total_claim_cents: number;
    } | null = null;
    try {
      claim = await claimOf(ctx, org, invoice, rates, today, locale);
    } catch (error) {
      if (!isAppError(error) || error.code !== "invalid_input") throw error;
    }
    invoices.push({
      id: invoice.id,
      number: invoice.number,
      issue_date: invoice.issue_date,
      due_date: invoice.due_date,
      total_cents: Number(invoice.total_ttc_cents),
      balance_cents: balance,
      days_late: daysLate,
      disputed: Number(invoice.disputed) === 1,
      hold_kind: invoice.hold_kind,
      hold_until: invoice.hold_until,
      penalty_cents: claim?.penalty_cents ?? null,
      indemnity_cents: claim?.indemnity_cents ?? null,
      interest_cents: claim?.interest_cents ?? null,
      total_claim_cents: claim?.total_claim_cents ?? null,
    });
  }
  const balance = invoices.reduce((s, i) => s + i.balance_cents, 0);
  const overdue = invoices.filter((i) => i.days_late > 0);
  const extras = invoices.reduce(
    (s, i) => s + (i.penalty_cents ?? 0) + (i.indemnity_cents ?? 0) + (i.interest_cents ?? 0),
    0,
  );

  const score = await scoreOf(ctx.db, org.id, client.id, today);
  const promiseRows = await listPromises(ctx.db, org.id, { clientId: client.id, limit: 20 });
  const promises = promiseRows.map(toPromiseDto);
  const script = talkingPoints(
    {
      score,
      client_kind: client.kind,
      overdue_invoices: overdue.length,
      balance_cents: balance,
      extras_cents: extras,
      max_days_late: overdue.reduce((m, i) => Math.max(m, i.days_late), 0),
      disputed_invoices: invoices.filter((i) => i.disputed).length,
      open_promises: promises.filter((p) => p.state === "open").length,
      today,
    },
    locale,
  );
  // the steps passed over by the run say nothing to the caller
  const history = (await listActions(ctx.db, org.id, { clientId: client.id, limit: 80 }))
    .filter((a) => a.kind !== "reminder_skipped")
    .slice(0, 40)
    .map(presentAction);
  const calls = (await listCalls(ctx.db, org.id, { clientId: client.id, limit: 20 })).map(presentCall);
  const documents = (await listDocuments(ctx.db, org.id, { clientId: client.id, limit: 50 })).map((d) => ({
    id: d.id,
    kind: d.kind,
    filename: d.filename,
    invoice_id: d.invoice_id,
    created_at: d.created_at,
  }));
  return {
    as_of: toIso(today),
    locale,
    organization: { name: org.name, phone: org.phone, email: org.email },
    client: {
      id: client.id,
      name: client.name,
      kind: client.kind,
      siren: client.siren,
      hold_kind: client.hold_kind,
      hold_until: client.hold_until,
      hold_reason: client.hold_reason,
    },
    contacts,
    best_phone: phone ? { contact_id: best?.id ?? null, name: best?.name ?? null, phone } : null,
    invoices,
    totals: {
      balance_cents: balance,
      overdue_cents: overdue.reduce((s, i) => s + i.balance_cents, 0),
      claim_cents: invoices.reduce((s, i) => s + (i.total_claim_cents ?? i.balance_cents), 0),
      extras_cents: extras,
    },
    score,
    script: {
      ...script,
      proposals: script.proposals.map((p) => ({
        ...p,
        link:
          p.kind === "plan"
            ? `/clients/${client.id}#plans`
            : p.kind === "bill"
              ? `/clients/${client.id}#bills`
              : null,
      })),
    },
    history,
    calls,
    promises,
    documents,
  };
}

/** The billing contact with a phone first, then any contact with a phone, then the billing one, then the others. */
function rank(c: { is_billing: boolean; phone: string | null }): number {
  if (c.phone) return c.is_billing ? 0 : 1;
  return c.is_billing ? 2 : 3;
}
