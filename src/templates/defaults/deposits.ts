/**
 * The default reminders of an unpaid deposit invoice (facture d'acompte, docs/quotes.md), French and English: the
 * deposit asked when the client accepted a quote, due on issue. A short sequence: a courteous reminder a few days
 * after acceptance, a firmer one a week later — both say the work starts once the deposit is received. No penalties
 * nor the 40 € indemnity are put forward: the relation is starting, the point is to get the work going.
 */
import type { TemplateSpec } from "./compose.js";
import { NUMBERS, plural, words } from "./parts.js";

export type DepositMessage = "reminder_1" | "reminder_2";

export const DEPOSIT_FR: Record<DepositMessage, TemplateSpec> = {
  reminder_1: {
    subject: `Acompte en attente : ${plural("facture d'acompte", "factures d'acompte")} n° ${NUMBERS}`,
    greeting: "friendly",
    body: [
      "Merci encore d'avoir accepté notre devis. Sauf erreur de notre part, l'acompte prévu à la commande ne nous est pas encore parvenu :",
      { invoices: "due" },
      { amounts: "balance" },
      "Les travaux pourront commencer dès réception de l'acompte : nous vous remercions de procéder au règlement dès que possible.",
      "payment",
      "portal",
      `Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message. Pour toute question, ${words("fr").contactUs}.`,
    ],
    closing: "Bien cordialement,",
  },
  reminder_2: {
    subject: `Deuxième rappel : acompte non reçu (n° ${NUMBERS})`,
    greeting: "friendly",
    body: [
      "Malgré notre précédent message, l'acompte prévu à l'acceptation de notre devis reste impayé à ce jour :",
      { invoices: "late" },
      { amounts: "balance" },
      "Comme convenu, les travaux ne commenceront qu'à réception de l'acompte. Sans règlement de votre part, nous ne serons pas en mesure de maintenir le planning prévu.",
      "payment",
      "portal",
      `Si vous rencontrez une difficulté, ${words("fr").contactUs} : nous trouverons une solution ensemble.`,
    ],
    closing: "Bien cordialement,",
  },
};

export const DEPOSIT_EN: Record<DepositMessage, TemplateSpec> = {
  reminder_1: {
    subject: `Deposit pending: ${plural("deposit invoice", "deposit invoices")} no. ${NUMBERS}`,
    greeting: "friendly",
    body: [
      "Thank you again for accepting our quote. Unless we are mistaken, the deposit due on acceptance has not reached us yet:",
      { invoices: "due" },
      { amounts: "balance" },
      "The work can start as soon as the deposit is received: thank you for paying it at your earliest convenience.",
      "payment",
      "portal",
      `If you have paid in the meantime, please disregard this message. For any question, ${words("en").contactUs}.`,
    ],
    closing: "Kind regards,",
  },
  reminder_2: {
    subject: `Second reminder: deposit not received (no. ${NUMBERS})`,
    greeting: "friendly",
    body: [
      "Despite our previous message, the deposit due on acceptance of our quote is still unpaid:",
      { invoices: "late" },
      { amounts: "balance" },
      "As agreed, the work will only start once the deposit is received. Without your payment, we will not be able to keep the planned schedule.",
      "payment",
      "portal",
      `If you are facing a difficulty, ${words("en").contactUs}: we will find a solution together.`,
    ],
    closing: "Kind regards,",
  },
};
