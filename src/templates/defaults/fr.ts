/**
 * The French default messages (LAW.md §2, §4, §5, §12). B2B: friendly before the due date, courteous the day
 * after, firm with penalties (L441-10) and the recovery indemnity (D441-5), a last reminder, then the mise en
 * demeure. B2C: softer, never penalties nor the indemnity (forbidden, CPCE L111-8); interest at the legal rate
 * only from the mise en demeure (C. civ. 1231-6, 1344-1). Courteous, then firm, never threatening.
 */
import type { TemplateSpec } from "./compose.js";
import { NUMBERS, plural, words } from "./parts.js";

type Kind =
  | "pre_due"
  | "reminder_1"
  | "reminder_2"
  | "final_reminder"
  | "mise_en_demeure"
  | "reminder_letter";

const CONTACT = words("fr").contactUs;
const deadline = (until: string, otherwise: string) =>
  `{% if deadline_date %}${until} {{ deadline_date | day }}{% else %}${otherwise}{% endif %}`;
const PENALTIES_DUE = "totals.penalty_cents > 0 or totals.indemnity_cents > 0";
const FORMAL_CLOSING = "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.";

export const B2B_FR: Record<Kind, TemplateSpec> = {
  pre_due: {
    subject: `Échéance prochaine : ${plural("facture", "factures")} n° ${NUMBERS}`,
    greeting: "friendly",
    body: [
      `Pour mémoire, ${plural("la facture ci-dessous arrive", "les factures ci-dessous arrivent")} à échéance dans les prochains jours :`,
      { invoices: "due" },
      { amounts: "due" },
      "payment",
      "portal",
      "Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message. Nous restons à votre disposition pour toute question.",
    ],
    closing: "Bien cordialement,",
  },
  reminder_1: {
    subject: `Relance : ${plural("facture", "factures")} n° ${NUMBERS} en attente de règlement`,
    greeting: "friendly",
    body: [
      `Sauf erreur de notre part, ${plural("la facture ci-dessous, arrivée à échéance, n'a", "les factures ci-dessous, arrivées à échéance, n'ont")} pas encore été ${plural("réglée", "réglées")} :`,
      { invoices: "late" },
      { amounts: "balance" },
      "Il s'agit sans doute d'un simple oubli : nous vous remercions de bien vouloir procéder au règlement dès que possible.",
      "payment",
      "portal",
      `Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message. Pour toute question sur ${plural("cette facture", "ces factures")}, ${CONTACT}.`,
    ],
    closing: "Bien cordialement,",
  },
  reminder_2: {
    subject: `Deuxième relance : ${plural("facture impayée", "factures impayées")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Malgré notre précédente relance, ${plural("la facture ci-dessous reste impayée", "les factures ci-dessous restent impayées")} à ce jour :`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "Nous vous rappelons que tout retard de paiement fait courir de plein droit, sans qu'un rappel soit nécessaire, des pénalités de retard (article L441-10 du Code de commerce), ainsi qu'une indemnité forfaitaire pour frais de recouvrement due pour chaque facture (article D441-5 du même code). Au {{ today | day }}, les sommes dues s'établissent ainsi :",
      },
      { amounts: "claim" },
      `Nous vous demandons de bien vouloir régler ces sommes ${deadline("au plus tard le", "sous huit jours")}.`,
      "payment",
      "portal",
      "Si vous rencontrez une difficulté, contactez-nous sans attendre : nous chercherons ensemble une solution. Si le règlement a été effectué entre-temps, merci de ne pas tenir compte de ce message.",
    ],
    closing: "Cordialement,",
  },
  final_reminder: {
    subject: `Dernière relance avant mise en demeure : ${plural("facture", "factures")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Malgré nos relances, ${plural("la facture ci-dessous demeure impayée", "les factures ci-dessous demeurent impayées")} :`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "Conformément aux articles L441-10 et D441-5 du Code de commerce, des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement s'ajoutent au principal. Au {{ today | day }}, le montant dû s'établit ainsi :",
      },
      { amounts: "claim" },
      `Il s'agit de notre dernière relance amiable. Sans règlement de votre part ${deadline("au plus tard le", "dans un délai de huit jours")}, nous vous adresserons une mise en demeure par lettre recommandée avec accusé de réception.`,
      "payment",
      "portal",
      "Si un désaccord ou une difficulté de paiement explique ce retard, contactez-nous avant cette date : un échéancier peut être envisagé.",
    ],
    closing: FORMAL_CLOSING,
  },
  mise_en_demeure: {
    subject: `Mise en demeure de payer : ${plural("facture", "factures")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Malgré nos relances restées sans effet, ${plural("la facture suivante demeure impayée", "les factures suivantes demeurent impayées")} à ce jour :`,
      { invoices: "late" },
      "Par la présente, nous vous mettons en demeure de nous régler la somme de {{ totals.claim_cents | money }}, qui se décompose comme suit :",
      { amounts: "claim" },
      {
        when: PENALTIES_DUE,
        text: "Les pénalités de retard sont dues de plein droit à compter du lendemain de la date d'échéance (article L441-10 du Code de commerce) ; l'indemnité forfaitaire pour frais de recouvrement est due pour chaque facture payée en retard (article D441-5 du même code).",
      },
      `Ce règlement doit nous parvenir ${deadline("au plus tard le", "dans un délai de quinze jours à compter de la réception de la présente")}. La présente lettre vaut mise en demeure au sens de l'article 1344 du Code civil.`,
      "payment",
      "portal",
      "À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire.",
    ],
    closing: FORMAL_CLOSING,
  },
  reminder_letter: {
    subject: `Relance : ${plural("facture impayée", "factures impayées")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Sauf erreur ou omission de notre part, ${plural("la facture ci-dessous reste impayée", "les factures ci-dessous restent impayées")} à ce jour, malgré nos précédents rappels :`,
      { invoices: "late" },
      {
        when: PENALTIES_DUE,
        text: "Nous vous rappelons que tout retard de paiement fait courir de plein droit des pénalités de retard (article L441-10 du Code de commerce) et une indemnité forfaitaire pour frais de recouvrement due pour chaque facture (article D441-5 du même code). Au {{ today | day }}, les sommes dues s'établissent ainsi :",
      },
      { amounts: "claim" },
      `Nous vous prions de bien vouloir régler ces sommes ${deadline("au plus tard le", "sous huit jours")}.`,
      "payment",
      "portal",
      `Si ce règlement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce courrier. En cas de difficulté, ${CONTACT}.`,
    ],
    closing: FORMAL_CLOSING,
  },
};

