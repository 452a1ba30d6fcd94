import type { Db } from "../connect.js";
import { newId } from "../ids.js";
import type { Organization, OrganizationTable, Role } from "../schema.js";

export type OrganizationInput = Omit<
  OrganizationTable,
  | "id"
  | "created_at"
  | "updated_at"
  | "country"
  | "time_zone"
  | "locale"
  | "payment_term"
  | "penalty_clause"
  | "settings"
> &
  Partial<Pick<OrganizationTable, "country" | "time_zone" | "locale" | "payment_term" | "penalty_clause">>;

export async function insertOrganization(
  db: Db,
  input: OrganizationInput,
  at: string,
): Promise<Organization> {
  const row = {
    id: newId(),
    country: "FR",
    time_zone: "Europe/Paris",
    locale: "fr",
    payment_term: "30 jours",
    penalty_clause: "default",
    settings: "{}",
    ...input,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto("organization").values(row).execute();
  return row;
}

export async function findOrganization(db: Db, id: string): Promise<Organization | undefined> {
  return db.selectFrom("organization").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listOrganizations(db: Db): Promise<Organization[]> {
  return db.selectFrom("organization").selectAll().orderBy("created_at").orderBy("id").execute();
}

export async function findOrganizationBySiren(db: Db, siren: string): Promise<Organization | undefined> {
  return db.selectFrom("organization").selectAll().where("siren", "=", siren).executeTakeFirst();
}

export async function upsertUserWithMembership(
  db: Db,
  organizationId: string,
  user: { email: string; name: string | null; locale: string },
  role: Role,
  at: string,
): Promise<string> {
  const email = user.email.trim().toLowerCase();
  const existing = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  const userId = existing?.id ?? newId();
  if (!existing) {
    await db
      .insertInto("user")
      .values({
        id: userId,
        email,
        name: user.name,
        password_hash: null,
        locale: user.locale,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await db
    .insertInto("membership")
    .values({
      id: newId(),
      organization_id: organizationId,
      user_id: userId,
      role,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(["organization_id", "user_id"]).doNothing())
    .execute();
  return userId;
}

/** `settings` is the whole JSON text: the caller merges its keys (app/organizations/settings.ts). */
export type OrganizationChanges = Partial<Omit<OrganizationTable, "id" | "created_at" | "updated_at">>;

export async function updateOrganization(
  db: Db,
  orgId: string,
  changes: OrganizationChanges,
  at: string,
): Promise<void> {
  await db
    .updateTable("organization")
    .set({ ...changes, updated_at: at })
    .where("id", "=", orgId)
    .execute();
}

/**
 * Replaces the organization's settings only if they are still `expected` (compare-and-set): whether it did. Two
 * processes claiming the same thing in the settings (the day's dunning run) cannot both succeed.
 */
export async function swapOrganizationSettings(
  db: Db,
  orgId: string,
  expected: string,
  next: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("organization")
    .set({ settings: next, updated_at: at })
    .where("id", "=", orgId)
    .where("settings", "=", expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
