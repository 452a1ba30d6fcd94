/** Messages of the EPC payment QR code (French first; `en` must have the same codes). */
export const paymentsQrFr = {
  "payment_qr.name_required": "Le nom du bénéficiaire est obligatoire pour le QR code de paiement",
  "payment_qr.name_too_long":
    "Le nom du bénéficiaire dépasse {max} caractères ({length}) : raccourcissez-le pour le QR code de paiement",
  "payment_qr.iban_required": "Un IBAN est obligatoire pour le QR code de paiement",
  "payment_qr.amount_out_of_range":
    "Montant impossible dans un QR code de paiement : {value} (de 0,01 € à 999 999 999,99 €)",
  "payment_qr.reference_invalid":
    "Référence structurée invalide : « {value} » (une référence créancier RF, norme ISO 11649, est attendue)",
  "payment_qr.reference_and_text":
    "Un QR code de paiement porte une référence structurée ou un libellé libre, pas les deux",
  "payment_qr.text_too_long": "Le libellé du virement dépasse {max} caractères ({length})",
  "payment_qr.too_long":
    "Le contenu du QR code de paiement dépasse {max} octets ({bytes}) : raccourcissez le nom ou le libellé",
} as const;

export const paymentsQrEn: Record<keyof typeof paymentsQrFr, string> = {
  "payment_qr.name_required": "The beneficiary name is required for the payment QR code",
  "payment_qr.name_too_long":
    "The beneficiary name is longer than {max} characters ({length}): shorten it for the payment QR code",
  "payment_qr.iban_required": "An IBAN is required for the payment QR code",
  "payment_qr.amount_out_of_range":
    "Amount not possible in a payment QR code: {value} (from €0.01 to €999,999,999.99)",
  "payment_qr.reference_invalid":
    'Invalid structured reference: "{value}" (an RF creditor reference, ISO 11649, is expected)',
  "payment_qr.reference_and_text":
    "A payment QR code carries a structured reference or a free-text remittance, not both",
  "payment_qr.text_too_long": "The remittance text is longer than {max} characters ({length})",
  "payment_qr.too_long":
    "The payment QR code content is longer than {max} bytes ({bytes}): shorten the name or the text",
};
