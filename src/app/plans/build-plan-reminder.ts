import { type PlainDate, toIso } from "../../core/calendar.js";
import { epcQrPayload } from "../../core/payments/epc-qr.js";
import { graceEnd } from "../../core/plans/lifecycle.js";
import { findClient, listContacts } from "../../db/repositories/clients.js";
import { findPlan } from "../../db/repositories/payment-plans.js";
import type { Organization, Outbox } from "../../db/schema.js";
import type { MessageContext } from "../../templates/context.js";
import type { AppContext } from "../context.js";
import type { BuiltMessage } from "../dunning/build-dunning-message.js";
import { QR_CID } from "../dunning/build-dunning-message.js";
import { plannedInvoices } from "../dunning/outbox-effects.js";
import { isTemplateKey, resolveTemplate } from "../dunning/resolve-template.js";
import { type MessagePortal, messagePortalUrl } from "../portal/message-portal-url.js";
import { planStatus } from "./plan-status.js";

const lines = (...parts: (string | null | undefined)[]) =>
  parts.map((p) => p?.trim() ?? "").filter((p) => p !== "");

/**
 * An installment reminder (outbox row with `template_key` and `installment_id`, no step) as of `today`, for the
 * dispatcher: re-checked first — the plan no longer active or the installment paid since planning leaves nothing
 * to send (`rendered` null, the invoices reported as settled) — then rendered from the organization's template
 * (or the default) in the client's language with the installment, the plan's invoices and the payment QR code for
 * what is left of the installment, and the client portal's URL. No penalties: the plan replaces them while it is kept.
 */
export async function buildPlanReminder(options: {
  ctx: AppContext;
  org: Organization;
  row: Outbox;
  today: PlainDate;
  /** The portal's URL (`portal_url`): the environment, and whether the client's link may be created. */
  portal: MessagePortal;
}): Promise<BuiltMessage> {
  const { ctx, org, row, today } = options;
  const client = await findClient(ctx.db, org.id, row.client_id);
  if (!client) throw new Error(`client ${row.client_id} not found`);
  const locale = client.language === "en" ? "en" : "fr";
  const installmentRow = row.installment_id
    ? await ctx.db
        .selectFrom("installment")
        .select("plan_id")
        .where("organization_id", "=", org.id)
        .where("id", "=", row.installment_id)
        .executeTakeFirst()
    : undefined;
  const plan = installmentRow ? await findPlan(ctx.db, org.id, installmentRow.plan_id) : undefined;
  const status = plan ? await planStatus(ctx.db, org.id, plan, today) : undefined;
  const installment = status?.installments.find((i) => i.id === row.installment_id);
  const contacts = await listContacts(ctx.db, org.id, client.id);
  const billing =
    contacts.find((c) => Number(c.is_billing) === 1 && c.email) ?? contacts.find((c) => c.email);
  const recipients = billing?.email ? [{ name: billing.name, address: billing.email }] : [];
  const nothing: BuiltMessage = {
    client,
    locale,
    owed: [],
    dropped: plannedInvoices(row).map((p) => ({ id: p.id, number: p.number, reason: "settled" as const })),
    recipients,
    context: null as unknown as MessageContext,
    rendered: null,
    qrPng: null,
    letter: null,
  };
  const key = row.template_key ?? "";
  if (
    !plan ||
    !status ||
    !installment ||
    plan.state !== "active" ||
    installment.state === "paid" ||
    !isTemplateKey(key)
  ) {
    return nothing;
  }
  const owed = status.invoices.filter((i) => i.current_balance_cents > 0);
  const remaining = installment.amount_cents - installment.paid_cents;
  const reference = owed
    .map((i) => i.number)
    .join(" ")
    .slice(0, 140);
  let qrPng: Buffer | null = null;
  if (org.iban && remaining > 0) {
    const payload = epcQrPayload({
      name: org.name.slice(0, 70),
      iban: org.iban,
      ...(org.bic ? { bic: org.bic } : {}),
      amount_cents: remaining,
      ...(reference ? { text: reference } : {}),
    });
    if (payload.ok) {
      const { epcQrPng } = await import("../../templates/epc-qr-image.js");
      qrPng = await epcQrPng(payload.value);
    }
  }
  const balance = owed.reduce((s, i) => s + i.current_balance_cents, 0);
  const context: MessageContext = {
    today: toIso(today),
    organization: {
      name: org.name,
      legal_form: org.legal_form,
      siren: org.siren,
      vat_number: org.vat_number,
      address: lines(
        ...(org.address ?? "").split(/\r?\n/),
        [org.postal_code, org.city].filter(Boolean).join(" "),
      ).join("\n"),
      email: org.email,
      phone: org.phone,
      iban: org.iban,
      bic: org.bic,
      signature: lines(org.name, org.phone, org.email).join("\n"),
    },
    client: { name: client.name, kind: client.kind },
    contact: billing ? { name: billing.name, email: billing.email } : null,
    invoices: owed.map((i) => ({
      number: i.number,
      issue_date: i.issue_date ?? i.due_date,
      due_date: i.due_date,
      total_cents: i.total_ttc_cents,
      balance_cents: i.current_balance_cents,
      days_late: 0,
      penalty_cents: 0,
      indemnity_cents: 0,
      interest_cents: 0,
    })),
    totals: {
      balance_cents: balance,
      penalty_cents: 0,
      indemnity_cents: 0,
      interest_cents: 0,
      claim_cents: balance,
    },
    payment: { iban: org.iban, bic: org.bic, reference, qr_code_url: qrPng ? `cid:${QR_CID}` : null },
    step: { offset_days: 0, tone: "friendly" },
    deadline_date: null,
    portal_url: await messagePortalUrl({ ctx, org, clientId: client.id, ...options.portal }),
    installment: {
      position: installment.position,
      count: status.installments.length,
      due_date: toIso(installment.due_on),
      grace_end_date: toIso(graceEnd(installment.due_on, plan.grace_days)),
      amount_cents: installment.amount_cents,
      paid_cents: installment.paid_cents,
      remaining_cents: remaining,
      plan_total_cents: plan.total_cents,
      plan_remaining_cents: status.remaining_cents,
    },
  };
  const template = await resolveTemplate(ctx.db, org.id, key, locale);
  const { renderMessage } = await import("../../templates/engine.js");
  const rendered = await renderMessage(template, context, locale);
  return { client, locale, owed: [], dropped: [], recipients, context, rendered, qrPng, letter: null };
}
