import { formatIsoDate, parseIsoDate } from "../core/calendar.js";
import type { LetterCase, Wording } from "./wording.js";

const NB = "\u00A0"; // before ":" and inside "n° 12", as French typography wants
const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "26 novembre 2026", "1er décembre 2026". */
function longDate(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d.ok) return iso;
  const { day, month, year } = d.value;
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`;
}

const plural = (c: LetterCase, one: string, many: string) => (c.count > 1 ? many : one);

export const wordingFr: Wording = {
  longDate,
  shortDate: (iso) => formatIsoDate(iso, "fr"),
  placeDate: (place, iso) => (place ? `${place}, le ${longDate(iso)}` : `Le ${longDate(iso)}`),
  registered: (number) =>
    `Lettre recommandée avec accusé de réception${number ? ` n°${NB}${number.replace(/ /g, NB)}` : ""}`,
  object: (c, first) => {
    const what = c.kind === "mise_en_demeure" ? "Mise en demeure de payer" : "Relance pour facture impayée";
    const which = c.count > 1 ? `${c.count} factures impayées` : `facture n°${NB}${first}`;
    return `Objet${NB}: ${what} – ${which}`;
  },
  attention: (name) => `À l'attention de ${name}`,
  salutation: () => "Madame, Monsieur,",
  opening: (c) =>
    c.kind === "mise_en_demeure"
      ? plural(
          c,
          "Sauf erreur de notre part, la facture ci-dessous, arrivée à échéance, demeure impayée à ce jour malgré nos précédentes relances.",
          `Sauf erreur de notre part, les ${c.count} factures ci-dessous, arrivées à échéance, demeurent impayées à ce jour malgré nos précédentes relances.`,
        )
      : plural(
          c,
          "Sauf erreur ou omission de notre part, nous n'avons pas encore reçu le règlement de la facture ci-dessous, arrivée à échéance.",
          `Sauf erreur ou omission de notre part, nous n'avons pas encore reçu le règlement des ${c.count} factures ci-dessous, arrivées à échéance.`,
        ),
  columns: {
    number: "Facture n°",
    issue: "Date",
    due: "Échéance",
    total: "Montant TTC",
    balance: "Reste dû",
    late: "Jours de retard",
  },
  breakdownTitle: "Décompte des sommes dues",
  principal: "Principal restant dû",
  penalties: (rate) =>
    `Pénalités de retard (art. L441-10 C. com., ${rate ?? "taux BCE + 10 points, sauf taux contractuel"})`,
  indemnity: (perInvoice) =>
    `Indemnité forfaitaire pour frais de recouvrement (art. D441-5 C. com.${perInvoice ? `, 40${NB}€ par facture` : ""})`,
  interest: "Intérêts au taux légal (art. 1231-6 et 1344-1 C. civ.)",
  total: "Total dû",
  demand: (c, total, deadline) =>
    c.kind === "mise_en_demeure"
      ? `Par la présente, valant mise en demeure, nous vous demandons de nous régler la somme totale de ${total} au plus tard le ${deadline}.`
      : `Nous vous remercions de bien vouloir procéder au règlement de la somme de ${total} au plus tard le ${deadline}.`,
  legal: (c) => {
    if (c.kind === "mise_en_demeure") {
      return c.professional
        ? "Nous vous rappelons que les pénalités de retard sont exigibles de plein droit dès le lendemain de la date d'échéance, sans qu'un rappel soit nécessaire (art. L441-10 du Code de commerce), et qu'elles continuent de courir jusqu'au complet paiement."
        : "Conformément aux articles 1231-6 et 1344-1 du Code civil, la présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues jusqu'à leur complet paiement.";
    }
    return c.professional
      ? `Nous vous rappelons qu'en application de l'article L441-10 du Code de commerce, tout retard de paiement entraîne de plein droit des pénalités de retard, ainsi qu'une indemnité forfaitaire de 40${NB}€ pour frais de recouvrement (art. D441-5 du Code de commerce).`
      : null;
  },
  payment: {
    title: "Règlement par virement bancaire",
    beneficiary: `Bénéficiaire${NB}:`,
    iban: `IBAN${NB}:`,
    bic: `BIC${NB}:`,
    reference: `Référence à indiquer${NB}:`,
    qr: "QR code de paiement (EPC)",
  },
  nextStep: (c) =>
    c.kind === "mise_en_demeure"
      ? `À défaut de paiement intégral dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire à votre encontre${NB}: requête en injonction de payer auprès du tribunal compétent ou recours à un commissaire de justice.`
      : "Si votre règlement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce courrier.",
  portal: `Consultez vos factures, payez ou signalez un paiement en ligne${NB}:`,
  contact: (email, phone) => {
    const ways = [email && `à ${email}`, phone && `au ${phone}`].filter(Boolean).join(" ou ");
    return ways ? `Pour toute question, vous pouvez nous joindre ${ways}.` : null;
  },
  closing: (c) =>
    c.kind === "mise_en_demeure"
      ? "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
      : "Dans l'attente de votre règlement, nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
  runningHead: (c, iso) =>
    `${c.kind === "mise_en_demeure" ? "Mise en demeure" : "Relance"} du ${formatIsoDate(iso, "fr")}`,
  identity: { siren: "SIREN", vat: "TVA intracommunautaire", phone: "Tél." },
};
