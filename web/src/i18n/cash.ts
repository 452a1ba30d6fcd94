/** Strings of the aging balance page (balance âgée) and the « Encaissée » export card: French first. */
export const cashFr = {
  title: "Balance âgée",
  help: "Le solde de chaque facture au jour choisi (paiements et avoirs datés de ce jour ou avant), par client et par ancienneté du retard. Les factures annulées ou passées en perte n'y figurent pas.",
  as_of: "Au",
  client: "Client",
  total: "Total",
  empty: "Aucune créance ouverte à cette date.",
  xlsx: "Télécharger (XLSX)",
  pdf: "Télécharger (PDF)",
  collected_title: "Export « Encaissée » (statut 212)",
  collected_help:
    "Pour votre plateforme agréée de facturation électronique : chaque paiement reçu sur la période, facture par facture (numéro, date, SIREN du client, date et montant encaissé). Les avoirs ne sont pas des encaissements.",
  from: "Du",
  to: "Au",
  csv: "CSV",
  json: "JSON",
};

export const cashEn: typeof cashFr = {
  title: "Aging balance",
  help: "Each invoice's balance on the chosen day (payments and credit notes dated that day or before), by client and by how late it is. Cancelled and written-off invoices are left out.",
  as_of: "As of",
  client: "Client",
  total: "Total",
  empty: "Nothing owed on that day.",
  xlsx: "Download (XLSX)",
  pdf: "Download (PDF)",
  collected_title: '"Encaissée" export (status 212)',
  collected_help:
    "For your approved e-invoicing platform: each payment received in the period, invoice by invoice (number, date, client's SIREN, date and amount collected). Credit notes are not payments.",
  from: "From",
  to: "To",
  csv: "CSV",
  json: "JSON",
};
