import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { type Compliance, invoiceCompliance, type MissingMention } from "../../core/law/compliance.js";
import type { LawWarning, TermCheck } from "../../core/law/terms.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { findClient } from "../../db/repositories/clients.js";
import { findInvoice, listInvoiceLines } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";

export interface MentionDto {
  code: string;
  message: string;
  article: string;
}

export interface TermCheckDto {
  compliant: boolean;
  /** The cap that applies; null for a consumer (no statutory cap). */
  rule: { id: string; days: number; article: string; confirmed: boolean } | null;
  issue_date: string | null;
  due_date: string | null;
  /** The latest lawful due date. */
  latest_due_date: string | null;
  warnings: { code: string; message: string }[];
}

export interface InvoiceComplianceDto {
  compliant: boolean;
  missing: MentionDto[];
  forbidden: MentionDto[];
  term: TermCheckDto | null;
}

export interface CheckInvoiceComplianceOptions {
  ctx: AppContext;
  org: Organization;
  invoiceId: string;
  locale: Locale;
}

const joined = (...parts: (string | null)[]) =>
  parts
    .filter((p): p is string => p !== null && p.trim() !== "")
    .join(" ")
    .trim() || null;

const date = (iso: string | null): PlainDate | null => {
  if (iso === null) return null;
  const parsed = parseIsoDate(iso);
  return parsed.ok ? parsed.value : null;
};

/**
 * The mandatory mentions a stored invoice lacks (LAW.md §9) and its due date against the caps (L441-10, L441-11),
 * mapped from what Relance stores: the invoice and its lines, the organization as the seller, the client as the
 * buyer. What Relance does not store is taken as follows:
 * - totals are present when the invoice stores its HT and VAT totals; the VAT per rate when it has lines;
 * - the penalty rate is the stored clause (always set); the 40 € indemnity mention follows `indemnity_applies`;
 * - the discount terms: Relance models no early-payment discount, its documents say « pas d'escompte »;
 * - the VAT franchise (293 B) is inferred by the core (no seller VAT number and every line at 0 %), and the
 *   exemption mention is then taken as printed;
 * - the seller's size is not stored: SME (the client SIREN becomes required from 1 September 2027);
 * - the term is checked on the invoice's own issue and due dates (no sector stored: the general cap); `null`
 *   without an issue date.
 * An id of another organization is not found.
 */
export async function checkInvoiceCompliance(
  options: CheckInvoiceComplianceOptions,
): Promise<InvoiceComplianceDto> {
  const { ctx, org, locale } = options;
  const invoice = await findInvoice(ctx.db, org.id, options.invoiceId);
  if (!invoice) throw new AppError("not_found", "invoice.unknown");
  const client = await findClient(ctx.db, org.id, invoice.client_id);
  if (!client) throw new AppError("not_found", "invoice.unknown");
  const lines = await listInvoiceLines(ctx.db, org.id, invoice.id);
  const franchise =
    (org.vat_number ?? "").trim() === "" && lines.length > 0 && lines.every((l) => l.vat_rate_bp === 0);
  const result = invoiceCompliance(
    {
      number: invoice.number,
      issue_date: date(invoice.issue_date),
      seller: {
        name: org.name,
        address: joined(org.address, org.postal_code, org.city),
        siren: org.siren ?? org.siret,
        vat_number: org.vat_number,
      },
      buyer: {
        name: client.name,
        address: joined(client.address, client.postal_code, client.city),
        siren: client.siren ?? client.siret,
        kind: client.kind,
      },
      delivery_date: date(invoice.delivery_date),
      lines: lines.map((l) => ({
        description: l.description,
        quantity_milli: Number(l.quantity_milli),
        unit_price_cents: Number(l.unit_price_cents),
        vat_rate_bp: Number(l.vat_rate_bp),
      })),
      totals_present: invoice.total_ht_cents !== null && invoice.total_vat_cents !== null,
      vat_breakdown_present: lines.length > 0,
      due_date: date(invoice.due_date),
      penalty_clause: invoice.penalty_clause,
      indemnity_mention: invoice.indemnity_applies === 1,
      discount_mention: true,
      vat_exemption_mention: franchise ? "TVA non applicable, art. 293 B du CGI" : null,
      asOf: todayFor(ctx, org.time_zone),
    },
    undefined,
    { locale },
  );
  return presentCompliance(result, invoice.issue_date, locale);
}

function presentMention(m: MissingMention, locale: Locale): MentionDto {
  return { code: m.code, message: formatMessage(locale, m.code, m.params), article: m.article };
}

function presentWarning(w: LawWarning, locale: Locale) {
  return { code: w.code, message: formatMessage(locale, w.code, w.params) };
}

function presentTerm(term: TermCheck | undefined, issue: string | null, locale: Locale): TermCheckDto | null {
  if (!term) return null;
  return {
    compliant: term.compliant,
    rule: term.rule
      ? {
          id: term.rule.id,
          days: term.rule.days,
          article: term.rule.article,
          confirmed: term.rule.confirmed,
        }
      : null,
    issue_date: term.example?.issue ?? issue,
    due_date: term.example?.due ?? null,
    latest_due_date: term.example?.latest ?? null,
    warnings: term.warnings.map((w) => presentWarning(w, locale)),
  };
}

export function presentCompliance(
  result: Compliance,
  issue: string | null,
  locale: Locale,
): InvoiceComplianceDto {
  return {
    compliant: result.compliant,
    missing: result.missing.map((m) => presentMention(m, locale)),
    forbidden: result.forbidden.map((m) => presentMention(m, locale)),
    term: presentTerm(result.term, issue, locale),
  };
}
