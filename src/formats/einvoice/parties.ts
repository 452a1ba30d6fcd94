import { isValidSiren, isValidSiret, normalizeIdentifier, sirenFromSiret } from "../../core/identifiers.js";
import type { EInvoiceKind, EInvoiceParty } from "./types.js";

/** ISO 6523 schemes of French registrations: 0002 SIRENE (SIREN or SIRET), 0009 SIRET. */
const FRENCH_SCHEMES = new Set(["0002", "0009"]);

/**
 * The SIREN / SIRET of a party, from its legal registration id when it is a French one (scheme 0002 or 0009, or
 * no scheme for a party in France) with a valid check digit (a SIRET's SIREN is its first nine digits), else from
 * a French VAT number (FR + key + SIREN).
 */
export function frenchIds(party: Omit<EInvoiceParty, "siren" | "siret">): { siren?: string; siret?: string } {
  const id = party.legalId;
  const french =
    id !== undefined &&
    (id.scheme !== undefined ? FRENCH_SCHEMES.has(id.scheme) : (party.address.country ?? "FR") === "FR");
  if (id && french) {
    const digits = normalizeIdentifier(id.value);
    if (/^\d{14}$/.test(digits)) {
      // A SIRET whose own check digit fails (test data, or an establishment numbered outside the Luhn rule) still
      // names its company by its first nine digits when those are a valid SIREN.
      const siren = sirenFromSiret(digits);
      if (siren && isValidSiren(siren)) return isValidSiret(digits) ? { siren, siret: digits } : { siren };
    }
    if (digits.length === 9 && isValidSiren(digits)) return { siren: digits };
  }
  const vat = party.vatNumber ? normalizeIdentifier(party.vatNumber) : "";
  if (/^FR[0-9A-Z]{2}\d{9}$/.test(vat) && isValidSiren(vat.slice(4))) return { siren: vat.slice(4) };
  return {};
}

/** UNTDID 1001 document type → the invoice's kind; undefined for a type Relance does not import. */
export function kindOfTypeCode(code: string): EInvoiceKind | undefined {
  if (code === "381") return "credit_note";
  if (code === "386") return "deposit";
  if (code === "380" || code === "383" || code === "384" || code === "389" || code === "751")
    return "invoice";
  return undefined;
}
