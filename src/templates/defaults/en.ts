/** The English default messages: the same steps, amounts and legal references as fr.ts (see there). */
import type { TemplateSpec } from "./compose.js";
import { NUMBERS, plural, words } from "./parts.js";

type Kind =
  | "pre_due"
  | "reminder_1"
  | "reminder_2"
  | "final_reminder"
  | "mise_en_demeure"
  | "reminder_letter";

const CONTACT = words("en").contactUs;
const deadline = (until: string, otherwise: string) =>
  `{% if deadline_date %}${until} {{ deadline_date | day }}{% else %}${otherwise}{% endif %}`;
const PENALTIES_DUE = "totals.penalty_cents > 0 or totals.indemnity_cents > 0";
const INVOICES = plural("invoice", "invoices");

export const B2B_EN: Record<Kind, TemplateSpec> = {
  pre_due: {
    subject: `Upcoming due date: ${INVOICES} ${NUMBERS}`,
    greeting: "friendly",
    body: [
      `This is a friendly reminder that ${plural("the invoice below falls", "the invoices below fall")} due in the next few days:`,
      { invoices: "due" },
      { amounts: "due" },
      "payment",
      "portal",
      "If payment is already scheduled, please disregard this message. We remain at your disposal for any question.",
    ],
    closing: "Kind regards,",
  },
  reminder_1: {
    subject: `Reminder: ${INVOICES} ${NUMBERS} awaiting payment`,
    greeting: "friendly",
    body: [
      `Unless we are mistaken, ${plural("the invoice below, now due, has", "the invoices below, now due, have")} not been paid yet:`,
      { invoices: "late" },
      { amounts: "balance" },
      "This is probably a simple oversight: we would be grateful if you could arrange payment as soon as possible.",
      "payment",
      "portal",
      `If you have paid in the meantime, please disregard this message. If you have any question about ${plural("this invoice", "these invoices")}, please ${CONTACT}.`,
    ],
    closing: "Kind regards,",
  },
  reminder_2: {
    subject: `Second reminder: unpaid ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Despite our previous reminder, ${plural("the invoice below remains", "the invoices below remain")} unpaid:`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "We would remind you that any late payment automatically incurs late-payment penalties, without any reminder being required (Article L441-10 of the French Commercial Code), as well as a fixed indemnity for recovery costs for each invoice (Article D441-5 of the same code). As of {{ today | day }}, the amounts due are as follows:",
      },
      { amounts: "claim" },
      `Please pay these amounts ${deadline("by", "within eight days")}.`,
      "payment",
      "portal",
      "If you are facing any difficulty, please contact us without delay so that we can find a solution together. If payment has been made in the meantime, please disregard this message.",
    ],
    closing: "Regards,",
  },
  final_reminder: {
    subject: `Final reminder before formal notice: ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Despite our reminders, ${plural("the invoice below is", "the invoices below are")} still unpaid:`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "Under Articles L441-10 and D441-5 of the French Commercial Code, late-payment penalties and a fixed indemnity for recovery costs are added to the principal. As of {{ today | day }}, the amount due is as follows:",
      },
      { amounts: "claim" },
      `This is our last amicable reminder. If we do not receive payment ${deadline("by", "within eight days")}, we will send you a formal notice by registered letter with acknowledgement of receipt.`,
      "payment",
      "portal",
      "If a disagreement or a payment difficulty explains this delay, please contact us before that date: a payment schedule can be considered.",
    ],
    closing: "Yours faithfully,",
  },
  mise_en_demeure: {
    subject: `Formal notice to pay: ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Despite our reminders, which have gone unanswered, ${plural("the following invoice remains", "the following invoices remain")} unpaid:`,
      { invoices: "late" },
      "We hereby give you formal notice to pay the sum of {{ totals.claim_cents | money }}, broken down as follows:",
      { amounts: "claim" },
      {
        when: PENALTIES_DUE,
        text: "Late-payment penalties are due automatically from the day after the due date (Article L441-10 of the French Commercial Code); the fixed indemnity for recovery costs is due for each invoice paid late (Article D441-5 of the same code).",
      },
      `Payment must reach us ${deadline("by", "within fifteen days of receipt of this letter")}. This letter constitutes a formal notice (mise en demeure) within the meaning of Article 1344 of the French Civil Code.`,
      "payment",
      "portal",
      "Failing payment within this period, we will take legal action to recover the debt without further notice.",
    ],
    closing: "Yours faithfully,",
  },
  reminder_letter: {
    subject: `Reminder: unpaid ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Unless we are mistaken, ${plural("the invoice below remains", "the invoices below remain")} unpaid to date, despite our previous reminders:`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "We would remind you that any late payment automatically incurs late-payment penalties (Article L441-10 of the French Commercial Code) and a fixed indemnity for recovery costs for each invoice (Article D441-5 of the same code). As of {{ today | day }}, the amounts due are as follows:",
      },
      { amounts: "claim" },
      `Please pay these amounts ${deadline("by", "within eight days")}.`,
      "payment",
      "portal",
      `If payment has been made in the meantime, please disregard this letter. Should you have any difficulty, please ${CONTACT}.`,
    ],
    closing: "Yours faithfully,",
  },
};

