/**
 * Credits that are not invoice payments: tax refunds (DGFIP, impôts, crédit de TVA), transfers between the
 * organization's own accounts (virement interne), interest, social bodies (CPAM, CAF, URSSAF, France Travail),
 * loans released. Recognised from the label; match-line only trusts this when no invoice reference was found.
 */

export type NonInvoiceKind = "tax_refund" | "own_transfer" | "interest" | "social_body" | "loan";

const PATTERNS: [NonInvoiceKind, RegExp][] = [
  [
    "tax_refund",
    /\bDGFIP\b|\bDRFIP\b|\bIMPOTS?\b|\bTRESOR PUBLIC\b|\bREMB\w* (?:DE )?(?:CREDIT (?:DE )?)?TVA\b|\bSIE\b/,
  ],
  [
    "own_transfer",
    /\bVIR(?:EMENT)? INTERNE\b|\bENTRE (?:VOS|MES|NOS) COMPTES\b|\bCPTE A CPTE\b|\bCOMPTE A COMPTE\b/,
  ],
  ["interest", /\bINTERETS?\b|\bINT CREDITEURS\b|\bREMUNERATION (?:DU |DE )?COMPTE\b/],
  ["social_body", /\bCPAM\b|\bCAF\b|\bURSSAF\b|\bFRANCE TRAVAIL\b|\bPOLE EMPLOI\b/],
  ["loan", /\bDEBLOCAGE (?:DE |DU )?PRET\b|\bDEBLOCAGE FONDS\b/],
];

/** The kind of non-invoice credit the text names, or null. */
export function nonInvoiceKind(text: string): NonInvoiceKind | null {
  const s = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ");
  for (const [kind, pattern] of PATTERNS) if (pattern.test(s)) return kind;
  return null;
}

/** An IBAN without spaces, upper case (for comparisons). */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, "").toUpperCase();
}
