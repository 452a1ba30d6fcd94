import type { Db, Dialect } from "../connect.js";
import type { Role } from "../schema.js";

export interface MemberRow {
  user_id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The members of an organization, by e-mail (keyset after `after`); the caller asks for one row more than a page. */
export async function listMembers(
  db: Db,
  orgId: string,
  page: { limit: number; after?: { email: string; user_id: string } },
): Promise<MemberRow[]> {
  let query = db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["membership.user_id", "user.email", "user.name", "membership.role"])
    .where("membership.organization_id", "=", orgId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("user.email", ">", after.email),
        eb.and([eb("user.email", "=", after.email), eb("membership.user_id", ">", after.user_id)]),
      ]),
    );
  }
  return query.orderBy("user.email").orderBy("membership.user_id").limit(page.limit).execute();
}

export async function findMember(db: Db, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["membership.user_id", "user.email", "user.name", "membership.role"])
    .where("membership.organization_id", "=", orgId)
    .where("membership.user_id", "=", userId)
    .executeTakeFirst();
}

/**
 * The owners of an organization, their memberships locked until the end of the transaction on PostgreSQL (SQLite
 * transactions already hold the write lock), so that two owners demoting each other at once cannot leave none.
 */
export async function lockOwners(db: Db, dialect: Dialect, orgId: string): Promise<string[]> {
  const query = db
    .selectFrom("membership")
    .select("user_id")
    .where("organization_id", "=", orgId)
    .where("role", "=", "owner");
  const rows = await (dialect === "postgres" ? query.forUpdate() : query).execute();
  return rows.map((r) => r.user_id);
}

export async function updateMemberRole(
  db: Db,
  orgId: string,
  userId: string,
  role: Role,
  at: string,
): Promise<void> {
  await db
    .updateTable("membership")
    .set({ role, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}

export async function deleteMembership(db: Db, orgId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("membership")
    .where("organization_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}
