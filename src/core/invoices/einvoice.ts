import { cents } from "../money.js";
import { vatAmount } from "./totals.js";

/**
 * An issued invoice as an EN 16931 e-invoice states it (the semantic model, before any syntax): what Factur-X / CII
 * and UBL are written from (formats/einvoice/write-cii.ts, write-ubl.ts) once core/invoices/einvoice-checks.ts found
 * that its totals add up. Amounts are integer cents, signed as the document states them: a credit note's (381) are
 * positive, a final invoice's deposit deductions are negative lines.
 */

/** UNTDID 1001: 380 commercial invoice, 381 credit note (avoir), 386 prepayment invoice (facture d'acompte). */
export type EInvoiceTypeCode = "380" | "381" | "386";

/**
 * UNCL 5305 VAT category: S standard (any rate > 0), E exempt (the franchise of art. 293 B du CGI), Z zero rated,
 * AE reverse charge (autoliquidation: the buyer, registered for VAT in another country, pays it).
 */
export type VatCategory = "S" | "E" | "Z" | "AE";

export interface EInvoiceDocParty {
  name: string;
  /** SIREN (9 digits): the legal registration id, ISO 6523 scheme 0002 (BT-30 / BT-47). */
  siren?: string;
  vatNumber?: string;
  email?: string;
  /** Street lines (at most three are written), postal code, city, ISO 3166-1 alpha-2 country. */
  streetLines: string[];
  postalCode?: string;
  city?: string;
  country: string;
}

export interface EInvoiceDocLine {
  /** BT-126, the line's position. */
  id: string;
  name: string;
  /** BT-129 in thousandths; negative for a deduction line (the price stays positive, BR-27). */
  quantityMilli: number;
  /** BT-130, UN/ECE Rec 20: C62 (one) as Relance stores no unit. */
  unitCode: string;
  /** BT-146, never negative. */
  netPriceCents: number;
  /** BT-136, the line's discount (an allowance), 0 when none. */
  allowanceCents: number;
  /** BT-131 = quantity × price rounded to the cent − allowance. */
  netCents: number;
  category: VatCategory;
  rateBp: number;
}

/** BG-23, one per VAT category and rate. */
export interface EInvoiceDocVat {
  category: VatCategory;
  rateBp: number;
  baseCents: number;
  vatCents: number;
  /** BT-120, required for E, Z… (BR-E-10, BR-AE-10). */
  exemptionReason?: string;
}

/** BT-21 / BT-22: a note with its UNTDID 4451 subject code (AAB discount terms, PMD penalties, PMT indemnity). */
export interface EInvoiceDocNote {
  subject?: string;
  text: string;
}

export interface EInvoiceDocument {
  number: string;
  typeCode: EInvoiceTypeCode;
  /** YYYY-MM-DD */
  issueDate: string;
  dueDate?: string;
  deliveryDate?: string;
  currency: string;
  seller: EInvoiceDocParty;
  buyer: EInvoiceDocParty;
  lines: EInvoiceDocLine[];
  vat: EInvoiceDocVat[];
  /** BT-106 Σ line nets */
  lineTotalCents: number;
  /** BT-109 */
  taxBasisCents: number;
  /** BT-110 */
  taxTotalCents: number;
  /** BT-112 */
  grandTotalCents: number;
  /** BT-113: what was paid before this export (payments allocated). */
  prepaidCents: number;
  /** BT-115 */
  duePayableCents: number;
  /** BT-20, with the due date in words. */
  paymentTerms?: string;
  notes: EInvoiceDocNote[];
  /** BG-16 with code 58 (SEPA credit transfer): the seller's IBAN and BIC. */
  payment?: { iban: string; bic?: string; reference: string };
  /** BT-25 / BT-26: the invoice a credit note corrects. */
  preceding?: { number: string; issueDate?: string };
}

/**
 * The VAT category of a line at `rateBp`: S above 0 %; at 0 %, E under the franchise (art. 293 B du CGI), AE when
 * the seller and a buyer from another country both have a VAT number (autoliquidation), Z otherwise.
 */
export function vatCategory(
  rateBp: number,
  context: { franchise: boolean; sellerVat: boolean; buyerVat?: string | undefined },
): VatCategory {
  if (rateBp > 0) return "S";
  if (context.franchise) return "E";
  const buyer = context.buyerVat?.replace(/\s+/g, "").toUpperCase() ?? "";
  if (context.sellerVat && buyer !== "" && !buyer.startsWith("FR")) return "AE";
  return "Z";
}

const FRANCHISE_REASON = "TVA non applicable, art. 293 B du CGI";
/** Autoliquidation (reverse charge): the buyer accounts for the VAT. */
const REVERSE_CHARGE_REASON = "Autoliquidation";

/**
 * The VAT breakdown per category and rate: the base Σ the lines', the VAT rounded on it; when the stored VAT total
 * differs by at most a cent a rate (a final invoice's VAT is the work's minus the deposits', a credit note's a
 * proportional share), the difference is carried by the rates in order, a cent each, so the breakdown adds up to
 * what was issued. A larger difference is left for the check to refuse.
 */
export function vatBreakdown(lines: EInvoiceDocLine[], storedVat: number): EInvoiceDocVat[] {
  const groups = new Map<string, EInvoiceDocVat>();
  for (const l of lines) {
    const key = `${l.category}/${l.rateBp}`;
    const g = groups.get(key) ?? { category: l.category, rateBp: l.rateBp, baseCents: 0, vatCents: 0 };
    g.baseCents += l.netCents;
    groups.set(key, g);
  }
  const vat = [...groups.values()].sort(
    (a, b) => b.rateBp - a.rateBp || a.category.localeCompare(b.category),
  );
  for (const v of vat) {
    v.vatCents = vatAmount(cents(v.baseCents), v.rateBp);
    if (v.category === "E") v.exemptionReason = FRANCHISE_REASON;
    if (v.category === "AE") v.exemptionReason = REVERSE_CHARGE_REASON;
  }
  let diff = storedVat - vat.reduce((s, v) => s + v.vatCents, 0);
  if (Math.abs(diff) <= vat.filter((v) => v.rateBp > 0).length) {
    for (const v of vat) {
      if (diff === 0) break;
      if (v.rateBp === 0) continue;
      const step = Math.sign(diff);
      v.vatCents += step;
      diff -= step;
    }
  }
  return vat;
}
