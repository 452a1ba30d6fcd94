import { checkEmail, checkSiren, checkSiret, normalizeIdentifier } from "../../core/identifiers.js";
import type { Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import {
  findOrganizationBySiren,
  insertOrganization,
  upsertUserWithMembership,
} from "../../db/repositories/organizations.js";
import { insertMembership } from "../../db/repositories/users.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { ensureDefaultSequences } from "../dunning/ensure-default-sequences.js";
import { AppError } from "../errors.js";

export interface InitOrganizationOptions {
  ctx: AppContext;
  name: string;
  email?: string;
  /** A SIREN, or a SIRET (whose first nine digits are the SIREN). */
  siren?: string;
  locale?: Locale;
  /** An existing user who becomes the owner (sign-up, or a user creating another organization). */
  ownerUserId?: string;
}

/** Creates an organization (the user's company) and, with an email, its owner. */
export async function initOrganization(options: InitOrganizationOptions): Promise<Organization> {
  return options.ctx.db.transaction().execute((trx) => insertNewOrganization(trx, options));
}

/** The body of initOrganization, inside a transaction the caller already holds. */
export async function insertNewOrganization(
  trx: Db,
  options: InitOrganizationOptions,
): Promise<Organization> {
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
  {
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
    if (options.ownerUserId) {
      await insertMembership(
        trx,
        { id: newId(), organization_id: org.id, user_id: options.ownerUserId, role: "owner" },
        at,
      );
    } else if (email) {
      await upsertUserWithMembership(trx, org.id, { email, name: null, locale: org.locale }, "owner", at);
    }
    await ensureDefaultSequences(trx, org.id, at);
    return org;
  }
}
