import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { loadSequence, type SequenceDto } from "./present-sequence.js";

/** One sequence of the organization with its steps; another organization's id is not found. */
export async function getSequence(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<SequenceDto> {
  const found = await loadSequence(options.ctx.db, options.org.id, options.id);
  if (!found) throw new AppError("not_found", "sequence.not_found");
  return found;
}
