/**
 * The mandatory mentions an invoice lacks — LAW.md §9 (C. com. L441-9, CGI annexe II art. 242 nonies A) — and
 * its payment term against the caps (terms.ts). A pure function over plain data: the caller maps its rows.
 *
 * Choices where LAW.md is silent:
 * - The discount terms, the penalty rate and the 40 € indemnity are required on invoices to businesses and public
 *   buyers (L441-9 governs invoices between professionals); for consumers only the indemnity is forbidden, the
 *   others are not reported.
 * - The seller's VAT number is required unless the seller is in the franchise (art. 293 B): then the mention
 *   « TVA non applicable, art. 293 B du CGI » is required instead. The franchise is taken from `vatFranchise`
 *   or, when not given, from a seller without VAT number whose lines are all at 0 %.
 * - The date of sale is reported when absent (it may be omitted only when it is the invoice date).
 * - The client's SIREN is required for business and public buyers on invoices issued (issue date, else `asOf`)
 *   from 1 September 2026 for large and intermediate sellers, 1 September 2027 for SMEs and micro-enterprises.
 */
import { compareDates, formatDate, type PlainDate, Temporal } from "../calendar.js";
import type { Locale, MessageCode } from "../messages.js";
import { checkDueDate, checkTerm, type PaymentTerm, type Sector, type TermCheck } from "./terms.js";

export type SellerSize = "large" | "intermediate" | "sme" | "micro";

export interface ComplianceInvoice {
  number?: string | null;
  issue_date?: PlainDate | null;
  seller: {
    name?: string | null;
    address?: string | null;
    siren?: string | null;
    vat_number?: string | null;
  };
  buyer: {
    name?: string | null;
    address?: string | null;
    siren?: string | null;
    kind: "business" | "consumer" | "public";
  };
  delivery_date?: PlainDate | null;
  lines:
    | readonly {
        description: string;
        quantity_milli: number;
        unit_price_cents: number;
        vat_rate_bp: number;
      }[]
    | null;
  /** Whether the totals (HT, TVA, TTC) are printed. */
  totals_present?: boolean;
  /** Whether the VAT amount per rate is printed. */
  vat_breakdown_present?: boolean;
  due_date?: PlainDate | null;
  /** The stored penalty clause (`default`, `fixed:<bp>`, `ecb+<bp>`), or the printed rate. */
  penalty_clause?: string | null;
  indemnity_mention?: boolean;
  discount_mention?: boolean;
  vat_exemption_mention?: string | null;
  asOf: PlainDate;
}

export interface ComplianceOptions {
  sellerSize?: SellerSize;
  /** The seller is in the VAT franchise (micro-entrepreneur, art. 293 B du CGI). */
  vatFranchise?: boolean;
  sector?: Sector;
  locale?: Locale;
}

export interface MissingMention {
  code: MessageCode;
  article: string;
  params: Record<string, string | number>;
}

export interface Compliance {
  compliant: boolean;
  missing: MissingMention[];
  /** What the invoice must not say: the 40 € indemnity to a consumer, VAT charged under the franchise. */
  forbidden: MissingMention[];
  /** The agreed term (or, without one, the printed due date) against the caps. */
  term?: TermCheck;
}

export const CLIENT_SIREN_FROM: Readonly<Record<SellerSize, PlainDate>> = {
  large: new Temporal.PlainDate(2026, 9, 1),
  intermediate: new Temporal.PlainDate(2026, 9, 1),
  sme: new Temporal.PlainDate(2027, 9, 1),
  micro: new Temporal.PlainDate(2027, 9, 1),
};

const COM = "L441-9 C. com.";
const CGI = "CGI ann. II art. 242 nonies A";

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === "";

export function invoiceCompliance(
  invoice: ComplianceInvoice,
  term?: PaymentTerm,
  options: ComplianceOptions = {},
): Compliance {
  const missing: MissingMention[] = [];
  const forbidden: MissingMention[] = [];
  const need = (code: MessageCode, article: string, params: Record<string, string | number> = {}) =>
    missing.push({ code, article, params });
  const forbid = (code: MessageCode, article: string) => forbidden.push({ code, article, params: {} });
  const professional = invoice.buyer.kind !== "consumer";
  const lines = invoice.lines ?? [];

  if (blank(invoice.number)) need("mention.number", CGI);
  if (!invoice.issue_date) need("mention.issue_date", CGI);
  if (blank(invoice.seller.name)) need("mention.seller_name", COM);
  if (blank(invoice.seller.address)) need("mention.seller_address", COM);
  if (blank(invoice.buyer.name)) need("mention.buyer_name", COM);
  if (blank(invoice.buyer.address)) need("mention.buyer_address", COM);
  if (blank(invoice.seller.siren)) need("mention.seller_siren", "R123-237 C. com.");

  const franchise =
    options.vatFranchise ??
    // Without lines nothing shows the franchise: the VAT number is then what is missing.
    (blank(invoice.seller.vat_number) && lines.length > 0 && lines.every((l) => l.vat_rate_bp === 0));
  if (franchise) {
    if (!/293\s*B/i.test(invoice.vat_exemption_mention ?? "")) need("mention.vat_exemption", "293 B CGI");
    if (lines.some((l) => l.vat_rate_bp !== 0)) forbid("mention.vat_charged_in_franchise", "293 B CGI");
  } else if (blank(invoice.seller.vat_number)) {
    need("mention.seller_vat_number", CGI);
  }

  if (!invoice.delivery_date) need("mention.sale_date", CGI);
  if (lines.length === 0) need("mention.lines", CGI);
  for (const [index, line] of lines.entries()) {
    if (line.description.trim() === "") need("mention.line_description", CGI, { position: index + 1 });
  }
  if (!franchise && lines.length > 0 && invoice.vat_breakdown_present !== true)
    need("mention.vat_per_rate", CGI);
  if (invoice.totals_present !== true) need("mention.totals", CGI);
  if (!invoice.due_date) need("mention.due_date", COM);

  if (professional) {
    if (invoice.discount_mention !== true) need("mention.discount_terms", COM);
    if (blank(invoice.penalty_clause)) need("mention.penalty_rate", COM);
    if (invoice.indemnity_mention !== true) need("mention.recovery_indemnity", "L441-9, D441-5 C. com.");
    const size = options.sellerSize ?? "sme";
    const from = CLIENT_SIREN_FROM[size];
    const on = invoice.issue_date ?? invoice.asOf;
    if (compareDates(on, from) >= 0 && blank(invoice.buyer.siren)) {
      need("mention.buyer_siren", "CGI 242 nonies A (réforme de la facturation électronique)", {
        from: formatDate(from, options.locale),
      });
    }
  } else if (invoice.indemnity_mention === true) {
    forbid("mention.indemnity_for_consumer", "L111-8 CPCE");
  }

  let termCheck: TermCheck | undefined;
  const context = {
    debtor: invoice.buyer.kind,
    sector: options.sector,
    delivery: invoice.delivery_date ?? undefined,
    locale: options.locale,
  };
  if (term) {
    termCheck = checkTerm(term, { ...context, issue: invoice.issue_date ?? undefined });
  } else if (invoice.issue_date && invoice.due_date) {
    termCheck = checkDueDate(invoice.issue_date, invoice.due_date, context);
  }
  const compliant = missing.length === 0 && forbidden.length === 0 && (termCheck?.compliant ?? true);
  return { compliant, missing, forbidden, term: termCheck };
}
