import { checkEmail, checkSiren, checkSiret, normalizeIdentifier } from "../../core/identifiers.js";
import type { Locale } from "../../core/messages.js";
import {
  findOrganizationBySiren,
  insertOrganization,
  upsertUserWithMembership,
} from "../../db/repositories/organizations.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

export interface InitOrganizationOptions {
  ctx: AppContext;
  name: string;
  email?: string;
  /** A SIREN, or a SIRET (whose first nine digits are the SIREN). */
  siren?: string;
  locale?: Locale;
}

/** Creates an organization (the user's company) and, with an email, its owner. */
export async function initOrganization(options: InitOrganizationOptions): Promise<Organization> {
  const { ctx } = options;
  const name = options.name.trim().replace(/\s+/g, " ");
  if (name.length === 0) throw new AppError("invalid_input", "organization.name_required");
  let siren: string | null = null;
  let siret: string | null = null;
  if (options.siren) {
    const digits = normalizeIdentifier(options.siren);
    if (digits.length === 14) {
      const r = checkSiret(digits);
      if (!r.ok) throw new AppError("invalid_input", r.problem.code, r.problem.params);
      siret = r.value;
      siren = r.value.slice(0, 9);
    } else {
      const r = checkSiren(digits);
      if (!r.ok) throw new AppError("invalid_input", r.problem.code, r.problem.params);
      siren = r.value;
    }
  }
  let email: string | null = null;
  if (options.email) {
    const r = checkEmail(options.email);
    if (!r.ok) throw new AppError("invalid_input", r.problem.code, r.problem.params);
    email = r.value;
  }
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (siren && (await findOrganizationBySiren(trx, siren))) {
      throw new AppError("conflict", "organization.exists", { siren });
    }
    const org = await insertOrganization(
      trx,
      {
        name,
        legal_form: null,
        siren,
        siret,
        vat_number: null,
        address: null,
        postal_code: null,
        city: null,
        email,
        phone: null,
        iban: null,
        bic: null,
        locale: options.locale ?? "fr",
      },
      at,
    );
    if (email)
      await upsertUserWithMembership(trx, org.id, { email, name: null, locale: org.locale }, "owner", at);
    return org;
  });
}
