/**
 * Messages of bank-line matching (rapprochement bancaire): one per reason, French first; `en` has the same codes.
 * Amounts arrive formatted (src/core/matching/reason-message.ts formats the cents of a reason's params).
 */
export const matchingFr = {
  "matching.number_in_text": "Numéro de facture {number} trouvé dans le libellé",
  "matching.number_fuzzy": "Numéro proche de la facture {number} dans le libellé : « {found} »",
  "matching.amount_equals_balance": "Montant égal au solde dû ({amount})",
  "matching.amount_equals_total":
    "Montant égal au total de la facture ({total}), alors qu'il n'en reste que {balance} à payer",
  "matching.amount_sum_of_invoices": "Montant égal à la somme de {count} factures ({amount})",
  "matching.amount_fees":
    "Il manque {shortfall} sur {balance} : frais bancaires probables, à passer en perte ou à réclamer",
  "matching.partial_with_reference":
    "Paiement partiel de {paid} sur {balance}, avec la référence de la facture",
  "matching.partial_payment": "Paiement partiel de {paid} sur {balance}",
  "matching.overpayment": "Trop-perçu de {excess}",
  "matching.amount_unique.all": "Seule facture ouverte de ce montant",
  "matching.amount_unique.client": "Seule facture de ce client de ce montant",
  "matching.payer_name": "Nom du payeur proche du client {name} ({similarity} %)",
  "matching.payer_alias": "Payeur déjà reconnu pour ce client (« {alias} »)",
  "matching.iban_known": "Compte {iban} déjà utilisé par ce client",
  "matching.payer_group": "Payé par {payer}, du même groupe que le client",
  "matching.payer_other_client": "Le payeur, {payer}, est un autre client",
  "matching.declared_payment.cheque": "Chèque{reference} reçu le {date} pour cette facture, du même montant",
  "matching.declared_payment.declared": "Paiement déclaré sur le portail le {date}, du même montant",
  "matching.before_issue": "Reçu avant l'émission de la facture {number} ({issue_date})",
  "matching.ambiguous": "{count} rapprochements possibles de force voisine : à confirmer",
  "matching.non_invoice_credit.tax_refund": "Remboursement d'impôt ou de TVA, pas un paiement de facture",
  "matching.non_invoice_credit.own_transfer": "Virement entre vos comptes, pas un paiement de facture",
  "matching.non_invoice_credit.interest": "Intérêts, pas un paiement de facture",
  "matching.non_invoice_credit.social_body": "Versement d'un organisme social, pas un paiement de facture",
  "matching.non_invoice_credit.loan": "Déblocage de prêt, pas un paiement de facture",
  "matching.own_transfer": "Virement depuis un de vos comptes",
  "matching.no_candidate": "Aucune facture ouverte ne correspond",
  "matching.below_threshold":
    "Rapprochement trop incertain ({score} sur 100, {threshold} requis pour le proposer)",
} as const;

export const matchingEn: Record<keyof typeof matchingFr, string> = {
  "matching.number_in_text": "Invoice number {number} found in the label",
  "matching.number_fuzzy": "A number close to invoice {number} in the label: “{found}”",
  "matching.amount_equals_balance": "Amount equal to the balance due ({amount})",
  "matching.amount_equals_total":
    "Amount equal to the invoice total ({total}), though only {balance} was left to pay",
  "matching.amount_sum_of_invoices": "Amount equal to the sum of {count} invoices ({amount})",
  "matching.amount_fees": "{shortfall} short of {balance}: probably bank fees, to write off or claim",
  "matching.partial_with_reference":
    "Partial payment of {paid} out of {balance}, with the invoice's reference",
  "matching.partial_payment": "Partial payment of {paid} out of {balance}",
  "matching.overpayment": "Overpayment of {excess}",
  "matching.amount_unique.all": "The only open invoice of this amount",
  "matching.amount_unique.client": "The client's only invoice of this amount",
  "matching.payer_name": "Payer's name close to client {name} ({similarity} %)",
  "matching.payer_alias": "Payer already recognised for this client (“{alias}”)",
  "matching.iban_known": "Account {iban} already used by this client",
  "matching.payer_group": "Paid by {payer}, of the same group as the client",
  "matching.declared_payment.cheque": "Cheque{reference} received on {date} for this invoice, same amount",
  "matching.declared_payment.declared": "Payment declared on the portal on {date}, same amount",
  "matching.payer_other_client": "The payer, {payer}, is another client",
  "matching.before_issue": "Received before invoice {number} was issued ({issue_date})",
  "matching.ambiguous": "{count} possible matches of similar strength: to confirm",
  "matching.non_invoice_credit.tax_refund": "Tax or VAT refund, not an invoice payment",
  "matching.non_invoice_credit.own_transfer": "Transfer between your accounts, not an invoice payment",
  "matching.non_invoice_credit.interest": "Interest, not an invoice payment",
  "matching.non_invoice_credit.social_body": "Payment from a social body, not an invoice payment",
  "matching.non_invoice_credit.loan": "Loan released, not an invoice payment",
  "matching.own_transfer": "Transfer from one of your accounts",
  "matching.no_candidate": "No open invoice fits",
  "matching.below_threshold": "Too uncertain a match ({score} out of 100, {threshold} needed to propose it)",
} as const;
