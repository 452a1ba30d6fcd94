/**
 * Strings of the dashboard's prescription card (the last day to claim an invoice, Code civil 2224, C. com. L110-4,
 * C. conso. L218-2): French first.
 */
export const prescriptionFr = {
  title: "Prescription",
  help: "Factures dont le dernier jour pour agir est dans moins de 90 jours ou déjà passé. Une reconnaissance de dette ou une action en justice interrompt la prescription.",
  col_invoice: "Facture",
  col_client: "Client",
  col_balance: "Solde",
  col_date: "Dernier jour pour agir",
  prescribed: "prescrite",
  prescribed_title: "Prescrite depuis le {{date}} : la créance ne peut plus être réclamée en justice.",
  days_left_one: "dans {{n}} jour",
  days_left_other: "dans {{n}} jours",
  today: "aujourd'hui",
  basis: "{{basis}}, {{years}} ans",
  more_one: "et {{n}} autre facture",
  more_other: "et {{n}} autres factures",
};

export const prescriptionEn: typeof prescriptionFr = {
  title: "Time limits (prescription)",
  help: "Invoices whose last day to act is less than 90 days away or already past. An acknowledgement of debt or a court claim interrupts prescription.",
  col_invoice: "Invoice",
  col_client: "Client",
  col_balance: "Balance",
  col_date: "Last day to act",
  prescribed: "time-barred",
  prescribed_title: "Time-barred (prescrite) since {{date}}: the debt can no longer be claimed in court.",
  days_left_one: "in {{n}} day",
  days_left_other: "in {{n}} days",
  today: "today",
  basis: "{{basis}}, {{years}} years",
  more_one: "and {{n}} more invoice",
  more_other: "and {{n}} more invoices",
};
