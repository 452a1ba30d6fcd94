import type { Db } from "../../db/connect.js";
import { findOrganization, listOrganizations } from "../../db/repositories/organizations.js";
import type { Organization } from "../../db/schema.js";
import { AppError } from "../errors.js";

/**
 * The organization a command works on: the one named, or the only (first) one of the database.
 * Accounts and the organization switcher (web, API) choose it explicitly.
 */
export async function resolveOrganization(db: Db, orgId?: string): Promise<Organization> {
  if (orgId) {
    const org = await findOrganization(db, orgId);
    if (!org) throw new AppError("not_found", "organization.not_found", { id: orgId });
    return org;
  }
  const [first] = await listOrganizations(db);
  if (!first) {
    throw new AppError("no_organization", "organization.none");
  }
  return first;
}
