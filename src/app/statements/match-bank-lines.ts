import { bankLinesToMatch } from "../../db/repositories/matching.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { type MatchReport, matchTransactions } from "./match-transactions.js";

/**
 * « Rapprocher à nouveau » (`POST /api/v1/bank-lines/match`, `relance bank-lines match`): matches again every bank
 * line unmatched or proposed that the user has not answered (a rejected proposal, an undone match stay theirs) —
 * after invoices were imported or created, cheques recorded, payers learned since the statement came in, or for
 * lines imported with --no-match. What is sure is recorded, the rest proposed or left unmatched, with reasons.
 */
export async function matchBankLines(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
}): Promise<MatchReport & { lines: number }> {
  const { ctx, org } = options;
  const ids = await bankLinesToMatch(ctx.db, org.id, { again: true });
  return { lines: ids.length, ...(await matchTransactions({ ...options, ids })) };
}

/**
 * The lines an import matches: its new lines, and the lines never decided — imported with --no-match, or by a
 * process stopped between its import and its matching — so that none waits for a match forever.
 */
export async function linesOfImport(
  ctx: AppContext,
  org: Organization,
  newIds: readonly string[],
): Promise<string[]> {
  return [...new Set([...newIds, ...(await bankLinesToMatch(ctx.db, org.id, { again: false }))])];
}
