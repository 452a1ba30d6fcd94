import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { type OrganizationDto, presentOrganization } from "./present-organization.js";

/** The active organization's settings (already loaded with the session). */
export async function getOrganization(options: {
  ctx: AppContext;
  org: Organization;
}): Promise<OrganizationDto> {
  return presentOrganization(options.org);
}
