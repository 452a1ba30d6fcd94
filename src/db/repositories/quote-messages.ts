import type { Db } from "../connect.js";
import type { Quote } from "./quotes.js";

/** The organization's quotes still stored `sent` whose validity date falls between `from` and `to` (inclusive). */
export async function listSentQuotesValidUntil(
  db: Db,
  orgId: string,
  from: string,
  to: string,
): Promise<Quote[]> {
  return db
    .selectFrom("quote")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("status", "=", "sent")
    .where("valid_until", ">=", from)
    .where("valid_until", "<=", to)
    .orderBy("valid_until")
    .orderBy("id")
    .execute();
}
