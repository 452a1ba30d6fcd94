import { type PlainDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { asLineInput, depositLines, depositTotals } from "../../core/quotes/deposit.js";
import type { Db, Dialect } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClientOf } from "../../db/repositories/invoices.js";
import { type Quote, quoteVatBases } from "../../db/repositories/quotes.js";
import type { Organization } from "../../db/schema.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { insertQuoteInvoice, pickQuoteInvoiceNumber } from "./quote-invoice.js";

/** "20" / "5,5" (fr) / "5.5" (en): a VAT rate in basis points. */
function rate(bp: number, locale: Locale): string {
  const s = (bp / 100).toString();
  return locale === "fr" ? s.replace(".", ",") : s;
}

function describe(locale: Locale, percent: number, number: string, vatBp: number, several: boolean): string {
  const tail = several
    ? locale === "fr"
      ? ` – part à TVA ${rate(vatBp, locale)} %`
      : ` – ${rate(vatBp, locale)}% VAT part`
    : "";
  return locale === "fr"
    ? `Acompte de ${percent} % sur le devis ${number}${tail}`
    : `Deposit of ${percent}% on quote ${number}${tail}`;
}

/**
 * Issues the deposit invoice (facture d'acompte, kind `deposit`, CGI 289) of an accepted quote inside the caller's
 * transaction: one line per VAT rate of the quote (its HT × percent, rounded half up: core/quotes/deposit.ts),
 * numbered under the invoice numbering lock, due on its issue day (an acompte is asked on acceptance), linked to the
 * quote by `quote_id`. Returns null without writing when the quote asks no deposit.
 */
export async function issueDepositInvoice(options: {
  trx: Db;
  dialect: Dialect;
  org: Organization;
  userId: string | null;
  quote: Quote;
  today: PlainDate;
  at: string;
  number?: string;
}): Promise<{ id: string; number: string } | null> {
  const { trx, org, quote, at } = options;
  if (quote.deposit_percent <= 0) return null;
  const bases = (await quoteVatBases(trx, org.id, [quote.id])).get(quote.id) ?? [];
  const deposit = depositLines(bases, quote.deposit_percent);
  if (deposit.length === 0) return null;
  const client = await findClientOf(trx, org.id, quote.client_id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const number = await pickQuoteInvoiceNumber(trx, options.dialect, org.id, "AC", quote, options.number);
  const locale = orgLocale(org);
  const totals = depositTotals(deposit);
  const issue = toIso(options.today);
  const id = await insertQuoteInvoice(trx, {
    org,
    client,
    quote,
    kind: "deposit",
    number,
    issueDate: issue,
    dueDate: issue,
    lines: deposit.map((l) => ({
      ...asLineInput(l),
      description: describe(locale, quote.deposit_percent, quote.number, l.vat_rate_bp, deposit.length > 1),
    })),
    totals,
    notes: describe(locale, quote.deposit_percent, quote.number, 0, false),
    at,
  });
  await insertActions(trx, [
    timelineAction({
      orgId: org.id,
      clientId: client.id,
      invoiceId: id,
      userId: options.userId,
      kind: "invoice_created",
      occurredOn: issue,
      at,
      summary: formatMessage(locale, "timeline.deposit_invoice", {
        invoice: number,
        percent: quote.deposit_percent,
        number: quote.number,
        amount: formatEuros(totals.total_ttc_cents as Cents, locale),
      }),
      data: { number, quote_id: quote.id, kind: "deposit", total_cents: totals.total_ttc_cents },
    }),
  ]);
  await appendAudit(trx, {
    organizationId: org.id,
    userId: options.userId,
    at,
    entity: "invoice",
    entityId: id,
    operation: "create",
    data: {
      number,
      client_id: client.id,
      kind: "deposit",
      quote_id: quote.id,
      total_ttc_cents: totals.total_ttc_cents,
    },
  });
  return { id, number };
}