export const B2C_EN: Record<Kind, TemplateSpec> = {
  pre_due: {
    subject: `Your ${INVOICES} ${NUMBERS} ${plural("is", "are")} due soon`,
    greeting: "friendly",
    body: [
      `This is a reminder that ${plural("the invoice below falls", "the invoices below fall")} due in the next few days:`,
      { invoices: "due" },
      { amounts: "due" },
      "payment",
      "portal",
      "If you have already paid, please disregard this message. Do not hesitate to contact us with any question.",
    ],
    closing: "Kind regards,",
  },
  reminder_1: {
    subject: `Reminder: ${INVOICES} ${NUMBERS} awaiting payment`,
    greeting: "friendly",
    body: [
      `Unless we are mistaken, we have not yet received payment for ${plural("the invoice below, which is now due", "the invoices below, which are now due")}:`,
      { invoices: "late" },
      { amounts: "consumer" },
      "This is probably a simple oversight: could you please arrange payment as soon as possible?",
      "payment",
      "portal",
      `If your payment is already on its way, please disregard this message. If you have any question, please ${CONTACT}.`,
    ],
    closing: "Kind regards,",
  },
  reminder_2: {
    subject: `Second reminder: ${INVOICES} ${NUMBERS} awaiting payment`,
    greeting: "friendly",
    body: [
      `We are writing again about ${plural("the invoice below, which remains", "the invoices below, which remain")} unpaid despite our previous message:`,
      { invoices: "late" },
      { amounts: "consumer" },
      `We would be grateful if you could settle the amount due ${deadline("by", "in the next few days")}.`,
      "payment",
      "portal",
      `If paying this amount in one go is difficult, please ${CONTACT}: we can agree on payment in instalments.`,
    ],
    closing: "Kind regards,",
  },
  final_reminder: {
    subject: `Final reminder before formal notice: ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Despite our previous messages, ${plural("the invoice below remains", "the invoices below remain")} unpaid:`,
      { invoices: "late" },
      { amounts: "consumer" },
      `If we do not receive payment ${deadline("by", "within eight days")}, we will have to send you a formal notice by registered letter with acknowledgement of receipt; the amount due will then bear interest at the legal rate from its receipt.`,
      "payment",
      "portal",
      "If you are having difficulty paying, please contact us before that date: we can agree on a payment schedule.",
    ],
    closing: "Yours faithfully,",
  },
  mise_en_demeure: {
    subject: `Formal notice to pay: ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Despite our reminders, ${plural("the following invoice remains", "the following invoices remain")} unpaid to date:`,
      { invoices: "late" },
      `We hereby give you formal notice to pay the sum of {{ totals.balance_cents | plus: totals.interest_cents | money }} ${deadline("by", "within fifteen days of receipt of this letter")}.`,
      { amounts: "consumer" },
      "Under Articles 1231-6 and 1344-1 of the French Civil Code, this sum will bear interest at the legal rate from receipt of this formal notice.",
      "payment",
      "portal",
      "Failing payment within this period, we may bring the matter before the competent court to obtain payment. If you are having difficulties, please contact us without delay: an amicable solution, such as payment in instalments, is still possible.",
    ],
    closing: "Yours faithfully,",
  },
  reminder_letter: {
    subject: `Reminder: unpaid ${INVOICES} ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Unless we are mistaken, ${plural("the invoice below remains", "the invoices below remain")} unpaid to date, despite our previous reminders:`,
      { invoices: "late" },
      { amounts: "consumer" },
      `We would be grateful if you could settle the amount due ${deadline("by", "in the next few days")}.`,
      "payment",
      "portal",
      `If payment has been made in the meantime, please disregard this letter. Should you have any difficulty, please ${CONTACT}: we can agree on payment in instalments.`,
    ],
    closing: "Yours faithfully,",
  },
};
