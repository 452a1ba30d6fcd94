/** Messages of the e-invoices Relance writes (Factur-X, CII, UBL), French first; `en` must have the same codes. */
export const einvoiceOutFr = {
  "einvoice_out.not_issued":
    "Facture {number} : seule une facture émise dans Relance (avec ses lignes) peut être exportée en Factur-X, CII ou UBL",
  "einvoice_out.credited_not_issued":
    "Avoir {number} : la facture qu'il corrige n'a pas de lignes dans Relance ; il ne peut pas être exporté en facture électronique",
  "einvoice_out.refused":
    "Facture {number} : les totaux ne concordent pas, aucune facture électronique n'est produite ({problems})",
  "einvoice_out.syntax": "Syntaxe « {value} » inconnue : cii ou ubl",
  "einvoice_out.written": "Facture {number} écrite dans {path}",
  "einvoice_out.no_lines": "aucune ligne (BR-16)",
  "einvoice_out.not_cents": "un montant n'est pas un nombre entier de centimes",
  "einvoice_out.negative_price": "ligne {line} : prix unitaire négatif (BR-27)",
  "einvoice_out.line_net": "ligne {line} : montant net {stated} au lieu de {expected}",
  "einvoice_out.line_total": "total des lignes {stated} au lieu de {expected} (BR-CO-10)",
  "einvoice_out.tax_basis": "total HT {stated} au lieu de {expected} (BR-CO-13)",
  "einvoice_out.vat_base": "TVA {rate} : base {stated} au lieu de {expected}",
  "einvoice_out.vat_amount": "TVA {rate} : montant {stated} au lieu de {expected} (BR-CO-17)",
  "einvoice_out.vat_missing": "TVA {rate} : taux des lignes absent du récapitulatif",
  "einvoice_out.tax_total": "total TVA {stated} au lieu de {expected} (BR-CO-14)",
  "einvoice_out.grand_total": "total TTC {stated} au lieu de {expected} (BR-CO-15)",
  "einvoice_out.due_payable": "net à payer {stated} au lieu de {expected} (BR-CO-16)",
} as const;

export const einvoiceOutEn: Record<keyof typeof einvoiceOutFr, string> = {
  "einvoice_out.not_issued":
    "Invoice {number}: only an invoice issued in Relance (with its lines) can be exported as Factur-X, CII or UBL",
  "einvoice_out.credited_not_issued":
    "Credit note {number}: the invoice it corrects has no lines in Relance; it cannot be exported as an e-invoice",
  "einvoice_out.refused": "Invoice {number}: the totals do not add up, no e-invoice is written ({problems})",
  "einvoice_out.syntax": 'Unknown syntax "{value}": cii or ubl',
  "einvoice_out.written": "Invoice {number} written to {path}",
  "einvoice_out.no_lines": "no lines (BR-16)",
  "einvoice_out.not_cents": "an amount is not a whole number of cents",
  "einvoice_out.negative_price": "line {line}: negative unit price (BR-27)",
  "einvoice_out.line_net": "line {line}: net amount {stated} instead of {expected}",
  "einvoice_out.line_total": "line total {stated} instead of {expected} (BR-CO-10)",
  "einvoice_out.tax_basis": "total excl. VAT {stated} instead of {expected} (BR-CO-13)",
  "einvoice_out.vat_base": "VAT {rate}: base {stated} instead of {expected}",
  "einvoice_out.vat_amount": "VAT {rate}: amount {stated} instead of {expected} (BR-CO-17)",
  "einvoice_out.vat_missing": "VAT {rate}: a rate of the lines is missing from the breakdown",
  "einvoice_out.tax_total": "VAT total {stated} instead of {expected} (BR-CO-14)",
  "einvoice_out.grand_total": "total incl. VAT {stated} instead of {expected} (BR-CO-15)",
  "einvoice_out.due_payable": "amount due {stated} instead of {expected} (BR-CO-16)",
} as const;
