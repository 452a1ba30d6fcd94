/** Messages of the cheque register: cheques received by the staff, awaiting deposit — French first; `en` has the same codes. */
export const chequesFr = {
  "cheque.hold_reason": "Chèque reçu, en attente d'encaissement",
  "cheque.date_future": "La date de réception du chèque ({date}) est dans le futur.",
  "cheque.invoice_not_found": "Facture introuvable.",
  "cheque.invoice_settled": "La facture {number} est déjà réglée ou annulée : pas de chèque à enregistrer.",
  "cheque.credit_note": "{number} est un avoir : pas de chèque à enregistrer.",
  "cheque.timeline.received":
    "Chèque n° {cheque} de {drawer} reçu le {date}, à encaisser : {amount} pour la facture {number}{bank}",
  "cheque.timeline.received_no_number":
    "Chèque de {drawer} reçu le {date}, à encaisser : {amount} pour la facture {number}{bank}",
  "cheque.bank": " ({bank})",
  "cheque.recorded":
    "Chèque de {amount} reçu pour la facture {number} (tireur : {drawer}{cheque}), à encaisser ; relances suspendues jusqu'au {until}.",
  "cheque.recorded_no_hold":
    "Chèque de {amount} reçu pour la facture {number} (tireur : {drawer}{cheque}), à encaisser ; la suspension des relances déjà en place est gardée.",
  "cheque.number": ", n° {cheque}",
  "dashboard.action.received_cheque": "Chèque reçu à encaisser",
} as const;

export const chequesEn: Record<keyof typeof chequesFr, string> = {
  "cheque.hold_reason": "Cheque received, awaiting deposit",
  "cheque.date_future": "The cheque's date of receipt ({date}) is in the future.",
  "cheque.invoice_not_found": "Invoice not found.",
  "cheque.invoice_settled": "Invoice {number} is already settled or cancelled: no cheque to record.",
  "cheque.credit_note": "{number} is a credit note: no cheque to record.",
  "cheque.timeline.received":
    "Cheque no. {cheque} from {drawer} received on {date}, to deposit: {amount} for invoice {number}{bank}",
  "cheque.timeline.received_no_number":
    "Cheque from {drawer} received on {date}, to deposit: {amount} for invoice {number}{bank}",
  "cheque.bank": " ({bank})",
  "cheque.recorded":
    "Cheque of {amount} received for invoice {number} (drawer: {drawer}{cheque}), to deposit; reminders paused until {until}.",
  "cheque.recorded_no_hold":
    "Cheque of {amount} received for invoice {number} (drawer: {drawer}{cheque}), to deposit; the pause already in place is kept.",
  "cheque.number": ", no. {cheque}",
  "dashboard.action.received_cheque": "Cheque received, to deposit",
};
