import { normalizeName } from "../../core/clients/normalize-name.js";
import { findClient, findClientsByNormalizedName } from "../../db/repositories/clients.js";
import type { Client, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";

/** A client named on the command line: by its exact name (without case, accents or punctuation) or by its id. */
export async function resolveClient(options: {
  ctx: AppContext;
  org: Organization;
  client: string;
}): Promise<Client> {
  const { ctx, org } = options;
  const byName = await findClientsByNormalizedName(ctx.db, org.id, [normalizeName(options.client)]);
  if (byName.length > 1) {
    throw new AppError("invalid_input", "lawui.client_ambiguous", {
      clients: byName.map((c) => `${c.name} (${c.id})`).join(", "),
    });
  }
  const found =
    byName[0] ?? (options.client.length <= 64 ? await findClient(ctx.db, org.id, options.client) : undefined);
  if (!found) throw new AppError("not_found", "client.not_found");
  return found;
}
