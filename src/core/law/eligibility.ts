/**
 * Which judicial recovery procedures a claim can use — LAW.md §7. Pure: amounts in cents, `asOf` given.
 *
 * The amount compared with the thresholds is the sum of principal and interest of every claim against the debtor
 * (the 40 € indemnity and costs are not counted). Thresholds are inclusive: 5 000,00 € is a small claim,
 * 10 000,00 € does not need a lawyer; one more cent changes both.
 */
import type { PlainDate } from "../calendar.js";
import { compareDates, Temporal } from "../calendar.js";
import type { Locale, MessageCode } from "../messages.js";
import { cents, formatEuros } from "../money.js";
import type { LawWarning } from "./terms.js";

export type Procedure =
  | "small_claims"
  | "injonction_de_payer"
  | "european_order_for_payment"
  | "lawyer_required"
  | "uncontested_commercial_claims";

export type Court = "tribunal_de_commerce" | "tribunal_judiciaire";
export type Cerfa = "12946*02" | "12948*06";

export interface EligibilityInput {
  creditor: { kind: "business"; isMerchant: boolean };
  debtor: { kind: "business" | "consumer" | "public"; isMerchant?: boolean; country: string };
  claims: readonly { principal_cents: number; interest_cents: number }[];
  asOf: PlainDate;
  locale?: Locale;
}

export interface ProcedureEligibility {
  procedure: Procedure;
  /** For `lawyer_required`: whether a lawyer is required. */
  eligible: boolean;
  reason: { code: MessageCode; params: Record<string, string | number> };
  court?: Court;
  cerfa?: Cerfa;
  article: string;
  notes: LawWarning[];
}

/** CPCE L125-1, R125-1: principal + interest. */
export const SMALL_CLAIMS_LIMIT_CENTS = 500_000;
/** CPC 761 (tribunal judiciaire) and 853 (tribunal de commerce). */
export const LAWYER_THRESHOLD_CENTS = 1_000_000;
/** Décret 2026-96: orders issued from this day must be served within 3 months. */
export const IP_SERVICE_RULE_FROM = new Temporal.PlainDate(2026, 9, 1);
/** Loi du 23/04/2026 (CPCE L126-x) creating the uncontested commercial claims procedure. */
export const UNCONTESTED_LAW_FROM = new Temporal.PlainDate(2026, 4, 23);

/** Member states of the European Union (ISO 3166-1 alpha-2; Greece also as "EL"). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "EL",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);
/** Reg. 1896/2006 art. 2(3): Denmark does not take part. */
const EOP_EXCLUDED = new Set(["DK"]);
/** France, including the overseas departments (part of France and of the EU), by their own ISO codes. */
const FRANCE = new Set(["FR", "GP", "MQ", "GF", "RE", "YT"]);

export function isInFrance(country: string): boolean {
  return FRANCE.has(country.trim().toUpperCase());
}

export function procedureEligibility(input: EligibilityInput): ProcedureEligibility[] {
  const locale = input.locale ?? "fr";
  const total = input.claims.reduce((sum, c) => sum + c.principal_cents + c.interest_cents, 0);
  const amount = formatEuros(cents(total), locale);
  const country = input.debtor.country.trim().toUpperCase();
  const inFrance = isInFrance(country);
  const betweenMerchants =
    input.creditor.isMerchant && input.debtor.kind === "business" && input.debtor.isMerchant === true;
  const publicNotes: LawWarning[] =
    input.debtor.kind === "public" ? [{ code: "procedure.public_debtor", params: {} }] : [];

  const smallLimit = formatEuros(cents(SMALL_CLAIMS_LIMIT_CENTS), locale);
  const small: ProcedureEligibility = {
    procedure: "small_claims",
    article: "L125-1 CPCE",
    notes: publicNotes,
    ...(!inFrance
      ? { eligible: false, reason: { code: "procedure.small_claims_abroad", params: { country } } }
      : total <= 0
        ? { eligible: false, reason: { code: "procedure.nothing_due", params: {} } }
        : total <= SMALL_CLAIMS_LIMIT_CENTS
          ? {
              eligible: true,
              reason: { code: "procedure.small_claims_ok", params: { amount, limit: smallLimit } },
            }
          : {
              eligible: false,
              reason: { code: "procedure.small_claims_over", params: { amount, limit: smallLimit } },
            }),
  };

  const court: Court = betweenMerchants ? "tribunal_de_commerce" : "tribunal_judiciaire";
  const cerfa: Cerfa = betweenMerchants ? "12946*02" : "12948*06";
  const ipNotes: LawWarning[] = [...publicNotes];
  if (input.creditor.isMerchant && input.debtor.kind === "business" && input.debtor.isMerchant === undefined)
    ipNotes.push({ code: "procedure.debtor_merchant_unknown", params: {} });
  if (compareDates(input.asOf, IP_SERVICE_RULE_FROM) >= 0)
    ipNotes.push({ code: "procedure.ip_serve_within_3_months", params: {} });
  const injonction: ProcedureEligibility = {
    procedure: "injonction_de_payer",
    article: "1405 CPC",
    notes: ipNotes,
    ...(!inFrance
      ? { eligible: false, reason: { code: "procedure.ip_abroad", params: { country } } }
      : total <= 0
        ? { eligible: false, reason: { code: "procedure.nothing_due", params: {} } }
        : {
            eligible: true,
            court,
            cerfa,
            reason: {
              code: betweenMerchants ? "procedure.ip_commerce" : "procedure.ip_judiciaire",
              params: { amount, cerfa },
            },
          }),
  };

  const lawyerLimit = formatEuros(cents(LAWYER_THRESHOLD_CENTS), locale);
  const lawyerNeeded = total > LAWYER_THRESHOLD_CENTS;
  const lawyer: ProcedureEligibility = {
    procedure: "lawyer_required",
    article: betweenMerchants ? "853 CPC" : "761 CPC",
    eligible: lawyerNeeded,
    reason: {
      code: lawyerNeeded ? "procedure.lawyer_required" : "procedure.lawyer_not_required",
      params: { amount, limit: lawyerLimit },
    },
    notes: [],
  };

  const eu = EU_COUNTRIES.has(country);
  const eopEligible = eu && !inFrance && !EOP_EXCLUDED.has(country) && total > 0;
  const european: ProcedureEligibility = {
    procedure: "european_order_for_payment",
    article: "Règlement (CE) n° 1896/2006",
    eligible: eopEligible,
    reason: {
      code: eopEligible
        ? "procedure.eop_ok"
        : inFrance
          ? "procedure.eop_domestic"
          : EOP_EXCLUDED.has(country)
            ? "procedure.eop_denmark"
            : eu
              ? "procedure.nothing_due"
              : "procedure.eop_outside_eu",
      params: { country },
    },
    notes: [],
  };

  const lawInForce = compareDates(input.asOf, UNCONTESTED_LAW_FROM) >= 0;
  const uncontested: ProcedureEligibility = {
    procedure: "uncontested_commercial_claims",
    article: "L126-x CPCE (loi du 23/04/2026)",
    eligible: false,
    reason: {
      code: !lawInForce
        ? "procedure.uncontested_not_yet"
        : betweenMerchants && inFrance
          ? "procedure.uncontested_info"
          : "procedure.uncontested_not_merchants",
      params: {},
    },
    notes: [],
  };

  return [small, injonction, lawyer, european, uncontested];
}
