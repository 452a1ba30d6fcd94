import type { Db } from "../connect.js";
import type { Role, User } from "../schema.js";

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("user").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { id: string; email: string; name: string | null; password_hash: string | null; locale: string },
  at: string,
): Promise<void> {
  await db
    .insertInto("user")
    .values({ ...user, created_at: at, updated_at: at })
    .execute();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: { name?: string | null; password_hash?: string; locale?: string },
  at: string,
): Promise<void> {
  await db
    .updateTable("user")
    .set({ ...changes, updated_at: at })
    .where("id", "=", id)
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MembershipOfUser {
  organization_id: string;
  name: string;
  role: Role;
}

/** The organizations a user belongs to, by name. */
export async function listMembershipsOfUser(db: Db, userId: string): Promise<MembershipOfUser[]> {
  return db
    .selectFrom("membership")
    .innerJoin("organization", "organization.id", "membership.organization_id")
    .select(["membership.organization_id", "organization.name", "membership.role"])
    .where("membership.user_id", "=", userId)
    .orderBy("organization.name")
    .orderBy("membership.organization_id")
    .execute();
}

export async function findMembership(
  db: Db,
  orgId: string,
  userId: string,
): Promise<{ id: string; role: Role } | undefined> {
  return db
    .selectFrom("membership")
    .select(["id", "role"])
    .where("organization_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Db,
  row: { id: string; organization_id: string; user_id: string; role: Role },
  at: string,
): Promise<void> {
  await db
    .insertInto("membership")
    .values({ ...row, created_at: at, updated_at: at })
    .execute();
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirst();
}
