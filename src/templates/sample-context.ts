import type { Locale } from "../core/messages.js";
import type { MessageContext } from "./context.js";

/**
 * A realistic French case, for previews and for checkTemplate: a graphic designer (EI) chasing a bakery for two
 * invoices on 26 November 2026, one of them partly paid. Penalties at 12.40 % a year (ECB 2.40 % + 10 points),
 * actual/365, rounded half up: 1 800,00 € × 12.40 % × 42 / 365 = 25,68 €; 520,80 € × 12.40 % × 26 / 365 = 4,60 €.
 * Only the signature follows the locale. A fresh object on every call.
 */
export function sampleContext(locale: Locale): MessageContext {
  const invoices = [
    {
      number: "F-2026-0112",
      issue_date: "2026-09-15",
      due_date: "2026-10-15",
      total_cents: 180_000,
      balance_cents: 180_000,
      days_late: 42,
      penalty_cents: 2_568,
      indemnity_cents: 4_000,
      interest_cents: 0,
    },
    {
      number: "F-2026-0127",
      issue_date: "2026-10-01",
      due_date: "2026-10-31",
      total_cents: 96_000,
      balance_cents: 52_080,
      days_late: 26,
      penalty_cents: 460,
      indemnity_cents: 4_000,
      interest_cents: 0,
    },
  ];
  const sum = (pick: (i: (typeof invoices)[number]) => number) => invoices.reduce((s, i) => s + pick(i), 0);
  const totals = {
    balance_cents: sum((i) => i.balance_cents),
    penalty_cents: sum((i) => i.penalty_cents),
    indemnity_cents: sum((i) => i.indemnity_cents),
    interest_cents: sum((i) => i.interest_cents),
    claim_cents: 0,
  };
  totals.claim_cents =
    totals.balance_cents + totals.penalty_cents + totals.indemnity_cents + totals.interest_cents;
  const iban = "FR76 3000 6000 0112 3456 7890 189";
  const bic = "AGRIFRPP";
  const trade = locale === "fr" ? "graphisme et identité visuelle" : "graphic design and visual identity";
  return {
    today: "2026-11-26",
    organization: {
      name: "Claire Martin Design",
      legal_form: "EI",
      siren: "812345676",
      vat_number: "FR19812345676",
      address: "12 rue des Tanneurs\n69001 Lyon",
      email: "contact@clairemartin-design.fr",
      phone: "06 12 34 56 78",
      iban,
      bic,
      signature: `Claire Martin\nClaire Martin Design – ${trade}\n06 12 34 56 78`,
    },
    client: { name: "Boulangerie Durand SARL", kind: "business", score: 64, grade: "B", tone: "firm" },
    contact: { name: "Marc Durand", email: "compta@boulangerie-durand.fr" },
    invoices,
    totals,
    payment: { iban, bic, reference: "F-2026-0112 F-2026-0127", qr_code_url: "cid:epc-qr@relance" },
    step: { offset_days: 8, tone: "firm" },
    deadline_date: "2026-12-10",
    portal_url:
      "https://relance.clairemartin-design.fr/p/0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b.Xq3vM9kLp2RtY7wZc4Hn8Jd1Fs6Gb0Ae5Ki3Uo9Vx2E",
    // the installment reminders' (échéancier): the two invoices settled in three monthly installments
    installment: {
      position: 1,
      count: 3,
      due_date: "2026-11-29",
      grace_end_date: "2026-12-04",
      amount_cents: 77_360,
      paid_cents: 0,
      remaining_cents: 77_360,
      plan_total_cents: 232_080,
      plan_remaining_cents: 232_080,
    },
    // the quote messages' (devis): a new shop front, 30 % deposit asked on acceptance
    quote: {
      number: "D-2026-031",
      issue_date: "2026-11-20",
      valid_until: "2026-12-20",
      total_ht_cents: 240_000,
      total_vat_cents: 48_000,
      total_ttc_cents: 288_000,
      deposit_percent: 30,
      deposit_cents: 86_400,
    },
  };
}
