/** Messages of the e-invoice import (Factur-X, CII, UBL), French first; `en` must have the same codes. */
export const einvoiceFr = {
  "einvoice.not_einvoice":
    "Ce fichier n'est ni une facture électronique lisible (PDF Factur-X/ZUGFeRD, XML CII ou UBL) ni un document de suivi",
  "einvoice.doctype_forbidden":
    "XML refusé : une déclaration DOCTYPE ou ENTITY n'est pas acceptée dans une facture électronique (sécurité)",
  "einvoice.malformed_xml": "XML mal formé : {reason}",
  "einvoice.missing_field": "Élément obligatoire manquant : {where} ({field})",
  "einvoice.invalid_amount": "Montant invalide dans {where} : « {value} »",
  "einvoice.invalid_date": "Date invalide dans {where} : « {value} »",
  "einvoice.unsupported_type":
    "Type de document {code} non pris en charge (380 facture, 381 avoir, 383, 384 rectificative, 386 acompte, 389, 751)",
  "einvoice.pdf_unreadable": "PDF illisible : {reason}",
  "einvoice.pdf_encrypted":
    "PDF chiffré : la facture jointe ne peut pas être lue (un PDF Factur-X, PDF/A-3, n'est jamais chiffré)",
  "einvoice.pdf_no_invoice":
    "Ce PDF ne contient pas de facture électronique jointe (attendu : {names} ; pièces jointes trouvées : {found})",
  "einvoice.too_large": "Facture XML trop volumineuse : {max} au plus",
  "einvoice.currency": "Facture {number} en {currency} : Relance ne suit que des factures en euros (EUR)",
  "import.warning.default_due_date":
    "Facture {number} sans date d'échéance : échéance fixée au {date} selon vos conditions de paiement par défaut",
  "import.warning.prepaid":
    "Facture {number} : {amount} déjà payés (acompte) enregistrés comme paiement reçu",
  "import.warning.credit_note_unapplied":
    "Avoir {number} : facture d'origine {invoice} introuvable chez ce client, soldée ou de solde insuffisant ; avoir importé sans imputation",
} as const;

export const einvoiceEn: Record<keyof typeof einvoiceFr, string> = {
  "einvoice.not_einvoice":
    "This file is neither a readable e-invoice (Factur-X/ZUGFeRD PDF, CII or UBL XML) nor a tracking sheet",
  "einvoice.doctype_forbidden":
    "XML refused: a DOCTYPE or ENTITY declaration is not accepted in an e-invoice (security)",
  "einvoice.malformed_xml": "Malformed XML: {reason}",
  "einvoice.missing_field": "Required element missing: {where} ({field})",
  "einvoice.invalid_amount": "Invalid amount in {where}: “{value}”",
  "einvoice.invalid_date": "Invalid date in {where}: “{value}”",
  "einvoice.unsupported_type":
    "Document type {code} not supported (380 invoice, 381 credit note, 383, 384 corrected, 386 prepayment, 389, 751)",
  "einvoice.pdf_unreadable": "Unreadable PDF: {reason}",
  "einvoice.pdf_encrypted":
    "Encrypted PDF: the attached invoice cannot be read (a Factur-X PDF, PDF/A-3, is never encrypted)",
  "einvoice.pdf_no_invoice":
    "This PDF holds no attached e-invoice (expected: {names}; attachments found: {found})",
  "einvoice.too_large": "XML invoice too large: {max} at most",
  "einvoice.currency": "Invoice {number} is in {currency}: Relance only follows invoices in euros (EUR)",
  "import.warning.default_due_date":
    "Invoice {number} has no due date: set to {date} by your default payment terms",
  "import.warning.prepaid":
    "Invoice {number}: {amount} already paid (prepayment) recorded as a payment received",
  "import.warning.credit_note_unapplied":
    "Credit note {number}: original invoice {invoice} not found for this client, settled, or its balance too small; imported without being applied",
};
