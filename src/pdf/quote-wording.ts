/** The printed words of a quote (devis), French and English. LAW.md §9; C. com. L441-10, D441-5; CGI 293 B. */
const NB = "\u00A0";

export interface QuoteWording {
  title(number: string): string;
  seller: string;
  buyer: string;
  issue: string;
  validUntil: string;
  noValidity: string;
  columns: { description: string; quantity: string; unit: string; vat: string; total: string };
  totalsTitle: string;
  totalHt: string;
  vat(rate: string): string;
  vatTotal: string;
  totalTtc: string;
  vatFranchise: string;
  depositTitle: string;
  deposit(percent: number, amount: string): string;
  remainder(amount: string): string;
  noDeposit: string;
  consumerAcompte: string;
  conditionsTitle: string;
  validity(date: string): string;
  paymentTerm(term: string): string;
  noDiscount: string;
  penalties(rate: string): string;
  indemnity: string;
  payTo(iban: string): string;
  agreementTitle: string;
  agreementText: string;
  date: string;
  signature: string;
  footer(number: string): string;
}

export const quoteFr: QuoteWording = {
  title: (number) => `Devis n°${NB}${number}`,
  seller: "Émetteur",
  buyer: "Client",
  issue: "Date du devis",
  validUntil: "Valable jusqu'au",
  noValidity: "Sans limite",
  columns: { description: "Désignation", quantity: "Qté", unit: "PU HT", vat: "TVA", total: "Total HT" },
  totalsTitle: "Montants",
  totalHt: "Total HT",
  vat: (rate) => `TVA ${rate}`,
  vatTotal: "Total TVA",
  totalTtc: "Total TTC",
  vatFranchise: "TVA non applicable, art. 293 B du CGI",
  depositTitle: "Acompte",
  deposit: (percent, amount) =>
    `Un acompte de ${percent}${NB}% du montant, soit ${amount} TTC, est demandé à l'acceptation du devis ; une facture d'acompte est émise à la signature. Les travaux commencent à réception de l'acompte.`,
  remainder: (amount) =>
    `Le solde, soit ${amount} TTC, fera l'objet de la facture de solde, qui déduira l'acompte versé.`,
  noDeposit: "Aucun acompte n'est demandé.",
  consumerAcompte:
    "Les sommes versées d'avance sont des acomptes et non des arrhes (art. L214-1 du Code de la consommation).",
  conditionsTitle: "Conditions",
  validity: (date) => `Ce devis est valable jusqu'au ${date} ; passé cette date, il doit être renouvelé.`,
  paymentTerm: (term) => `Paiement des factures : ${term} à compter de leur date d'émission.`,
  noDiscount: "Pas d'escompte pour paiement anticipé.",
  penalties: (rate) =>
    `En cas de retard de paiement, des pénalités de retard sont exigibles de plein droit dès le lendemain de la date d'échéance, au ${rate} (art. L441-10 du Code de commerce).`,
  indemnity: `Tout retard de paiement entraîne en outre une indemnité forfaitaire pour frais de recouvrement de 40${NB}€ (art. L441-10 et D441-5 du Code de commerce).`,
  payTo: (iban) => `Règlement par virement sur l'IBAN ${iban}.`,
  agreementTitle: "Bon pour accord",
  agreementText: "Devis reçu avant l'exécution des travaux, bon pour accord.",
  date: "Date :",
  signature: "Signature du client, précédée de la mention manuscrite « lu et approuvé, bon pour accord » :",
  footer: (number) => `Devis n°${NB}${number}`,
};

export const quoteEn: QuoteWording = {
  title: (number) => `Quote no. ${number}`,
  seller: "Issued by",
  buyer: "Client",
  issue: "Quote date",
  validUntil: "Valid until",
  noValidity: "No limit",
  columns: {
    description: "Description",
    quantity: "Qty",
    unit: "Unit price",
    vat: "VAT",
    total: "Net total",
  },
  totalsTitle: "Amounts",
  totalHt: "Total excl. VAT (HT)",
  vat: (rate) => `VAT ${rate}`,
  vatTotal: "Total VAT (TVA)",
  totalTtc: "Total incl. VAT (TTC)",
  vatFranchise:
    "VAT not applicable, art. 293 B of the French Tax Code (TVA non applicable, art. 293 B du CGI)",
  depositTitle: "Deposit",
  deposit: (percent, amount) =>
    `A deposit (acompte) of ${percent}% of the amount, i.e. ${amount} incl. VAT, is due on acceptance of this quote; a deposit invoice is issued on signature. Work starts once the deposit is received.`,
  remainder: (amount) =>
    `The balance, ${amount} incl. VAT, will be invoiced on the final invoice, less the deposit paid.`,
  noDeposit: "No deposit is asked.",
  consumerAcompte:
    "Sums paid in advance are deposits (acomptes), not arrhes (art. L214-1 of the French Consumer Code).",
  conditionsTitle: "Terms",
  validity: (date) => `This quote is valid until ${date}; after that date it must be renewed.`,
  paymentTerm: (term) => `Invoices are payable ${term} from their issue date.`,
  noDiscount: "No discount for early payment.",
  penalties: (rate) =>
    `Late payment penalties are due by law from the day after the due date, at the ${rate} (art. L441-10 of the French Commercial Code).`,
  indemnity:
    "Any late payment also incurs a fixed recovery fee (indemnité forfaitaire pour frais de recouvrement) of €40 (art. L441-10 and D441-5 of the French Commercial Code).",
  payTo: (iban) => `Payment by bank transfer to IBAN ${iban}.`,
  agreementTitle: "Agreed (bon pour accord)",
  agreementText: "Quote received before the work was carried out; agreed.",
  date: "Date:",
  signature:
    "Client's signature, preceded by the handwritten words « lu et approuvé, bon pour accord » (read and approved):",
  footer: (number) => `Quote no. ${number}`,
};
