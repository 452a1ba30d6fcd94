/**
 * The words of the acknowledgement of debt (reconnaissance de dette) with its payment schedule, French and English.
 * The English version keeps the French legal terms, glossed (they are what a French court recognises), and the
 * handwritten mention of Code civil 1376 stays in French: the debtor copies it in their own hand.
 */
import { formatIsoDate } from "../core/calendar.js";
import type { Locale } from "../core/messages.js";
import { wordingFor } from "./wording.js";

export interface AcknowledgementWording {
  title: string;
  subtitle: string;
  between: string;
  creditorRole: string;
  debtorRole: string;
  representedBy(name: string): string;
  article1: string;
  acknowledges(words: string, figures: string, count: number): string;
  invoiceColumns: { number: string; issue: string; due: string; total: string; balance: string };
  total: string;
  article2: string;
  schedule(count: number, graceDays: number): string;
  scheduleColumns: { position: string; due: string; amount: string };
  payment(iban: string | null, reference: string): string;
  article3: string;
  acceleration(graceDays: number): string;
  article4: string;
  effects: string;
  madeAt(place: string | null, isoDate: string): string;
  mentionIntro: string;
  mention(words: string, figures: string): string;
  signCreditor: string;
  signDebtor: string;
  signature: string;
  longDate(iso: string): string;
  shortDate(iso: string): string;
  siren: string;
  page: string;
}

const fr: AcknowledgementWording = {
  title: "RECONNAISSANCE DE DETTE",
  subtitle: "et échéancier de paiement",
  between: "Entre les soussignés :",
  creditorRole: "ci-après « le créancier »,",
  debtorRole: "ci-après « le débiteur ».",
  representedBy: (name) => `représenté par ${name}`,
  article1: "Article 1 – Reconnaissance de dette",
  acknowledges: (words, figures, count) =>
    `Le débiteur reconnaît devoir au créancier la somme de ${words} (${figures}), au titre ${
      count > 1
        ? `des ${count} factures suivantes, restées impayées`
        : "de la facture suivante, restée impayée"
    } :`,
  invoiceColumns: {
    number: "Facture n°",
    issue: "Date",
    due: "Échéance",
    total: "Montant TTC",
    balance: "Reste dû",
  },
  total: "Total dû",
  article2: "Article 2 – Échéancier",
  schedule: (count, grace) =>
    `Le créancier accepte que cette somme soit réglée en ${count} échéance${count > 1 ? "s" : ""}, aux dates et pour les montants suivants${grace > 0 ? ` (chaque paiement devant parvenir au plus tard ${grace} jour${grace > 1 ? "s" : ""} après la date indiquée)` : ""} :`,
  scheduleColumns: { position: "Échéance", due: "Date", amount: "Montant" },
  payment: (iban, reference) =>
    iban
      ? `Les paiements sont faits par virement sur le compte du créancier (IBAN ${iban}), avec la référence « ${reference} ». Chaque paiement s'impute sur l'échéance la plus ancienne non encore réglée.`
      : `Chaque paiement, avec la référence « ${reference} », s'impute sur l'échéance la plus ancienne non encore réglée.`,
  article3: "Article 3 – Déchéance du terme",
  acceleration: (grace) =>
    `À défaut de paiement d'une seule échéance à sa date${grace > 0 ? `, augmentée d'un délai de grâce de ${grace} jour${grace > 1 ? "s" : ""}` : ""}, la déchéance du terme sera encourue : l'échéancier prendra fin et la totalité des sommes restant dues deviendra immédiatement exigible, ce que le créancier notifiera au débiteur par une mise en demeure adressée par lettre recommandée avec accusé de réception, avant d'en poursuivre le recouvrement par toute voie de droit.`,
  article4: "Article 4 – Effets",
  effects:
    "Tant que l'échéancier est respecté, le créancier suspend ses relances au titre des factures ci-dessus. La présente reconnaissance de dette interrompt le délai de prescription (article 2240 du Code civil), un nouveau délai courant à compter de sa signature.",
  madeAt: (place, iso) =>
    `Fait ${place ? `à ${place}, ` : ""}le ${longDateFr(iso)}, en deux exemplaires originaux, dont un pour chaque partie.`,
  mentionIntro:
    "Le débiteur fait précéder sa signature de la mention suivante, écrite de sa main (article 1376 du Code civil) :",
  mention: (words, figures) => `« Bon pour reconnaissance de dette de ${words} (${figures}). »`,
  signCreditor: "Le créancier",
  signDebtor: "Le débiteur",
  signature: "Date et signature",
  longDate: (iso) => longDateFr(iso),
  shortDate: (iso) => formatIsoDate(iso, "fr"),
  siren: "SIREN",
  page: "Reconnaissance de dette",
};

