/** Messages of the bank statement import (camt.053, CFONB 120, OFX, CSV), French first; `en` has the same codes. */
export const statementsFr = {
  "statement.empty": "Le fichier est vide",
  "statement.too_large": "Relevé trop volumineux : {max} au plus",
  "statement.unknown_format":
    "Format de relevé non reconnu : Relance lit les relevés camt.053 (XML ISO 20022), CFONB 120, OFX et CSV",
  "statement.csv_no_header":
    'Relevé CSV : aucune ligne d\'en-têtes avec une date et un montant (ou un crédit) parmi les 30 premières ; nommez les colonnes avec --map "En-tête=champ" (booking_date, amount, credit, debit, label…)',
  "statement.none": "Aucun relevé dans ce fichier {format}",
  "statement.doctype_forbidden":
    "XML refusé : une déclaration DOCTYPE ou ENTITY n'est pas acceptée dans un relevé (sécurité)",
  "statement.malformed_xml": "XML mal formé : {reason}",
  "statement.missing_field": "Élément obligatoire manquant : {where} ({field})",
  "statement.invalid_amount": "Montant invalide ({where}) : « {value} »",
  "statement.invalid_date": "Date invalide ({where}) : « {value} »",
  "statement.cfonb_record":
    "Enregistrement CFONB 120 inattendu (code « {code} » ; attendus : 01, 04, 05, 07 de 120 caractères)",
  "statement.cfonb_orphan_complement": "Enregistrement 05 (complément) sans mouvement 04 avant lui",
  "statement.cfonb_unclosed": "Relevé commencé ligne {line} (ancien solde 01) sans nouveau solde 07",
  "statement.cfonb_outside": "Enregistrement {code} hors d'un relevé (pas d'ancien solde 01 avant lui)",
  "statement.ofx_unexpected_close": "Balise fermante </{tag}> inattendue",
  "statement.refused": "Relevé refusé : rien n'a été importé",
  "statement.invalid_map":
    "Correspondance de colonnes invalide pour « {header} » : « {field} » (champs : booking_date, value_date, label, amount, debit, credit, reference, counterparty, currency, ignore)",
  "statement.imported": "{transactions} opérations lues, dont {credits} crédits ({new} nouveaux)",
  "statement.match_summary":
    "Rapprochement : {auto} enregistrés automatiquement, {proposed} à confirmer, {unmatched} non rapprochés",
  "statement.matched_again": "{lines} lignes de relevé rapprochées à nouveau",
  "bank.timeline.undone": "Rapprochement bancaire annulé : paiement de {amount} du {date} retiré",
  "bank.line_not_found": "Ligne de relevé introuvable",
  "bank.line_already_matched": "Cette ligne de relevé est déjà rapprochée (un paiement l'enregistre)",
  "bank.line_not_matched": "Cette ligne de relevé n'est pas rapprochée : rien à annuler",
  "bank.nothing_proposed": "Aucune proposition pour cette ligne : choisissez les factures à la main",
  "bank.allocations_exceed_line":
    "Les montants affectés ({allocated}) dépassent le montant de la ligne ({amount})",
} as const;

export const statementsEn: Record<keyof typeof statementsFr, string> = {
  "statement.empty": "The file is empty",
  "statement.too_large": "Statement too large: {max} at most",
  "statement.unknown_format":
    "Unrecognised statement format: Relance reads camt.053 (ISO 20022 XML), CFONB 120, OFX and CSV statements",
  "statement.csv_no_header":
    'CSV statement: no header row with a date and an amount (or a credit) among the first 30; name the columns with --map "Header=field" (booking_date, amount, credit, debit, label…)',
  "statement.none": "No statement in this {format} file",
  "statement.doctype_forbidden":
    "XML refused: a DOCTYPE or ENTITY declaration is not accepted in a statement (security)",
  "statement.malformed_xml": "Malformed XML: {reason}",
  "statement.missing_field": "Missing required element: {where} ({field})",
  "statement.invalid_amount": "Invalid amount ({where}): “{value}”",
  "statement.invalid_date": "Invalid date ({where}): “{value}”",
  "statement.cfonb_record":
    "Unexpected CFONB 120 record (code “{code}”; expected 01, 04, 05, 07 of 120 characters)",
  "statement.cfonb_orphan_complement": "Record 05 (complement) with no 04 movement before it",
  "statement.cfonb_unclosed": "Statement started on line {line} (old balance 01) with no new balance 07",
  "statement.cfonb_outside": "Record {code} outside a statement (no old balance 01 before it)",
  "statement.ofx_unexpected_close": "Unexpected closing tag </{tag}>",
  "statement.refused": "Statement refused: nothing was imported",
  "statement.invalid_map":
    "Invalid column mapping for “{header}”: “{field}” (fields: booking_date, value_date, label, amount, debit, credit, reference, counterparty, currency, ignore)",
  "statement.imported": "{transactions} entries read, {credits} of them credits ({new} new)",
  "statement.match_summary":
    "Matching: {auto} recorded automatically, {proposed} to confirm, {unmatched} unmatched",
  "statement.matched_again": "{lines} statement lines matched again",
  "bank.timeline.undone": "Bank match undone: payment of {amount} on {date} removed",
  "bank.line_not_found": "Statement line not found",
  "bank.line_already_matched": "This statement line is already matched (a payment records it)",
  "bank.line_not_matched": "This statement line is not matched: nothing to undo",
  "bank.nothing_proposed": "No proposal for this line: choose the invoices by hand",
  "bank.allocations_exceed_line": "The amounts allocated ({allocated}) exceed the line's amount ({amount})",
};
