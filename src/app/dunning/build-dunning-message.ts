import { addDays, type PlainDate, toIso } from "../../core/calendar.js";
import { epcQrPayload } from "../../core/payments/epc-qr.js";
import { findClient, listContacts } from "../../db/repositories/clients.js";
import { findDunningInvoices } from "../../db/repositories/dunning-invoices.js";
import { findInvoice, type InvoiceListItem } from "../../db/repositories/invoices.js";
import type { Client, DunningStep, Organization } from "../../db/schema.js";
import type { LetterInput } from "../../pdf/letters.js";
import type { MessageContext } from "../../templates/context.js";
import type { TemplateKey } from "../../templates/defaults.js";
import type { RenderedMessage } from "../../templates/engine.js";
import { scoreOf } from "../clients/client-scores.js";
import type { AppContext } from "../context.js";
import { isAppError } from "../errors.js";
import { claimOf } from "../law/claim-for-invoice.js";
import { loadRateTable } from "../law/load-rate-table.js";
import { type MessagePortal, messagePortalUrl } from "../portal/message-portal-url.js";
import { activeHoldOf, balanceOf } from "./dunning-state.js";
import { isTemplateKey, resolveTemplate } from "./resolve-template.js";

/** The content id of the payment QR code inside an e-mail. */
export const QR_CID = "epc-qr";

/** Days given to pay in a last reminder or a mise en demeure. */
export const DEADLINE_DAYS = 8;

export interface BuiltMessage {
  client: Client;
  locale: "fr" | "en";
  /** The invoices still owed and not on hold: the message is about them. */
  owed: InvoiceListItem[];
  /** Invoices of the plan that no longer need it. */
  dropped: { id: string; number: string; reason: "settled" | "held" }[];
  recipients: { name: string | null; address: string }[];
  context: MessageContext;
  /** Null when nothing is owed any more. */
  rendered: RenderedMessage | null;
  qrPng: Buffer | null;
  letter: LetterInput | null;
}

function lines(...parts: (string | null | undefined)[]): string[] {
  return parts.map((p) => p?.trim() ?? "").filter((p) => p !== "");
}

function addressLines(o: {
  address: string | null;
  postal_code: string | null;
  city: string | null;
}): string[] {
  return lines(...(o.address ?? "").split(/\r?\n/), [o.postal_code, o.city].filter(Boolean).join(" "));
}

function templateKeyOf(step: DunningStep, client: Client): TemplateKey {
  if (step.template_key && isTemplateKey(step.template_key)) return step.template_key;
  const audience = client.kind === "consumer" ? "b2c" : "b2b";
  if (step.channel === "registered_letter") return `${audience}.mise_en_demeure`;
  if (step.channel === "letter") return `${audience}.reminder_letter`;
  return Number(step.offset_days) < 0 ? `${audience}.pre_due` : `${audience}.reminder_1`;
}

/**
 * The message of one client's invoices at one step, as of `today`: the invoices re-read (those paid, credited or
 * put on hold since the plan are dropped), each one's claim from the law engine (penalties, 40 € indemnity,
 * consumer interest), the payment QR code, the organization's template (or the default) rendered in the client's
 * language, and for letters the letter's content; `portal_url`, the client portal's signed URL (its link created
 * when the client has none and `portal.create`). Used by the dispatcher, the previews and the approval screen.
 */
