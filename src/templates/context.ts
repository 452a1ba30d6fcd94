/**
 * What a message template can read. Amounts are integer cents (format them with `| money`), dates are
 * "YYYY-MM-DD" strings (format them with `| day` or `| short_day`).
 */
export interface MessageContext {
  today: string;
  organization: {
    name: string;
    legal_form: string | null;
    siren: string | null;
    vat_number: string | null;
    address: string;
    email: string | null;
    phone: string | null;
    iban: string | null;
    bic: string | null;
    signature: string;
  };
  client: {
    name: string;
    kind: "business" | "consumer" | "public";
    /** The payment score (docs/calls.md): 0–100, null without history; its grade A–D; the tone it calls for. */
    score?: number | null;
    grade?: "A" | "B" | "C" | "D" | null;
    tone?: "friendly" | "firm" | "formal";
  };
  contact: { name: string | null; email: string | null } | null;
  invoices: {
    number: string;
    issue_date: string;
    due_date: string;
    total_cents: number;
    balance_cents: number;
    days_late: number;
    penalty_cents: number;
    indemnity_cents: number;
    interest_cents: number;
  }[];
  totals: {
    balance_cents: number;
    penalty_cents: number;
    indemnity_cents: number;
    interest_cents: number;
    claim_cents: number;
  };
  payment: { iban: string | null; bic: string | null; reference: string; qr_code_url: string | null };
  step: { offset_days: number; tone: "friendly" | "firm" | "formal" };
  deadline_date: string | null;
  /**
   * The client portal's address for this client (docs/portal.md: a signed form of the client's link), null when it
   * cannot be given (no RELANCE_SECRET_KEY). Test it: `{% if portal_url %}…{% endif %}`.
   */
  portal_url: string | null;
  /** A payment plan's installment (échéancier): set in the installment reminders only. */
  installment?: {
    position: number;
    count: number;
    due_date: string;
    /** The last day it can be paid before the plan breaks (déchéance du terme). */
    grace_end_date: string;
    amount_cents: number;
    paid_cents: number;
    /** What is left to pay on this installment. */
    remaining_cents: number;
    plan_total_cents: number;
    /** What is left to pay on the whole plan. */
    plan_remaining_cents: number;
  } | null;
  /** A quote (devis): set in the quote messages only (`quote.sent`, `quote.expiry`, docs/quotes.md). */
  quote?: {
    number: string;
    issue_date: string;
    /** The last day the offer stands; null: no limit. */
    valid_until: string | null;
    total_ht_cents: number;
    total_vat_cents: number;
    total_ttc_cents: number;
    /** 0 when no deposit (acompte) is asked. */
    deposit_percent: number;
    deposit_cents: number;
  } | null;
}
