import { Temporal } from "../../core/calendar.js";
import {
  checkBic,
  checkEmail,
  checkIban,
  checkSiren,
  checkSiret,
  checkVatNumber,
} from "../../core/identifiers.js";
import type { DayCount } from "../../core/law/penalties.js";
import { parsePaymentTerm, storedTerm } from "../../core/law/terms.js";
import type { Locale } from "../../core/messages.js";
import type { Result } from "../../core/result.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  type OrganizationChanges,
  updateOrganization as saveOrganization,
} from "../../db/repositories/organizations.js";
import type { Organization } from "../../db/schema.js";
import { graceDaysOf, MAX_GRACE_DAYS } from "../calls/promise-rules.js";
import { type AppContext, nowIso } from "../context.js";
import { type FieldProblem, invalidFields } from "../errors.js";
import { type OrganizationDto, presentOrganization } from "./present-organization.js";
import {
  dayCountOf,
  dunningHourOf,
  OPERATION_CATEGORIES,
  type OperationCategorySetting,
  readSettings,
} from "./settings.js";

/** Fields that may be emptied: `null` or a blank string clears them. */
type Clearable =
  | "legal_form"
  | "siren"
  | "siret"
  | "vat_number"
  | "address"
  | "postal_code"
  | "city"
  | "email"
  | "phone"
  | "iban"
  | "bic";

export type OrganizationPatch = { [K in Clearable]?: string | null } & {
  name?: string;
  country?: string;
  time_zone?: string;
  locale?: Locale;
  /** A term as typed ("45 jours fin de mois"): stored as its label. */
  payment_term?: string;
  penalty_clause?: string;
  /** Stored in `settings` (its other keys are kept). */
  day_count?: DayCount;
  /** Stored in `settings`: the hour of the daily dunning run (0–23, local time). */
  dunning_hour?: number;
  /** Stored in `settings`: days a promise to pay holds the reminders after its date (0–30, docs/calls.md). */
  promise_grace_days?: number;
  /** Stored in `settings`: the nature of the operations printed on invoices (null: not stated). */
  operation_category?: OperationCategorySetting | null;
  /** Stored in `settings`: the option for paying VAT on debits, printed on invoices. */
  vat_on_debits?: boolean;
};

const CHECKED: Partial<Record<Clearable, (s: string) => Result<string>>> = {
  siren: checkSiren,
  siret: checkSiret,
  vat_number: checkVatNumber,
  email: checkEmail,
  iban: checkIban,
  bic: checkBic,
};

const FREE_TEXT: readonly Clearable[] = ["legal_form", "address", "postal_code", "city", "phone"];

/** An IANA zone name ("Europe/Paris"), in its canonical spelling; fixed offsets ("+01:00") are refused. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z]/.test(value)) return null;
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(value).timeZoneId;
  } catch {
    return null;
  }
}

/**
 * Changes the organization's settings (owner). Identifiers are checked and normalized (SIREN, SIRET, VAT, IBAN,
 * BIC); a SIRET fills an empty SIREN and must belong to the SIREN; every problem is reported at once.
 */
export async function updateOrganization(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  patch: OrganizationPatch;
}): Promise<OrganizationDto> {
  const { ctx, org, patch } = options;
  const problems: FieldProblem[] = [];
  const changes: OrganizationChanges = {};

  if (patch.name !== undefined) changes.name = patch.name.trim().replace(/\s+/g, " ");
  for (const field of FREE_TEXT) {
    const value = patch[field];
    if (value !== undefined) changes[field] = value?.trim() || null;
  }
  for (const [field, check] of Object.entries(CHECKED) as [Clearable, (s: string) => Result<string>][]) {
    const value = patch[field]?.trim();
    if (patch[field] === undefined) continue;
    if (!value) {
      changes[field] = null;
      continue;
    }
    const r = check(value);
    if (r.ok) changes[field] = r.value;
    else problems.push({ path: field, messageCode: r.problem.code, params: r.problem.params ?? {} });
  }
  if (patch.time_zone !== undefined) {
    const zone = canonicalTimeZone(patch.time_zone.trim());
    if (zone) changes.time_zone = zone;
    else
      problems.push({
        path: "time_zone",
        messageCode: "organization.time_zone_invalid",
        params: { value: patch.time_zone },
      });
  }
  if (patch.country !== undefined) changes.country = patch.country;
  if (patch.locale !== undefined) changes.locale = patch.locale;
  if (patch.payment_term !== undefined) {
    const term = parsePaymentTerm(patch.payment_term);
    if (term.ok) changes.payment_term = storedTerm(term.value);
    else
      problems.push({
        path: "payment_term",
        messageCode: term.problem.code,
        params: term.problem.params ?? {},
      });
  }
  if (patch.penalty_clause !== undefined) changes.penalty_clause = patch.penalty_clause;
  if (patch.day_count !== undefined && patch.day_count !== dayCountOf(org)) {
    changes.settings = JSON.stringify({ ...readSettings(org), day_count: patch.day_count });
  }
  if (patch.dunning_hour !== undefined && patch.dunning_hour !== dunningHourOf(org)) {
    const base = changes.settings
      ? (JSON.parse(changes.settings) as Record<string, unknown>)
      : readSettings(org);
    changes.settings = JSON.stringify({ ...base, dunning_hour: patch.dunning_hour });
  }
  const grace = patch.promise_grace_days;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_DAYS)) {
    problems.push({ path: "promise_grace_days", messageCode: "promise.grace_invalid" });
  } else if (grace !== undefined && grace !== graceDaysOf(org)) {
    const base = changes.settings
      ? (JSON.parse(changes.settings) as Record<string, unknown>)
      : readSettings(org);
    changes.settings = JSON.stringify({ ...base, promise_grace_days: grace });
  }

  const invoiceMentions: Record<string, unknown> = {};
  if (patch.operation_category !== undefined) {
    if (patch.operation_category !== null && !OPERATION_CATEGORIES.includes(patch.operation_category))
      problems.push({ path: "operation_category", messageCode: "organization.operation_category_invalid" });
    else invoiceMentions.operation_category = patch.operation_category;
  }
  if (patch.vat_on_debits !== undefined) invoiceMentions.vat_on_debits = patch.vat_on_debits;
  if (Object.keys(invoiceMentions).length > 0) {
    const base = changes.settings
      ? (JSON.parse(changes.settings) as Record<string, unknown>)
      : readSettings(org);
    changes.settings = JSON.stringify({ ...base, ...invoiceMentions });
  }

  const siret = changes.siret !== undefined ? changes.siret : org.siret;
  const siren = changes.siren !== undefined ? changes.siren : org.siren;
  if (siret && !problems.some((p) => p.path === "siret" || p.path === "siren")) {
    if (!siren) changes.siren = siret.slice(0, 9);
    else if (siret.slice(0, 9) !== siren) {
      problems.push({
        path: patch.siret !== undefined ? "siret" : "siren",
        messageCode: "organization.siret_mismatch",
        params: { siret, siren },
      });
    }
  }
  const [first, ...others] = problems;
  if (first) throw invalidFields([first, ...others]);

  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => org[key as keyof Organization] !== value),
  ) as OrganizationChanges;
  if (Object.keys(changed).length === 0) return presentOrganization(org);
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await saveOrganization(trx, org.id, changed, at);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "organization",
      entityId: org.id,
      operation: "update",
      data: changed,
    });
  });
  return presentOrganization({ ...org, ...changed, updated_at: at });
}
