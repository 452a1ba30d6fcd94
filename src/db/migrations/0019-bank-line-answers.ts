import { type Kysely, sql } from "kysely";

/**
 * When the user answered a bank line themselves — rejected its proposal, undid its match — so that matching again
 * (« Rapprocher à nouveau », `relance bank-lines match`) leaves it to them, while the lines never decided (imported
 * with --no-match, or by a process stopped before it matched) are matched at the next import or run.
 * Existing unmatched lines without reasons cannot be told apart (rejected, undone, or never decided): they are taken
 * as answered, so nothing the user undid is matched again behind their back.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("bank_transaction").addColumn("answered_at", "text").execute();
  await db
    .updateTable("bank_transaction")
    .set({ answered_at: sql`updated_at` })
    .where("match_state", "=", "unmatched")
    .where("match_reasons", "is", null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("bank_transaction").dropColumn("answered_at").execute();
}
