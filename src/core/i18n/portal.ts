/** Messages of the client portal (docs/portal.md) — French first; `en` has the same codes. */
export const portalFr = {
  "portal.not_found": "Ce lien n'est pas ou plus valide. Demandez-en un nouveau à votre fournisseur.",
  "portal.invoice_not_found": "Facture introuvable.",
  "portal.no_qr": "Pas de QR code de paiement : aucun IBAN renseigné ou rien à payer.",
  "portal.invoice_settled": "La facture {number} est déjà réglée.",
  "portal.declaration_changed":
    "Ce formulaire a déjà été envoyé avec d'autres valeurs. Rouvrez « J'ai payé » pour déclarer un autre paiement.",
  "portal.already_disputed": "La facture {number} est déjà contestée.",
  "portal.date_future": "La date du paiement ({date}) est dans le futur.",
  "portal.reason_required": "Indiquez la raison de la contestation.",
  "portal.hold_reason": "Paiement déclaré sur le portail, à vérifier",
  "portal.timeline.link_created": "Lien du portail client créé (valable jusqu'au {date})",
  "portal.timeline.link_created_for_messages":
    "Lien du portail client créé pour les relances (valable jusqu'au {date})",
  "portal.timeline.link_revoked": "Lien du portail client révoqué",
  "portal.timeline.visit": "Portail client consulté (IP {ip})",
  "portal.timeline.download": "Facture {number} téléchargée sur le portail (IP {ip})",
  "portal.timeline.declared":
    "Paiement déclaré sur le portail : {amount} le {date} pour la facture {number} ({method}{reference}), à vérifier (IP {ip})",
  "portal.timeline.disputed": "Facture {number} contestée sur le portail : {reason} (IP {ip})",
  "portal.timeline.disputed_with_file":
    "Facture {number} contestée sur le portail : {reason} — pièce jointe : {filename} (IP {ip})",
  "portal.attachment_type":
    "Type de fichier non accepté : « {extension} » (formats acceptés : PDF, PNG, JPEG).",
  "portal.quote_not_found": "Devis introuvable.",
  "portal.name_required": "Indiquez votre nom.",
  "portal.timeline.quote_accepted": "Devis {number} accepté sur le portail par {name} (IP {ip})",
  "portal.timeline.quote_refused": "Devis {number} refusé sur le portail par {name}{reason} (IP {ip})",
  "portal.timeline.quote_download": "Devis {number} téléchargé sur le portail (IP {ip})",
  "payment.declared_not_found": "Paiement déclaré introuvable (déjà vérifié ?).",
  "dashboard.action.declared_payment": "Paiement déclaré sur le portail à vérifier",
  "portal.timeline.declared_confirmed": "Paiement déclaré confirmé : {amount} reçu le {date}",
  "portal.timeline.declared_rejected": "Paiement déclaré rejeté : {amount} du {date} non reçu{reason}",
  "portal.installments_invalid": "Indiquez un nombre d'échéances entre 2 et {max}.",
  "portal.nothing_owed": "Il n'y a rien à payer : pas d'échéancier à demander.",
  "portal.plan_already_requested": "Votre demande d'échéancier est déjà enregistrée aujourd'hui.",
  "portal.plan_task": "Préparer l'échéancier demandé sur le portail ({installments} échéances) — {client}",
  "portal.timeline.plan_requested":
    "Échéancier demandé sur le portail : {installments} échéances{message} (IP {ip})",
} as const;

export const portalEn: Record<keyof typeof portalFr, string> = {
  "portal.not_found": "This link is not valid or no longer valid. Ask your supplier for a new one.",
  "portal.invoice_not_found": "Invoice not found.",
  "portal.no_qr": "No payment QR code: no IBAN on file or nothing to pay.",
  "portal.invoice_settled": "Invoice {number} is already settled.",
  "portal.declaration_changed":
    "This form was already sent with other values. Open “I have paid” again to declare another payment.",
  "portal.already_disputed": "Invoice {number} is already disputed.",
  "portal.date_future": "The payment date ({date}) is in the future.",
  "portal.reason_required": "Say why you dispute the invoice.",
  "portal.hold_reason": "Payment declared on the portal, to verify",
  "portal.timeline.link_created": "Client portal link created (valid until {date})",
  "portal.timeline.link_created_for_messages":
    "Client portal link created for the reminders (valid until {date})",
  "portal.timeline.link_revoked": "Client portal link revoked",
  "portal.timeline.visit": "Client portal visited (IP {ip})",
  "portal.timeline.download": "Invoice {number} downloaded from the portal (IP {ip})",
  "portal.timeline.declared":
    "Payment declared on the portal: {amount} on {date} for invoice {number} ({method}{reference}), to verify (IP {ip})",
  "portal.timeline.disputed": "Invoice {number} disputed on the portal: {reason} (IP {ip})",
  "portal.timeline.disputed_with_file":
    "Invoice {number} disputed on the portal: {reason} — attachment: {filename} (IP {ip})",
  "portal.attachment_type": 'File type not accepted: "{extension}" (accepted: PDF, PNG, JPEG).',
  "portal.quote_not_found": "Quote not found.",
  "portal.name_required": "Enter your name.",
  "portal.timeline.quote_accepted": "Quote {number} accepted on the portal by {name} (IP {ip})",
  "portal.timeline.quote_refused": "Quote {number} refused on the portal by {name}{reason} (IP {ip})",
  "portal.timeline.quote_download": "Quote {number} downloaded from the portal (IP {ip})",
  "payment.declared_not_found": "Declared payment not found (already verified?).",
  "dashboard.action.declared_payment": "Payment declared on the portal, to verify",
  "portal.timeline.declared_confirmed": "Declared payment confirmed: {amount} received on {date}",
  "portal.timeline.declared_rejected": "Declared payment rejected: {amount} of {date} not received{reason}",
  "portal.installments_invalid": "Enter a number of installments between 2 and {max}.",
  "portal.nothing_owed": "There is nothing to pay: no payment plan to ask for.",
  "portal.plan_already_requested": "Your payment plan request is already recorded today.",
  "portal.plan_task":
    "Prepare the payment plan (échéancier) requested on the portal ({installments} installments) — {client}",
  "portal.timeline.plan_requested":
    "Payment plan (échéancier) requested on the portal: {installments} installments{message} (IP {ip})",
};
