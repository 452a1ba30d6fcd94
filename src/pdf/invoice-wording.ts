/**
 * The wording of the issued invoice (pdf/invoice.ts), French and English. The legal mentions keep their French
 * names in the English text (C. com. L441-9, L441-10, D441-5; CGI ann. II art. 242 nonies A; CGI 293 B).
 */
export type OperationCategory = "goods" | "services" | "mixed";
export type InvoiceKind = "invoice" | "deposit" | "credit_note";

export interface InvoiceWording {
  title(kind: InvoiceKind, number: string): string;
  seller: string;
  buyer: string;
  deliveryAddress: string;
  siret: string;
  issue: string;
  delivery: string;
  due: string;
  /** Nature of the operation (mandatory with the e-invoicing reform, 2026–2027). */
  category: Record<OperationCategory, string>;
  categoryLabel: string;
  /** « Option pour le paiement de la taxe d'après les débits » (CGI 269, 2, c). */
  vatOnDebits: string;
  columns: { description: string; quantity: string; unit: string; vat: string; total: string };
  noLines: string;
  totalsTitle: string;
  totalHt: string;
  vat(rate: string, base: string): string;
  vatTotal: string;
  totalTtc: string;
  alreadyPaid: string;
  balance: string;
  settled: string;
  franchise: string;
  conditionsTitle: string;
  dueOn(date: string): string;
  noDiscount: string;
  penalties(rate: string): string;
  indemnity: string;
  payment: { title: string; beneficiary: string; iban: string; bic: string; reference: string; qr: string };
  footer(number: string): string;
}

const NB = "\u00A0";

export const invoiceFr: InvoiceWording = {
  title: (kind, number) =>
    `${kind === "credit_note" ? "Avoir" : kind === "deposit" ? "Facture d'acompte" : "Facture"} n°${NB}${number}`,
  seller: "Émetteur",
  buyer: "Client",
  deliveryAddress: "Adresse de livraison",
  siret: "SIRET",
  issue: "Date d'émission",
  delivery: "Date de livraison ou d'exécution",
  due: "Date d'échéance",
  category: {
    goods: "Livraison de biens",
    services: "Prestation de services",
    mixed: "Livraison de biens et prestation de services",
  },
  categoryLabel: `Nature de l'opération${NB}:`,
  vatOnDebits: "Option pour le paiement de la taxe d'après les débits.",
  columns: { description: "Désignation", quantity: "Qté", unit: "PU HT", vat: "TVA", total: "Total HT" },
  noLines: "Le détail des lignes de cette facture n'est pas enregistré : seuls ses montants sont reproduits.",
  totalsTitle: "Montants",
  totalHt: "Total HT",
  vat: (rate, base) => `TVA ${rate} sur ${base}`,
  vatTotal: "Total TVA",
  totalTtc: "Total TTC",
  alreadyPaid: "Déjà réglé (acomptes, règlements, avoirs)",
  balance: "Net à payer",
  settled: "Facture acquittée.",
  franchise: "TVA non applicable, art. 293 B du CGI.",
  conditionsTitle: "Conditions de paiement",
  dueOn: (date) => `Paiement à l'échéance du ${date}.`,
  noDiscount: "Pas d'escompte pour paiement anticipé.",
  penalties: (rate) =>
    `En cas de retard de paiement, des pénalités de retard sont exigibles de plein droit dès le lendemain de la date d'échéance, au ${rate} (art. L441-10 du Code de commerce).`,
  indemnity: `Tout retard de paiement entraîne en outre une indemnité forfaitaire pour frais de recouvrement de 40${NB}€ (art. L441-10 et D441-5 du Code de commerce).`,
  payment: {
    title: "Règlement par virement bancaire",
    beneficiary: `Bénéficiaire${NB}:`,
    iban: `IBAN${NB}:`,
    bic: `BIC${NB}:`,
    reference: `Référence à indiquer${NB}:`,
    qr: "QR code de paiement (EPC) du net à payer",
  },
  footer: (number) => `Facture n°${NB}${number}`,
};

export const invoiceEn: InvoiceWording = {
  title: (kind, number) =>
    `${kind === "credit_note" ? "Credit note" : kind === "deposit" ? "Deposit invoice" : "Invoice"} no. ${number}`,
  seller: "Issued by",
  buyer: "Client",
  deliveryAddress: "Delivery address",
  siret: "SIRET",
  issue: "Issue date",
  delivery: "Delivery or service date",
  due: "Due date",
  category: {
    goods: "Supply of goods",
    services: "Supply of services",
    mixed: "Supply of goods and services",
  },
  categoryLabel: "Nature of the operation:",
  vatOnDebits: "VAT paid on debits (option pour le paiement de la taxe d'après les débits).",
  columns: {
    description: "Description",
    quantity: "Qty",
    unit: "Unit price",
    vat: "VAT",
    total: "Net total",
  },
  noLines: "The lines of this invoice are not recorded: only its amounts are reproduced.",
  totalsTitle: "Amounts",
  totalHt: "Total excl. VAT (HT)",
  vat: (rate, base) => `VAT ${rate} on ${base}`,
  vatTotal: "Total VAT (TVA)",
  totalTtc: "Total incl. VAT (TTC)",
  alreadyPaid: "Already paid (deposits, payments, credit notes)",
  balance: "Balance due",
  settled: "Invoice paid.",
  franchise: "VAT not applicable, art. 293 B of the French Tax Code (TVA non applicable, art. 293 B du CGI).",
  conditionsTitle: "Payment terms",
  dueOn: (date) => `Payment due on ${date}.`,
  noDiscount: "No discount for early payment (pas d'escompte).",
  penalties: (rate) =>
    `Late payment penalties are due by law from the day after the due date, at the ${rate} (art. L441-10 of the French Commercial Code).`,
  indemnity:
    "Any late payment also incurs a fixed recovery fee (indemnité forfaitaire pour frais de recouvrement) of €40 (art. L441-10 and D441-5 of the French Commercial Code).",
  payment: {
    title: "Payment by bank transfer",
    beneficiary: "Beneficiary:",
    iban: "IBAN:",
    bic: "BIC:",
    reference: "Reference to quote:",
    qr: "EPC payment QR code for the balance due",
  },
  footer: (number) => `Invoice no. ${number}`,
};
