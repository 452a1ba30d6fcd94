import type { Client, Organization } from "../../db/schema.js";
import type { LetterParty } from "../../pdf/letters.js";

/** The non-empty lines of a stored address: the street lines, then "postal code city". */
export function addressLines(o: {
  address: string | null;
  postal_code: string | null;
  city: string | null;
}): string[] {
  return [...(o.address ?? "").split(/\r?\n/), [o.postal_code, o.city].filter(Boolean).join(" ")]
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** The organization as a generated document names it (letterhead, drawer, seller). */
export function organizationParty(
  org: Organization,
): LetterParty & { iban: string | null; bic: string | null } {
  return {
    name: org.name,
    legal_form: org.legal_form,
    siren: org.siren,
    vat_number: org.vat_number,
    address_lines: addressLines(org),
    email: org.email,
    phone: org.phone,
    iban: org.iban,
    bic: org.bic,
  };
}

/** A client as a generated document names it (debtor, buyer, drawee). */
export function clientParty(client: Client): LetterParty & { kind: Client["kind"] } {
  return {
    name: client.name,
    kind: client.kind,
    siren: client.siren,
    vat_number: client.vat_number,
    address_lines: addressLines(client),
  };
}
