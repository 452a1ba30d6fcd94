/** Messages of the client portal (docs/portal.md) — French first; `en` has the same codes. */
export const portalFr = {
  "portal.not_found": "Ce lien n'est pas ou plus valide. Demandez-en un nouveau à votre fournisseur.",
  "portal.invoice_not_found": "Facture introuvable.",
  "portal.no_qr": "Pas de QR code de paiement : aucun IBAN renseigné ou rien à payer.",
  "portal.invoice_settled": "La facture {number} est déjà réglée.",
  "portal.already_disputed": "La facture {number} est déjà contestée.",
  "portal.date_future": "La date du paiement ({date}) est dans le futur.",
  "portal.reason_required": "Indiquez la raison de la contestation.",
  "portal.hold_reason": "Paiement déclaré sur le portail, à vérifier",
  "portal.timeline.link_created": "Lien du portail client créé (valable jusqu'au {date})",
  "portal.timeline.link_revoked": "Lien du portail client révoqué",
  "portal.timeline.visit": "Portail client consulté (IP {ip})",
  "portal.timeline.download": "Facture {number} téléchargée sur le portail (IP {ip})",
  "portal.timeline.declared":
    "Paiement déclaré sur le portail : {amount} le {date} pour la facture {number} ({method}{reference}), à vérifier (IP {ip})",
  "portal.timeline.disputed": "Facture {number} contestée sur le portail : {reason} (IP {ip})",
} as const;

export const portalEn: Record<keyof typeof portalFr, string> = {
  "portal.not_found": "This link is not valid or no longer valid. Ask your supplier for a new one.",
  "portal.invoice_not_found": "Invoice not found.",
  "portal.no_qr": "No payment QR code: no IBAN on file or nothing to pay.",
  "portal.invoice_settled": "Invoice {number} is already settled.",
  "portal.already_disputed": "Invoice {number} is already disputed.",
  "portal.date_future": "The payment date ({date}) is in the future.",
  "portal.reason_required": "Say why you dispute the invoice.",
  "portal.hold_reason": "Payment declared on the portal, to verify",
  "portal.timeline.link_created": "Client portal link created (valid until {date})",
  "portal.timeline.link_revoked": "Client portal link revoked",
  "portal.timeline.visit": "Client portal visited (IP {ip})",
  "portal.timeline.download": "Invoice {number} downloaded from the portal (IP {ip})",
  "portal.timeline.declared":
    "Payment declared on the portal: {amount} on {date} for invoice {number} ({method}{reference}), to verify (IP {ip})",
  "portal.timeline.disputed": "Invoice {number} disputed on the portal: {reason} (IP {ip})",
};
