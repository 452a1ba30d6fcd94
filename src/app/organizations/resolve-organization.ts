import type { Db } from "../../db/connect.js";
import { findOrganization, listOrganizations } from "../../db/repositories/organizations.js";
import type { Organization } from "../../db/schema.js";
import { AppError } from "../errors.js";

/**
 * The organization a command works on: the one named, or the only one of the database. With several and none
 * named, `strict` (the CLI) refuses rather than guess; the HTTP preview, until accounts exist, shows the first.
 */
export async function resolveOrganization(
  db: Db,
  orgId?: string,
  options: { strict?: boolean } = {},
): Promise<Organization> {
  if (orgId) {
    const org = await findOrganization(db, orgId);
    if (!org) throw new AppError("not_found", "organization.not_found", { id: orgId });
    return org;
  }
  const [first, ...others] = await listOrganizations(db);
  if (first && others.length > 0 && options.strict) {
    const list = [first, ...others].map((o) => `${o.id} (${o.name})`).join(", ");
    throw new AppError("invalid_input", "organization.choose", { list });
  }
  if (!first) {
    throw new AppError("no_organization", "organization.none");
  }
  return first;
}
