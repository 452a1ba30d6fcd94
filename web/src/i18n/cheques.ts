/** Strings of « Chèque reçu » (a cheque received, awaiting deposit) on the invoice page: French first. */
export const chequesFr = {
  open: "Chèque reçu",
  title: "Chèque reçu pour la facture {{number}}",
  amount: "Montant",
  received_on: "Date de réception",
  number: "N° de chèque",
  drawer: "Tireur",
  drawer_help: "Le nom sur le chèque ; par défaut, le client.",
  bank: "Banque",
  submit: "Enregistrer le chèque",
  recorded:
    "Chèque de {{amount}} enregistré pour la facture {{number}}, à encaisser : les relances sont suspendues.",
  date_future: "La date de réception ne peut pas être dans le futur.",
  to_deposit: "À encaisser",
  declared_on_portal: "Déclaré sur le portail",
  pending: "Chèque n° {{number}} de {{drawer}}, reçu le {{date}}",
  pending_no_number: "Chèque de {{drawer}}, reçu le {{date}}",
  declared_pending: "Paiement par {{method}} déclaré le {{date}}, à vérifier",
};

export const chequesEn: typeof chequesFr = {
  open: "Cheque received",
  title: "Cheque received for invoice {{number}}",
  amount: "Amount",
  received_on: "Date received",
  number: "Cheque number",
  drawer: "Drawer",
  drawer_help: "The name on the cheque; by default, the client.",
  bank: "Bank",
  submit: "Record the cheque",
  recorded: "Cheque of {{amount}} recorded for invoice {{number}}, to deposit: reminders are paused.",
  date_future: "The date received cannot be in the future.",
  to_deposit: "To deposit",
  declared_on_portal: "Declared on the portal",
  pending: "Cheque no. {{number}} from {{drawer}}, received on {{date}}",
  pending_no_number: "Cheque from {{drawer}}, received on {{date}}",
  declared_pending: "Payment by {{method}} declared on {{date}}, to verify",
};
