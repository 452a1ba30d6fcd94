/**
 * The default installment reminders of a payment plan (échéancier, docs/plans.md), French and English: three days
 * before an installment (J−3) and the day after it when it is unpaid (J+1, with the déchéance du terme the plan's
 * acknowledgement of debt provides). Courteous, never threatening.
 */
import type { TemplateSpec } from "./compose.js";

const I = "installment";
export type PlanStep = "installment_before" | "installment_after";

export const PLAN_FR: Record<PlanStep, TemplateSpec> = {
  installment_before: {
    subject: `Échéancier : échéance n° {{ ${I}.position }}/{{ ${I}.count }} de {{ ${I}.remaining_cents | money }} le {{ ${I}.due_date | short_day }}`,
    greeting: "friendly",
    body: [
      `Pour mémoire, l'échéance n° {{ ${I}.position }} sur {{ ${I}.count }} de l'échéancier convenu ensemble arrive le {{ ${I}.due_date | day }} : {{ ${I}.remaining_cents | money }}.`,
      "L'échéancier porte sur les factures suivantes :",
      { invoices: "due" },
      { amounts: "balance" },
      "payment",
      "portal",
      "Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message. Nous vous remercions du respect de l'échéancier.",
    ],
    closing: "Bien cordialement,",
  },
  installment_after: {
    subject: `Échéancier : échéance du {{ ${I}.due_date | short_day }} non reçue ({{ ${I}.remaining_cents | money }})`,
    greeting: "friendly",
    body: [
      `Sauf erreur de notre part, l'échéance n° {{ ${I}.position }} sur {{ ${I}.count }} de votre échéancier, prévue le {{ ${I}.due_date | day }}, ne nous est pas parvenue : {{ ${I}.remaining_cents | money }}.`,
      `Nous vous remercions de la régler au plus tard le {{ ${I}.grace_end_date | day }}. Au-delà, conformément à la reconnaissance de dette signée, l'échéancier serait rompu et la totalité du solde deviendrait immédiatement exigible (déchéance du terme).`,
      { invoices: "due" },
      { amounts: "balance" },
      "payment",
      "portal",
      "Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message ; en cas de difficulté, contactez-nous avant cette date.",
    ],
    closing: "Bien cordialement,",
  },
};

export const PLAN_EN: Record<PlanStep, TemplateSpec> = {
  installment_before: {
    subject: `Payment plan: installment {{ ${I}.position }}/{{ ${I}.count }} of {{ ${I}.remaining_cents | money }} on {{ ${I}.due_date | short_day }}`,
    greeting: "friendly",
    body: [
      `As a reminder, installment {{ ${I}.position }} of {{ ${I}.count }} of the payment plan (échéancier) we agreed is due on {{ ${I}.due_date | day }}: {{ ${I}.remaining_cents | money }}.`,
      "The plan covers the invoices below:",
      { invoices: "due" },
      { amounts: "balance" },
      "payment",
      "portal",
      "If the payment is already scheduled, please disregard this message. Thank you for keeping to the plan.",
    ],
    closing: "Kind regards,",
  },
  installment_after: {
    subject: `Payment plan: installment of {{ ${I}.due_date | short_day }} not received ({{ ${I}.remaining_cents | money }})`,
    greeting: "friendly",
    body: [
      `Unless we are mistaken, installment {{ ${I}.position }} of {{ ${I}.count }} of your payment plan, due on {{ ${I}.due_date | day }}, has not reached us: {{ ${I}.remaining_cents | money }}.`,
      `Please pay it by {{ ${I}.grace_end_date | day }} at the latest. After that date, under the signed acknowledgement of debt, the plan would end and the whole balance would fall due at once (déchéance du terme, acceleration clause).`,
      { invoices: "due" },
      { amounts: "balance" },
      "payment",
      "portal",
      "If you have paid in the meantime, please disregard this message; if you have a difficulty, contact us before that date.",
    ],
    closing: "Kind regards,",
  },
};
