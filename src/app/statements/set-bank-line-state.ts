import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";

/**
 * The user's other answers about a bank line that is not matched (docs/statements.md): « Rejeter » a proposal (the
 * line stays to match by hand, its proposal cleared), « Ignorer » a credit that pays no invoice (a tax refund, a
 * transfer between own accounts: out of the lists), and « Rétablir » an ignored line (« Rapprocher à nouveau » matches it again unless the user had rejected or undone its match). A matched line answers 409: undo its match first.
 */
export async function setBankLineState(options: {
  ctx: AppContext;
  org: Organization;
  lineId: string;
  to: "reject" | "ignore" | "restore";
}): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const line = await trx
      .selectFrom("bank_transaction")
      .select(["match_state"])
      .where("organization_id", "=", org.id)
      .where("id", "=", options.lineId)
      .executeTakeFirst();
    if (!line) throw new AppError("not_found", "bank.line_not_found");
    if (line.match_state === "matched") throw new AppError("conflict", "bank.line_already_matched");
    const state = options.to === "ignore" ? "ignored" : "unmatched";
    await trx
      .updateTable("bank_transaction")
      .set({
        match_state: state,
        // a rejected proposal is the user's answer: matching again leaves the line to them (a restored line keeps
        // what the user answered before: restoring brings back no match they undid)
        ...(options.to === "reject" ? { match_score: null, match_reasons: null, answered_at: at } : {}),
        updated_at: at,
      })
      .where("organization_id", "=", org.id)
      .where("id", "=", options.lineId)
      .execute();
  });
}
