import { lockSequences } from "../../db/repositories/dunning-sequences.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { ensureDefaultSequences } from "./ensure-default-sequences.js";
import { loadSequences, type SequenceDto } from "./present-sequence.js";

/**
 * The organization's dunning sequences with their steps, the kinds of client that use each by default and how
 * many clients chose each. The default sequences are created first when missing (an organization made before
 * them, or whose defaults were never seeded).
 */
export async function listSequences(options: { ctx: AppContext; org: Organization }): Promise<SequenceDto[]> {
  const { ctx, org } = options;
  return ctx.db.transaction().execute(async (trx) => {
    await lockSequences(trx, ctx.dialect, org.id);
    await ensureDefaultSequences(trx, org.id, nowIso(ctx));
    return loadSequences(trx, org.id);
  });
}