function longDateFr(iso: string): string {
  return wordingFor("fr").longDate(iso);
}

const en: AcknowledgementWording = {
  title: "ACKNOWLEDGEMENT OF DEBT",
  subtitle: "(reconnaissance de dette) and payment schedule (échéancier)",
  between: "Between the undersigned:",
  creditorRole: 'hereinafter "the creditor",',
  debtorRole: 'hereinafter "the debtor".',
  representedBy: (name) => `represented by ${name}`,
  article1: "Article 1 – Acknowledgement of debt",
  acknowledges: (words, figures, count) =>
    `The debtor acknowledges owing the creditor the sum of ${figures} (in French words: ${words}) for the following unpaid invoice${count > 1 ? "s" : ""}:`,
  invoiceColumns: {
    number: "Invoice",
    issue: "Date",
    due: "Due",
    total: "Total incl. VAT",
    balance: "Balance",
  },
  total: "Total owed",
  article2: "Article 2 – Payment schedule (échéancier)",
  schedule: (count, grace) =>
    `The creditor agrees that this sum be paid in ${count} installment${count > 1 ? "s" : ""}, on the following dates and for the following amounts${grace > 0 ? ` (each payment to arrive at the latest ${grace} day${grace > 1 ? "s" : ""} after the date shown)` : ""}:`,
  scheduleColumns: { position: "Installment", due: "Date", amount: "Amount" },
  payment: (iban, reference) =>
    iban
      ? `Payments are made by bank transfer to the creditor's account (IBAN ${iban}) with the reference "${reference}". Each payment goes to the earliest installment not yet paid.`
      : `Each payment, with the reference "${reference}", goes to the earliest installment not yet paid.`,
  article3: "Article 3 – Acceleration (déchéance du terme)",
  acceleration: (grace) =>
    `If a single installment is not paid on its date${grace > 0 ? ` plus a grace period of ${grace} day${grace > 1 ? "s" : ""}` : ""}, the déchéance du terme (acceleration) applies: the schedule ends and the whole balance still owed falls due at once, which the creditor notifies to the debtor by a formal notice (mise en demeure) sent by registered letter with acknowledgement of receipt before recovering it by any legal means.`,
  article4: "Article 4 – Effects",
  effects:
    "As long as the schedule is kept, the creditor suspends its reminders for the invoices above. This acknowledgement of debt interrupts the limitation period (prescription, Code civil article 2240); a new period runs from its signature.",
  madeAt: (place, iso) =>
    `Made ${place ? `in ${place}, ` : ""}on ${wordingFor("en").longDate(iso)}, in two originals, one for each party.`,
  mentionIntro:
    "Before signing, the debtor writes the following mention by hand, in French (Code civil article 1376):",
  mention: (words, figures) => `« Bon pour reconnaissance de dette de ${words} (${figures}). »`,
  signCreditor: "The creditor",
  signDebtor: "The debtor",
  signature: "Date and signature",
  longDate: (iso) => wordingFor("en").longDate(iso),
  shortDate: (iso) => formatIsoDate(iso, "en"),
  siren: "SIREN",
  page: "Acknowledgement of debt",
};

export function acknowledgementWording(locale: Locale): AcknowledgementWording {
  return locale === "en" ? en : fr;
}
