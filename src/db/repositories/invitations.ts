import type { Insertable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type { Invitation, InvitationTable } from "../schema.js";

export async function insertInvitation(db: Db, row: Insertable<InvitationTable>): Promise<void> {
  await db.insertInto("invitation").values(row).execute();
}

/** Removes the invitations of an e-mail not yet accepted (a new invitation replaces them). */
export async function deletePendingInvitationsFor(db: Db, orgId: string, email: string): Promise<void> {
  await db
    .deleteFrom("invitation")
    .where("organization_id", "=", orgId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .execute();
}

/**
 * The invitations neither accepted nor expired, newest first (keyset after `after`); the caller asks for one row
 * more than a page.
 */
export async function listPendingInvitations(
  db: Db,
  orgId: string,
  now: string,
  page: { limit: number; after?: { created_at: string; id: string } },
): Promise<Invitation[]> {
  let query = db
    .selectFrom("invitation")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", after.created_at),
        eb.and([eb("created_at", "=", after.created_at), eb("id", "<", after.id)]),
      ]),
    );
  }
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
}

/** Deletes an invitation not yet accepted; returns whether there was one. */
export async function deletePendingInvitation(db: Db, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("invitation")
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface InvitationWithOrganization extends Invitation {
  organization_name: string;
  organization_locale: string;
}

/**
 * The invitation behind a link, whatever its organization: the token (stored as its hash) is what designates the
 * organization here, as a session token does. Accepted and expired ones included; the caller decides.
 */
export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<InvitationWithOrganization | undefined> {
  return db
    .selectFrom("invitation")
    .innerJoin("organization", "organization.id", "invitation.organization_id")
    .selectAll("invitation")
    .select(["organization.name as organization_name", "organization.locale as organization_locale"])
    .where("invitation.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/**
 * Marks an invitation accepted if it still is pending and unexpired at `at`; returns false when another request
 * used it first (single use even under concurrency: the condition and the write are one statement).
 */
export async function markInvitationAccepted(
  db: Db,
  orgId: string,
  id: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitation")
    .set({ accepted_at: at, accepted_by_user_id: userId, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Whether an invitation is still pending and unexpired at `at`, its row locked until the end of the transaction
 * on PostgreSQL (SQLite transactions already hold the write lock): a second acceptance waits, then sees it used.
 */
export async function lockPendingInvitation(
  db: Db,
  dialect: Dialect,
  orgId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const query = db
    .selectFrom("invitation")
    .select(["id", "accepted_at", "expires_at"])
    .where("organization_id", "=", orgId)
    .where("id", "=", id);
  const row = await (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  return row !== undefined && row.accepted_at === null && row.expires_at > at;
}
