import type { PlainDate } from "../../core/calendar.js";
import { type Procedure, procedureEligibility } from "../../core/law/eligibility.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { findClient } from "../../db/repositories/clients.js";
import { listInvoices } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError, isAppError } from "../errors.js";
import { claimOf } from "./claim-for-invoice.js";
import { loadRateTable } from "./load-rate-table.js";

export interface ProcedureDto {
  procedure: Procedure;
  /** For `lawyer_required`: whether a lawyer is required. */
  eligible: boolean;
  reason: { code: string; message: string };
  court: string | null;
  cerfa: string | null;
  article: string;
  notes: { code: string; message: string }[];
}

export interface ClientProceduresDto {
  client: { id: string; name: string; kind: string; country: string };
  as_of: string;
  /** The creditor (the organization) taken as a merchant (commerçant): decides the court with a merchant debtor. */
  creditor_is_merchant: boolean;
  /** The overdue invoices counted, principal = balance, interest = penalties + interest (the 40 € indemnity aside). */
  invoices: {
    invoice_id: string;
    number: string;
    due_date: string;
    principal_cents: number;
    interest_cents: number;
  }[];
  /** Invoices whose claim could not be computed (a semester without a known rate…), not counted. */
  failures: { invoice_id: string; number: string; code: string; message: string }[];
  principal_cents: number;
  interest_cents: number;
  total_cents: number;
  procedures: ProcedureDto[];
}

export interface AssessProceduresOptions {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  asOf?: PlainDate;
  locale: Locale;
}

/** Legal forms that are not merchants (commerçants): civil companies, associations, liberal professions, craftsmen. */
const NON_MERCHANT = /\b(association|asso|sci|scm|scp|civile?|lib[ée]ral(e)?|artisan|profession)\b/i;

/**
 * Whether the organization is a merchant. Relance does not ask: a merchant unless its legal form names a civil or
 * non-commercial one (SCI, SCM, SCP, association, « société civile », profession libérale, artisan).
 */
export function organizationIsMerchant(org: Organization): boolean {
  return !NON_MERCHANT.test(org.legal_form ?? "");
}

/**
 * Which judicial procedures the organization (the creditor) can use against a client (the debtor): the client's
 * open overdue invoices (credit notes aside), each with its claim as of `asOf` (claim-for-invoice.ts), summed as
 * principal (the balance) and interest (penalties + interest). The client's kind and country decide; whether a
 * business client is a merchant is its `merchant_status`; unknown, it is not assumed (injonction de payer before
 * the tribunal judiciaire, with a note). An id of another organization is not found.
 */
export async function assessProcedures(options: AssessProceduresOptions): Promise<ClientProceduresDto> {
  const { ctx, org, locale } = options;
  const client = await findClient(ctx.db, org.id, options.clientId);
  if (!client) throw new AppError("not_found", "client.not_found");
  const today = todayFor(ctx, org.time_zone);
  const asOf = options.asOf ?? today;
  const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
  const invoices = await listInvoices(ctx.db, org.id, {
    today: asOf.toString(),
    clientId: client.id,
    overdue: true,
    limit: 100_000,
  });
  const counted: ClientProceduresDto["invoices"] = [];
  const failures: ClientProceduresDto["failures"] = [];
  for (const invoice of invoices) {
    if (invoice.kind === "credit_note") continue;
    try {
      const claim = await claimOf(ctx, org, invoice, rates, asOf, locale);
      counted.push({
        invoice_id: invoice.id,
        number: invoice.number,
        due_date: invoice.due_date,
        principal_cents: claim.balance_cents,
        interest_cents: claim.penalty_cents + claim.interest_cents,
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== "invalid_input") throw error;
      failures.push({
        invoice_id: invoice.id,
        number: invoice.number,
        code: error.messageCode,
        message: error.localized(locale),
      });
    }
  }
  const creditorIsMerchant = organizationIsMerchant(org);
  const procedures = procedureEligibility({
    creditor: { kind: "business", isMerchant: creditorIsMerchant },
    debtor: {
      kind: client.kind,
      country: client.country,
      ...(client.merchant_status ? { isMerchant: client.merchant_status === "merchant" } : {}),
    },
    claims: counted,
    asOf,
    locale,
  });
  const message = (code: MessageCode, params: Record<string, string | number>) => ({
    code,
    message: formatMessage(locale, code, params),
  });
  const principal = counted.reduce((s, c) => s + c.principal_cents, 0);
  const interest = counted.reduce((s, c) => s + c.interest_cents, 0);
  return {
    client: { id: client.id, name: client.name, kind: client.kind, country: client.country },
    as_of: asOf.toString(),
    creditor_is_merchant: creditorIsMerchant,
    invoices: counted,
    failures,
    principal_cents: principal,
    interest_cents: interest,
    total_cents: principal + interest,
    procedures: procedures.map((p) => ({
      procedure: p.procedure,
      eligible: p.eligible,
      reason: message(p.reason.code, p.reason.params),
      court: p.court ?? null,
      cerfa: p.cerfa ?? null,
      article: p.article,
      notes: p.notes.map((n) => message(n.code, n.params)),
    })),
  };
}
