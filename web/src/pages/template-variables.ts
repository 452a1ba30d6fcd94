/**
 * What a message template can read (src/templates/context.ts), as the template editor lists it: amounts are cents
 * (`| money`), dates `| day`. test/web/template-variables.test.ts checks the lists against the server's sample context.
 */
const COMMON = [
  "today",
  "organization.name",
  "organization.legal_form",
  "organization.siren",
  "organization.vat_number",
  "organization.address",
  "organization.email",
  "organization.phone",
  "organization.iban",
  "organization.bic",
  "organization.signature",
  "client.name",
  "client.kind",
  "contact.name",
  "contact.email",
  "invoices[].number",
  "invoices[].issue_date",
  "invoices[].due_date",
  "invoices[].total_cents",
  "invoices[].balance_cents",
  "invoices[].days_late",
  "invoices[].penalty_cents",
  "invoices[].indemnity_cents",
  "invoices[].interest_cents",
  "totals.balance_cents",
  "totals.penalty_cents",
  "totals.indemnity_cents",
  "totals.interest_cents",
  "totals.claim_cents",
  "payment.iban",
  "payment.bic",
  "payment.reference",
  "payment.qr_code_url",
  // the client portal's URL (docs/portal.md); null without RELANCE_SECRET_KEY: test it with {% if portal_url %}
  "portal_url",
] as const;

/** The reminders of a dunning sequence: the step, the payment score, the deadline they give. */
const SEQUENCE = [
  "client.score",
  "client.grade",
  "client.tone",
  "step.offset_days",
  "step.tone",
  "deadline_date",
] as const;

/**
 * The installment reminders of a payment plan (plan.installment_before / plan.installment_after, built by
 * src/app/plans/build-plan-reminder.ts): the installment, and the plan's total and what is left of it.
 */
const INSTALLMENT = [
  "installment.position",
  "installment.count",
  "installment.due_date",
  "installment.grace_end_date",
  "installment.amount_cents",
  "installment.paid_cents",
  "installment.remaining_cents",
  "installment.plan_total_cents",
  "installment.plan_remaining_cents",
] as const;

/**
 * The quote messages (quote.sent / quote.expiry, built by src/app/quotes/build-quote-message.ts): the quote, its
 * validity and its deposit. They have no invoices (`invoices` is empty, `totals` zero).
 */
const QUOTE = [
  "quote.number",
  "quote.issue_date",
  "quote.valid_until",
  "quote.total_ht_cents",
  "quote.total_vat_cents",
  "quote.total_ttc_cents",
  "quote.deposit_percent",
  "quote.deposit_cents",
] as const;

/** The variables a template of this key can read. */
export function templateVariables(key: string): readonly string[] {
  if (key.startsWith("quote.")) return [...COMMON, ...QUOTE];
  return key.startsWith("plan.") ? [...COMMON, ...INSTALLMENT] : [...COMMON, ...SEQUENCE];
}
