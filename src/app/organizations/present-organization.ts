import type { DayCount } from "../../core/law/penalties.js";
import { checkTerm, effectiveTerm } from "../../core/law/terms.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import type { Organization } from "../../db/schema.js";
import { graceDaysOf } from "../calls/promise-rules.js";
import { dayCountOf, dunningHourOf, operationCategoryOf, vatOnDebitsOf } from "./settings.js";

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
  /** The default payment term's label ("30 jours", "45 jours fin de mois"). */
  payment_term: string;
  /** That term checked against the B2B caps of L441-10 (a warning, never a blocking error). */
  payment_term_check: { compliant: boolean; warnings: { code: string; message: string }[] };
  penalty_clause: string;
  /** From the `settings` JSON: the day count of the claims and the calculator's default. */
  day_count: DayCount;
  /** From the `settings` JSON: the hour of the daily dunning run (local time). */
  dunning_hour: number;
  /** From the `settings` JSON: days after a promised date before the promise is checked (0–30, default 3). */
  promise_grace_days: number;
  /** The nature of the operations printed on invoices; null: not stated. */
  operation_category: "goods" | "services" | "mixed" | null;
  vat_on_debits: boolean;
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
    payment_term: org.payment_term,
    payment_term_check: termCheck(org),
    penalty_clause: org.penalty_clause,
    day_count: dayCountOf(org),
    dunning_hour: dunningHourOf(org),
    promise_grace_days: graceDaysOf(org),
    operation_category: operationCategoryOf(org),
    vat_on_debits: vatOnDebitsOf(org),
    created_at: org.created_at,
    updated_at: org.updated_at,
  };
}

function termCheck(org: Organization): OrganizationDto["payment_term_check"] {
  const locale: Locale = org.locale === "en" ? "en" : "fr";
  const check = checkTerm(effectiveTerm(org.payment_term), { debtor: "business", locale });
  return {
    compliant: check.compliant,
    warnings: check.warnings.map((w) => ({ code: w.code, message: formatMessage(locale, w.code, w.params) })),
  };
}