export const B2C_FR: Record<Kind, TemplateSpec> = {
  pre_due: {
    subject: `${plural("Votre facture", "Vos factures")} n° ${NUMBERS} ${plural("arrive", "arrivent")} bientôt à échéance`,
    greeting: "friendly",
    body: [
      `Nous vous rappelons que ${plural("la facture ci-dessous arrive", "les factures ci-dessous arrivent")} à échéance dans les prochains jours :`,
      { invoices: "due" },
      { amounts: "due" },
      "payment",
      "portal",
      "Si vous avez déjà effectué le règlement, merci de ne pas tenir compte de ce message. Nous restons à votre disposition pour toute question.",
    ],
    closing: "Bien cordialement,",
  },
  reminder_1: {
    subject: `Rappel : ${plural("facture", "factures")} n° ${NUMBERS} en attente de règlement`,
    greeting: "friendly",
    body: [
      `Sauf erreur de notre part, nous n'avons pas encore reçu le règlement ${plural("de la facture ci-dessous, arrivée", "des factures ci-dessous, arrivées")} à échéance :`,
      { invoices: "late" },
      { amounts: "consumer" },
      "Il s'agit probablement d'un simple oubli : pourriez-vous procéder au règlement dès que possible ?",
      "payment",
      "portal",
      `Si votre paiement est déjà parti, merci de ne pas tenir compte de ce message. Pour toute question, ${CONTACT}.`,
    ],
    closing: "Bien cordialement,",
  },
  reminder_2: {
    subject: `Deuxième rappel : ${plural("facture", "factures")} n° ${NUMBERS} en attente de règlement`,
    greeting: "friendly",
    body: [
      `Nous revenons vers vous au sujet ${plural("de la facture ci-dessous, qui reste impayée", "des factures ci-dessous, qui restent impayées")} malgré notre précédent message :`,
      { invoices: "late" },
      { amounts: "consumer" },
      `Nous vous remercions de bien vouloir en effectuer le règlement ${deadline("d'ici le", "dans les prochains jours")}.`,
      "payment",
      "portal",
      `Si vous avez des difficultés à régler cette somme en une fois, ${CONTACT} : nous pouvons convenir ensemble d'un paiement en plusieurs fois.`,
    ],
    closing: "Cordialement,",
  },
  final_reminder: {
    subject: `Dernier rappel avant mise en demeure : ${plural("facture", "factures")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      `Malgré nos précédents messages, ${plural("la facture ci-dessous reste impayée", "les factures ci-dessous restent impayées")} :`,
      { invoices: "late" },
      { amounts: "consumer" },
      `Sans règlement de votre part ${deadline("au plus tard le", "dans un délai de huit jours")}, nous serons contraints de vous adresser une mise en demeure par lettre recommandée avec accusé de réception ; la somme due portera alors intérêts au taux légal à compter de sa réception.`,
      "payment",
      "portal",
      "Si vous rencontrez des difficultés de paiement, contactez-nous avant cette date : nous pouvons convenir d'un échéancier.",
    ],
    closing: FORMAL_CLOSING,
  },
  mise_en_demeure: {
    subject: `Mise en demeure de payer : ${plural("facture", "factures")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Malgré nos relances, ${plural("la facture suivante demeure impayée", "les factures suivantes demeurent impayées")} à ce jour :`,
      { invoices: "late" },
      `Par la présente, nous vous mettons en demeure de nous régler la somme de {{ totals.balance_cents | plus: totals.interest_cents | money }} ${deadline("au plus tard le", "dans un délai de quinze jours à compter de la réception de ce courrier")}.`,
      { amounts: "consumer" },
      "Conformément aux articles 1231-6 et 1344-1 du Code civil, cette somme portera intérêts au taux légal à compter de la réception de la présente mise en demeure.",
      "payment",
      "portal",
      "À défaut de règlement dans ce délai, nous pourrons saisir la juridiction compétente afin d'obtenir le paiement de notre créance. Si vous rencontrez des difficultés, contactez-nous sans attendre : une solution amiable, comme un paiement échelonné, reste possible.",
    ],
    closing: FORMAL_CLOSING,
  },
  reminder_letter: {
    subject: `Rappel : ${plural("facture impayée", "factures impayées")} n° ${NUMBERS}`,
    greeting: "formal",
    body: [
      "parties",
      `Sauf erreur de notre part, ${plural("la facture ci-dessous reste impayée", "les factures ci-dessous restent impayées")} à ce jour, malgré nos précédents rappels :`,
      { invoices: "late" },
      { amounts: "consumer" },
      `Nous vous remercions de bien vouloir en effectuer le règlement ${deadline("au plus tard le", "dans les prochains jours")}.`,
      "payment",
      "portal",
      `Si ce règlement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce courrier. En cas de difficulté, ${CONTACT} : nous pouvons convenir ensemble d'un paiement en plusieurs fois.`,
    ],
    closing: FORMAL_CLOSING,
  },
};
