import type { DayCount } from "../../core/law/penalties.js";
import type { Organization } from "../../db/schema.js";
import { dayCountOf } from "./settings.js";

/** The organization's settings as the API shows them (the internal `settings` JSON stays inside). */
export interface OrganizationDto {
  id: string;
  name: string;
  legal_form: string | null;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  iban: string | null;
  bic: string | null;
  time_zone: string;
  locale: string;
  payment_terms_days: number;
  penalty_clause: string;
  /** From the `settings` JSON: the day count of the claims and the calculator's default. */
  day_count: DayCount;
  created_at: string;
  updated_at: string;
}

export function presentOrganization(org: Organization): OrganizationDto {
  return {
    id: org.id,
    name: org.name,
    legal_form: org.legal_form,
    siren: org.siren,
    siret: org.siret,
    vat_number: org.vat_number,
    address: org.address,
    postal_code: org.postal_code,
    city: org.city,
    country: org.country,
    email: org.email,
    phone: org.phone,
    iban: org.iban,
    bic: org.bic,
    time_zone: org.time_zone,
    locale: org.locale,
    payment_terms_days: Number(org.payment_terms_days),
    penalty_clause: org.penalty_clause,
    day_count: dayCountOf(org),
    created_at: org.created_at,
    updated_at: org.updated_at,
  };
}
