import { sql } from "kysely";
import type { Db } from "../connect.js";
import type { Organization, Role, Session } from "../schema.js";

/** Every column of organization, selected beside the session as `org_<column>` (one query per request, not two). */
const ORGANIZATION_COLUMNS: readonly (keyof Organization)[] = [
  "id",
  "created_at",
  "updated_at",
  "name",
  "legal_form",
  "siren",
  "siret",
  "vat_number",
  "address",
  "postal_code",
  "city",
  "country",
  "email",
  "phone",
  "iban",
  "bic",
  "time_zone",
  "locale",
  "payment_term",
  "penalty_clause",
  "settings",
];

/** Built once: Kysely's builders are immutable, and this runs on every request. */
const ORGANIZATION_SELECTION = ORGANIZATION_COLUMNS.map((c) => sql.ref(`organization.${c}`).as(`org_${c}`));

export interface SessionRecord {
  session: Session;
  user: { id: string; email: string; name: string | null; locale: string };
  /** The membership in the session's active organization, if it still exists. */
  membership: { organization_id: string; organization_name: string; time_zone: string; role: Role } | null;
  /** The active organization's row, when the membership exists. */
  organization: Organization | null;
}

export async function insertSession(db: Db, session: Session): Promise<void> {
  await db.insertInto("session").values(session).execute();
}

/** A session with its user and active membership, in one query (this runs on every request). */
export async function findSession(db: Db, id: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .leftJoin("membership", (join) =>
      join
        .onRef("membership.organization_id", "=", "session.organization_id")
        .onRef("membership.user_id", "=", "session.user_id"),
    )
    .leftJoin("organization", "organization.id", "membership.organization_id")
    .selectAll("session")
    .select([
      "user.email as user_email",
      "user.name as user_name",
      "user.locale as user_locale",
      "membership.role as role",
      "organization.name as organization_name",
      "organization.time_zone as time_zone",
    ])
    .select(ORGANIZATION_SELECTION)
    .where("session.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { user_email, user_name, user_locale, role, organization_name, time_zone } = row;
  const columns = row as unknown as Record<string, unknown>;
  const session: Session = {
    id: row.id,
    user_id: row.user_id,
    organization_id: row.organization_id,
    csrf_token: row.csrf_token,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_seen_at: row.last_seen_at,
    expires_at: row.expires_at,
    ip: row.ip,
    user_agent: row.user_agent,
  };
  const organization: Record<string, unknown> = {};
  for (const c of ORGANIZATION_COLUMNS) organization[c] = columns[`org_${c}`];
  return {
    session,
    user: { id: session.user_id, email: user_email, name: user_name, locale: user_locale },
    membership:
      role && session.organization_id && organization_name && time_zone
        ? { organization_id: session.organization_id, organization_name, time_zone, role }
        : null,
    organization: role && organization.id ? (organization as unknown as Organization) : null,
  };
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable("session").set({ last_seen_at: at }).where("id", "=", id).execute();
}

export async function updateSessionOrganization(
  db: Db,
  id: string,
  organizationId: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable("session")
    .set({ organization_id: organizationId, updated_at: at })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", id).execute();
}

/** Removes a user's expired sessions (called at login, so the table does not grow without bound). */
export async function deleteExpiredSessions(
  db: Db,
  userId: string,
  before: string,
  idleBefore: string,
): Promise<void> {
  await db
    .deleteFrom("session")
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("expires_at", "<=", before), eb("last_seen_at", "<=", idleBefore)]))
    .execute();
}

/** Ends every session of a user in an organization they were removed from. */
export async function clearSessionsOfMembership(
  db: Db,
  orgId: string,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("session")
    .set({ organization_id: null, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}

/** Ends every session of a user (after a password change). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("session").where("user_id", "=", userId).execute();
}
