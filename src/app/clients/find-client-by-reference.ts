import { normalizeName } from "../../core/clients/normalize-name.js";
import {
  findClient,
  findClientsByNormalizedName,
  findClientsBySiren,
} from "../../db/repositories/clients.js";
import type { Client, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";

/**
 * A client named on the command line: by its id, its SIREN (9 digits, spaces allowed) or its name (compared without
 * case, accents or punctuation). Two clients of that name: an error listing them, so the user can give the id.
 */
export async function findClientByReference(options: {
  ctx: AppContext;
  org: Organization;
  reference: string;
}): Promise<Client> {
  const { ctx, org } = options;
  const reference = options.reference.trim();
  if (reference === "") throw new AppError("not_found", "client.not_found");
  if (reference.length <= 64) {
    const byId = await findClient(ctx.db, org.id, reference);
    if (byId) return byId;
  }
  const digits = reference.replace(/\s/g, "");
  const candidates = /^\d{9}$/.test(digits)
    ? await findClientsBySiren(ctx.db, org.id, [digits])
    : await findClientsByNormalizedName(ctx.db, org.id, [normalizeName(reference)]);
  if (candidates.length > 1) {
    throw new AppError("invalid_input", "lawui.client_ambiguous", {
      clients: candidates.map((c) => `${c.name} (${c.id})`).join(", "),
    });
  }
  const [found] = candidates;
  if (!found) throw new AppError("not_found", "client.not_found");
  return found;
}
