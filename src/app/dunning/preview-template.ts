import { addDays, toIso } from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import { epcQrPayload } from "../../core/payments/epc-qr.js";
import { listContacts } from "../../db/repositories/clients.js";
import { findInvoice } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import type { MessageContext } from "../../templates/context.js";
import {
  checkTemplate,
  type MessageTemplate,
  renderMessage,
  TemplateError,
  type TemplatePart,
  type TemplateProblem,
} from "../../templates/engine.js";
import { epcQrPng } from "../../templates/epc-qr-image.js";
import { sampleContext } from "../../templates/sample-context.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { claimOf } from "../law/claim-for-invoice.js";
import { loadRateTable } from "../law/load-rate-table.js";
import { describeTemplateProblem } from "./template-problems.js";

export interface PreviewDto {
  subject: string;
  text: string;
  /** A whole HTML document (show it in a sandboxed frame); everything taken from the context is escaped. */
  html: string;
  /** What would refuse the template at saving, worded in `uiLocale`; a part that cannot be rendered is empty. */
  problems: { path: TemplatePart; line: number; column: number; message: string }[];
}

/**
 * Renders a template that is not saved: against the sample context in `locale` or, with `invoiceId`, the sample
 * context carrying that invoice of the organization (its client's name and billing contact, its number, dates,
 * balance and what can be claimed on it today). The payment QR code is inlined as an image.
 */
export async function previewTemplate(options: {
  ctx: AppContext;
  org: Organization;
  locale: Locale;
  uiLocale: Locale;
  template: MessageTemplate;
  invoiceId?: string;
}): Promise<PreviewDto> {
  const { ctx, org, locale } = options;
  const context = options.invoiceId
    ? await invoiceContext(ctx, org, locale, options.invoiceId)
    : sampleContext(locale);
  context.payment.qr_code_url = await qrDataUrl(context);

  const found: TemplateProblem[] = [...checkTemplate(options.template)];
  const parts: MessageTemplate = { ...options.template };
  let rendered = { subject: "", text: "", html: "" };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      rendered = await renderMessage(parts, context, locale);
      break;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      for (const p of error.problems) {
        found.push(p);
        parts[p.part] = "";
      }
    }
  }
  const seen = new Set<string>();
  const problems = found.filter((p) => {
    const k = `${p.part}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { ...rendered, problems: problems.map((p) => describeTemplateProblem(p, options.uiLocale)) };
}

async function invoiceContext(
  ctx: AppContext,
  org: Organization,
  locale: Locale,
  invoiceId: string,
): Promise<MessageContext> {
  const invoice = await findInvoice(ctx.db, org.id, invoiceId);
  if (!invoice) throw new AppError("not_found", "invoice.unknown");
  const today = todayFor(ctx, org.time_zone);
  const claim = await claimOf(
    ctx,
    org,
    invoice,
    await loadRateTable({ db: ctx.db, orgId: org.id }),
    today,
    locale,
  );
  const contacts = await listContacts(ctx.db, org.id, invoice.client_id);
  const contact = contacts.find((c) => c.email) ?? contacts[0];
  const base = sampleContext(locale);
  const line = {
    number: invoice.number,
    issue_date: invoice.issue_date ?? invoice.due_date,
    due_date: invoice.due_date,
    total_cents: Number(invoice.total_ttc_cents),
    balance_cents: claim.balance_cents,
    days_late: claim.days_late,
    penalty_cents: claim.penalty_cents,
    indemnity_cents: claim.indemnity_cents,
    interest_cents: claim.interest_cents,
  };
  return {
    ...base,
    today: toIso(today),
    client: { name: invoice.client_name, kind: invoice.client_kind as MessageContext["client"]["kind"] },
    contact: contact ? { name: contact.name, email: contact.email } : null,
    invoices: [line],
    totals: {
      balance_cents: claim.balance_cents,
      penalty_cents: claim.penalty_cents,
      indemnity_cents: claim.indemnity_cents,
      interest_cents: claim.interest_cents,
      claim_cents: claim.total_claim_cents,
    },
    payment: { ...base.payment, reference: invoice.number },
    deadline_date: toIso(addDays(today, 8)),
  };
}

/** The EPC QR code of the context's payment as a data: URL; null when the payment cannot be encoded. */
async function qrDataUrl(context: MessageContext): Promise<string | null> {
  const { iban, bic, reference } = context.payment;
  if (!iban || context.totals.balance_cents <= 0) return null;
  const payload = epcQrPayload({
    name: context.organization.name,
    iban,
    bic,
    amount_cents: context.totals.balance_cents,
    text: reference,
  });
  if (!payload.ok) return null;
  return `data:image/png;base64,${(await epcQrPng(payload.value)).toString("base64")}`;
}
