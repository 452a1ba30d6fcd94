import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import { parsePenaltyClause } from "../../core/law/clauses.js";
import type { RateTable } from "../../core/law/rates.js";
import type { Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { listActions } from "../../db/repositories/actions.js";
import { findInvoice, findInvoicesByNumber, type InvoiceListItem } from "../../db/repositories/invoices.js";
import { listPaymentsOfInvoice } from "../../db/repositories/payments.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { dayCountOf } from "../organizations/settings.js";
import { loadRateTable } from "./load-rate-table.js";
import { type ClaimDto, type Debtor, runClaim } from "./present-claim.js";

export interface InvoiceClaimDto extends ClaimDto {
  invoice: {
    id: string;
    number: string;
    client_id: string;
    client: string;
    client_kind: string;
    due_date: string;
    total_ttc_cents: number;
    credited_cents: number;
    paid_cents: number;
    status: string;
    penalty_clause: string;
  };
}

export interface ClaimForInvoiceOptions {
  ctx: AppContext;
  org: Organization;
  /** By id (the API) or by number, with the client's name when two clients share a number (the CLI). */
  invoice: { id: string } | { number: string; client?: string };
  /** Default: the organization's today. */
  asOf?: PlainDate;
  locale?: Locale;
  /** Already loaded (several invoices in a row). */
  rates?: RateTable;
}

/**
 * What can be claimed on one stored invoice as of a date: its total less its credit notes, the payments allocated
 * to it on their payment dates, its penalty clause, its client's kind (business, consumer, public) and, for a
 * consumer, the date of the first formal notice (an action `formal_notice` on the invoice or on the client alone);
 * the organization's day count (`settings.day_count`, actual/365 by default).
 * An id of another organization is not found.
 */
export async function claimForInvoice(options: ClaimForInvoiceOptions): Promise<InvoiceClaimDto> {
  const { ctx, org } = options;
  const invoice = await resolveInvoice(ctx.db, org.id, options.invoice);
  const rates = options.rates ?? (await loadRateTable({ db: ctx.db, orgId: org.id }));
  return claimOf(
    ctx,
    org,
    invoice,
    rates,
    options.asOf ?? todayFor(ctx, org.time_zone),
    options.locale ?? ctx.locale,
  );
}

export async function claimOf(
  ctx: AppContext,
  org: Organization,
  invoice: InvoiceListItem,
  rates: RateTable,
  asOf: PlainDate,
  locale: Locale,
): Promise<InvoiceClaimDto> {
  if (invoice.kind === "credit_note") {
    throw new AppError("invalid_input", "invoice.is_credit_note", { number: invoice.number });
  }
  const clause = parsePenaltyClause(invoice.penalty_clause);
  if (!clause.ok) throw new AppError("invalid_input", clause.problem.code, clause.problem.params ?? {});
  const due = parseIsoDate(invoice.due_date);
  if (!due.ok) throw new AppError("invalid_input", due.problem.code, due.problem.params ?? {});
  const allocations = await listPaymentsOfInvoice(ctx.db, org.id, invoice.id);
  const payments = allocations.map((a) => {
    const date = parseIsoDate(a.date);
    if (!date.ok) throw new AppError("invalid_input", date.problem.code, date.problem.params ?? {});
    return { date: date.value, amount_cents: Number(a.amount_cents) };
  });
  const debtor = debtorOf(invoice.client_kind);
  const noticeDate = debtor === "consumer" ? await formalNoticeDate(ctx.db, org.id, invoice) : undefined;
  const claim = runClaim(
    rates,
    {
      principal_cents: Number(invoice.total_ttc_cents) - Number(invoice.credited_cents ?? 0),
      due: due.value,
      asOf,
      payments,
      clause: clause.value,
      debtor,
      noticeDate,
      indemnityBlocked: invoice.indemnity_applies === 0,
      dayCount: dayCountOf(org),
    },
    locale,
  );
  return {
    ...claim,
    invoice: {
      id: invoice.id,
      number: invoice.number,
      client_id: invoice.client_id,
      client: invoice.client_name,
      client_kind: invoice.client_kind,
      due_date: invoice.due_date,
      total_ttc_cents: Number(invoice.total_ttc_cents),
      credited_cents: Number(invoice.credited_cents ?? 0),
      paid_cents: Number(invoice.paid_cents),
      status: invoice.status,
      penalty_clause: invoice.penalty_clause,
    },
  };
}

function debtorOf(kind: string): Debtor {
  return kind === "consumer" || kind === "public" ? kind : "business";
}

/** The first formal notice sent for this invoice (or to its client, not tied to another invoice). */
async function formalNoticeDate(
  db: Db,
  orgId: string,
  invoice: InvoiceListItem,
): Promise<PlainDate | undefined> {
  const actions = await listActions(db, orgId, {
    clientId: invoice.client_id,
    kinds: ["formal_notice"],
    limit: 1000,
  });
  let first: string | undefined;
  for (const a of actions) {
    if (a.invoice_id !== null && a.invoice_id !== invoice.id) continue;
    if (first === undefined || a.occurred_on < first) first = a.occurred_on;
  }
  if (first === undefined) return undefined;
  const parsed = parseIsoDate(first);
  return parsed.ok ? parsed.value : undefined;
}

async function resolveInvoice(
  db: Db,
  orgId: string,
  wanted: { id: string } | { number: string; client?: string },
): Promise<InvoiceListItem> {
  if ("id" in wanted) {
    const row = await findInvoice(db, orgId, wanted.id);
    if (!row) throw new AppError("not_found", "invoice.unknown");
    return row;
  }
  let candidates = await findInvoicesByNumber(db, orgId, wanted.number);
  if (wanted.client) {
    const name = normalizeName(wanted.client);
    candidates = candidates.filter(
      (c) => normalizeName(c.client_name) === name || c.client_id === wanted.client,
    );
  }
  const [first, ...others] = candidates;
  if (!first) throw new AppError("not_found", "invoice.not_found", { number: wanted.number });
  if (others.length > 0) {
    throw new AppError("invalid_input", "invoice.ambiguous", {
      number: wanted.number,
      clients: candidates.map((c) => c.client_name).join(", "),
    });
  }
  return first;
}
