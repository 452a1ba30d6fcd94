import type { Db } from "../connect.js";
import { newId } from "../ids.js";
import type { RateKind, RateTable } from "../schema.js";

/** A rate row as the application reads it (shared rows have `organization_id` null). */
export interface RateRow {
  id: string;
  organization_id: string | null;
  kind: RateKind;
  valid_from: string;
  valid_to: string;
  rate_bp: number;
  source: string;
  confirmed: number;
  updated_at: string;
}

const COLUMNS = [
  "id",
  "organization_id",
  "kind",
  "valid_from",
  "valid_to",
  "rate_bp",
  "source",
  "confirmed",
  "updated_at",
] as const;

/**
 * The rates an organization computes with: the shared rows of the instance and, when `orgId` is given, that
 * organization's own rows (none are written today; the table allows them). `orgId` null: the shared rows only.
 * Ordered by kind, then validity.
 */
export async function listRates(db: Db, orgId: string | null): Promise<RateRow[]> {
  const rows = await db
    .selectFrom("rate")
    .select(COLUMNS)
    .where((eb) =>
      orgId === null
        ? eb("organization_id", "is", null)
        : eb.or([eb("organization_id", "is", null), eb("organization_id", "=", orgId)]),
    )
    .orderBy("kind")
    .orderBy("valid_from")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, rate_bp: Number(r.rate_bp), confirmed: Number(r.confirmed) }));
}

/** The shared row of one kind starting on `validFrom`, if any. */
export async function findSharedRate(
  db: Db,
  kind: RateKind,
  validFrom: string,
): Promise<RateRow | undefined> {
  const row = await db
    .selectFrom("rate")
    .select(COLUMNS)
    .where("organization_id", "is", null)
    .where("kind", "=", kind)
    .where("valid_from", "=", validFrom)
    .executeTakeFirst();
  return row ? { ...row, rate_bp: Number(row.rate_bp), confirmed: Number(row.confirmed) } : undefined;
}

export interface SharedRateValues {
  kind: RateKind;
  valid_from: string;
  valid_to: string;
  rate_bp: number;
  source: string;
  confirmed: RateTable["confirmed"];
}

/** Inserts or updates the shared row of (kind, valid_from); returns its id and the previous values, if any. */
export async function upsertSharedRate(
  db: Db,
  values: SharedRateValues,
  at: string,
): Promise<{ id: string; previous: RateRow | undefined }> {
  const previous = await findSharedRate(db, values.kind, values.valid_from);
  if (previous) {
    await db
      .updateTable("rate")
      .set({
        valid_to: values.valid_to,
        rate_bp: values.rate_bp,
        source: values.source,
        confirmed: values.confirmed,
        updated_at: at,
      })
      .where("id", "=", previous.id)
      .where("organization_id", "is", null)
      .execute();
    return { id: previous.id, previous };
  }
  const id = newId();
  await db
    .insertInto("rate")
    .values({ id, organization_id: null, ...values, created_at: at, updated_at: at })
    .execute();
  return { id, previous: undefined };
}