export async function buildDunningMessage(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  step: DunningStep;
  invoiceIds: readonly string[];
  today: PlainDate;
  /** The portal's URL (`portal_url`): the environment, and whether the client's link may be created. */
  portal: MessagePortal;
}): Promise<BuiltMessage> {
  const { ctx, org, step, today } = options;
  const client = await findClient(ctx.db, org.id, options.clientId);
  if (!client) throw new Error(`client ${options.clientId} not found`);
  const locale = client.language === "en" ? "en" : "fr";
  const rows = await findDunningInvoices(ctx.db, ctx.dialect, org.id, options.invoiceIds);
  const dropped: BuiltMessage["dropped"] = [];
  const owed: InvoiceListItem[] = [];
  for (const row of rows) {
    const settled = !(row.status === "open" || row.status === "partially_paid") || balanceOf(row) <= 0;
    if (settled || activeHoldOf(row, today)) {
      dropped.push({ id: row.id, number: row.number, reason: settled ? "settled" : "held" });
      continue;
    }
    const invoice = await findInvoice(ctx.db, org.id, row.id);
    if (invoice) owed.push(invoice);
  }

  const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
  const invoices: MessageContext["invoices"] = [];
  for (const invoice of owed) {
    const balance = balanceOf(invoice);
    let claim = { days_late: 0, penalty_cents: 0, indemnity_cents: 0, interest_cents: 0 };
    try {
      if (step.offset_days >= 0) claim = await claimOf(ctx, org, invoice, rates, today, locale);
    } catch (error) {
      // a semester without a known rate: the message goes without amounts rather than not at all
      if (!isAppError(error) || error.code !== "invalid_input") throw error;
    }
    invoices.push({
      number: invoice.number,
      issue_date: invoice.issue_date ?? invoice.due_date,
      due_date: invoice.due_date,
      total_cents: Number(invoice.total_ttc_cents),
      balance_cents: balance,
      days_late: claim.days_late,
      penalty_cents: claim.penalty_cents,
      indemnity_cents: claim.indemnity_cents,
      interest_cents: claim.interest_cents,
    });
  }
  const sum = (k: "balance_cents" | "penalty_cents" | "indemnity_cents" | "interest_cents") =>
    invoices.reduce((s, i) => s + i[k], 0);
  const totals = {
    balance_cents: sum("balance_cents"),
    penalty_cents: sum("penalty_cents"),
    indemnity_cents: sum("indemnity_cents"),
    interest_cents: sum("interest_cents"),
    claim_cents: 0,
  };
  totals.claim_cents =
    totals.balance_cents + totals.penalty_cents + totals.indemnity_cents + totals.interest_cents;

  const reference = invoices
    .map((i) => i.number)
    .join(" ")
    .slice(0, 140);
  let qrPng: Buffer | null = null;
  if (org.iban && totals.balance_cents > 0) {
    const payload = epcQrPayload({
      name: org.name.slice(0, 70),
      iban: org.iban,
      ...(org.bic ? { bic: org.bic } : {}),
      amount_cents: totals.balance_cents,
      ...(reference ? { text: reference } : {}),
    });
    if (payload.ok) {
      // loaded when a message is built: planning alone never needs the template and QR stacks
      const { epcQrPng } = await import("../../templates/epc-qr-image.js");
      qrPng = await epcQrPng(payload.value);
    }
  }

  const contacts = await listContacts(ctx.db, org.id, client.id);
  const billing =
    contacts.find((c) => Number(c.is_billing) === 1 && c.email) ?? contacts.find((c) => c.email);
  const score = await scoreOf(ctx.db, org.id, client.id, today);
  const formal = step.channel === "registered_letter" || step.tone === "formal";
  const deadline =
    formal || step.template_key?.endsWith("final_reminder") ? toIso(addDays(today, DEADLINE_DAYS)) : null;
  const context: MessageContext = {
    today: toIso(today),
    organization: {
      name: org.name,
      legal_form: org.legal_form,
      siren: org.siren,
      vat_number: org.vat_number,
      address: addressLines(org).join("\n"),
      email: org.email,
      phone: org.phone,
      iban: org.iban,
      bic: org.bic,
      signature: lines(org.name, org.phone, org.email).join("\n"),
    },
    client: {
      name: client.name,
      kind: client.kind,
      score: score.value,
      grade: score.grade,
      tone: score.tone,
    },
    contact: billing ? { name: billing.name, email: billing.email } : null,
    invoices,
    totals,
    payment: { iban: org.iban, bic: org.bic, reference, qr_code_url: qrPng ? `cid:${QR_CID}` : null },
    step: { offset_days: Number(step.offset_days), tone: step.tone },
    deadline_date: deadline,
    // only for a message about something: a message left with nothing to send creates no link
    portal_url:
      owed.length > 0 ? await messagePortalUrl({ ctx, org, clientId: client.id, ...options.portal }) : null,
  };

  const template = await resolveTemplate(ctx.db, org.id, templateKeyOf(step, client), locale);
  const { renderMessage } = await import("../../templates/engine.js");
  const rendered = owed.length > 0 ? await renderMessage(template, context, locale) : null;
  const letter: LetterInput | null =
    rendered && (step.channel === "letter" || step.channel === "registered_letter")
      ? {
          kind: step.channel === "registered_letter" ? "mise_en_demeure" : "reminder",
          locale,
          date: toIso(today),
          place: org.city,
          creditor: {
            name: org.name,
            legal_form: org.legal_form,
            siren: org.siren,
            vat_number: org.vat_number,
            address_lines: addressLines(org),
            email: org.email,
            phone: org.phone,
            iban: org.iban,
            bic: org.bic,
          },
          debtor: {
            name: client.name,
            kind: client.kind,
            siren: client.siren,
            address_lines: addressLines(client),
            contact_name: billing?.name ?? null,
          },
          invoices: invoices.map((i) => ({ ...i })),
          totals: {
            balance_cents: totals.balance_cents,
            penalty_cents: totals.penalty_cents,
            indemnity_cents: totals.indemnity_cents,
            interest_cents: totals.interest_cents,
            total_cents: totals.claim_cents,
          },
          deadline_date: deadline ?? toIso(addDays(today, DEADLINE_DAYS)),
          payment_reference: reference || null,
          qr_png: qrPng,
          portal_url: context.portal_url,
        }
      : null;
  return {
    client,
    locale,
    owed,
    dropped,
    recipients: billing?.email ? [{ name: billing.name, address: billing.email }] : [],
    context,
    rendered,
    qrPng,
    letter,
  };
}
