import { type Insertable, sql, type Updateable } from "kysely";
import type { Db, Dialect } from "../connect.js";
import type {
  ClientKind,
  DunningSequence,
  DunningSequenceTable,
  DunningStep,
  DunningStepTable,
} from "../schema.js";

export async function listSequences(db: Db, orgId: string): Promise<DunningSequence[]> {
  return db
    .selectFrom("dunning_sequence")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function findSequence(db: Db, orgId: string, id: string): Promise<DunningSequence | undefined> {
  return db
    .selectFrom("dunning_sequence")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The organization's default sequence for a kind of client (public buyers use the business one). */
export async function findDefaultSequence(
  db: Db,
  orgId: string,
  kind: ClientKind,
): Promise<DunningSequence | undefined> {
  return db
    .selectFrom("dunning_sequence")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("default_for", "=", kind === "consumer" ? "consumer" : "business")
    .orderBy("id")
    .executeTakeFirst();
}

/** Whether the organization has a default sequence for `defaultFor` (a kind of client, or deposit invoices). */
export async function hasDefaultSequence(
  db: Db,
  orgId: string,
  defaultFor: NonNullable<DunningSequence["default_for"]>,
): Promise<boolean> {
  const row = await db
    .selectFrom("dunning_sequence")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("default_for", "=", defaultFor)
    .executeTakeFirst();
  return row !== undefined;
}

/** The steps of some sequences of the organization, by position. */
export async function listSteps(
  db: Db,
  orgId: string,
  sequenceIds: readonly string[],
): Promise<DunningStep[]> {
  if (sequenceIds.length === 0) return [];
  return db
    .selectFrom("dunning_step")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("sequence_id", "in", sequenceIds)
    .orderBy("sequence_id")
    .orderBy("position")
    .execute();
}

export async function insertSequence(
  db: Db,
  sequence: Insertable<DunningSequenceTable>,
  steps: Insertable<DunningStepTable>[],
): Promise<void> {
  await db.insertInto("dunning_sequence").values(sequence).execute();
  if (steps.length > 0) await db.insertInto("dunning_step").values(steps).execute();
}

export async function countSequences(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("dunning_sequence")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", orgId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Serializes the changes of an organization's sequences (their names are unique; the defaults are created once)
 * until the transaction ends: PostgreSQL takes an advisory lock, SQLite has one writer.
 */
export async function lockSequences(db: Db, dialect: Dialect, orgId: string): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${`dunning-sequences:${orgId}`}))`.execute(db);
}

export async function findSequenceByName(
  db: Db,
  orgId: string,
  name: string,
): Promise<DunningSequence | undefined> {
  return db
    .selectFrom("dunning_sequence")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("name", "=", name)
    .executeTakeFirst();
}

/** How many clients chose each sequence (their `dunning_sequence_id`); sequences nobody chose are absent. */
export async function countClientsBySequence(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("client")
    .select((eb) => ["dunning_sequence_id", eb.fn.countAll<number | string>().as("n")])
    .where("organization_id", "=", orgId)
    .where("dunning_sequence_id", "is not", null)
    .groupBy("dunning_sequence_id")
    .execute();
  return new Map(rows.map((r) => [r.dunning_sequence_id ?? "", Number(r.n)]));
}

export async function renameSequence(
  db: Db,
  orgId: string,
  id: string,
  name: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("dunning_sequence")
    .set({ name, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export type StepFields = Omit<
  Updateable<DunningStepTable>,
  "id" | "organization_id" | "sequence_id" | "created_at"
>;

/**
 * Replaces the steps of a sequence: `removed` are deleted, `kept` are rewritten in place (same id) and `added`
 * inserted. Positions are renumbered 0…n−1 through negative ones, so that the unique (sequence, position) never
 * sees two steps at one place.
 */
export async function replaceSteps(
  db: Db,
  orgId: string,
  sequenceId: string,
  change: {
    removed: readonly string[];
    kept: readonly (StepFields & { id: string })[];
    added: Insertable<DunningStepTable>[];
  },
): Promise<void> {
  const ofSequence = () =>
    db.updateTable("dunning_step").where("organization_id", "=", orgId).where("sequence_id", "=", sequenceId);
  if (change.removed.length > 0) {
    await db
      .deleteFrom("dunning_step")
      .where("organization_id", "=", orgId)
      .where("sequence_id", "=", sequenceId)
      .where("id", "in", change.removed)
      .execute();
  }
  await ofSequence()
    .set({ position: sql<number>`-1 - ${sql.ref("position")}` })
    .execute();
  for (const { id, ...fields } of change.kept) {
    await ofSequence().set(fields).where("id", "=", id).execute();
  }
  if (change.added.length > 0) await db.insertInto("dunning_step").values(change.added).execute();
}

/**
 * Outbox rows keep what they sent (subject, body, invoices); the step they came from may be deleted: the link is
 * cleared so that the step can go.
 */
export async function detachOutboxFromSteps(
  db: Db,
  orgId: string,
  stepIds: readonly string[],
): Promise<void> {
  if (stepIds.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ step_id: null })
    .where("organization_id", "=", orgId)
    .where("step_id", "in", stepIds)
    .execute();
}

/** Deletes a sequence and its steps. */
export async function deleteSequence(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .deleteFrom("dunning_step")
    .where("organization_id", "=", orgId)
    .where("sequence_id", "=", id)
    .execute();
  await db.deleteFrom("dunning_sequence").where("organization_id", "=", orgId).where("id", "=", id).execute();
}

/** The kinds of client whose default is a sequence with this `default_for` (public buyers use the business one). */
export function kindsOfDefault(defaultFor: DunningSequence["default_for"]): ClientKind[] {
  if (defaultFor === "business") return ["business", "public"];
  if (defaultFor === "consumer") return ["consumer"];
  return [];
}

/**
 * The invoices that follow a sequence: the deposit sequence's are the deposit invoices; another's, the invoices
 * (neither credit notes nor deposits) of the clients that use it, chosen or by default for their kind.
 */
function invoicesOfSequence(db: Db, orgId: string, sequence: Pick<DunningSequence, "id" | "default_for">) {
  if (sequence.default_for === "deposit")
    return db.updateTable("invoice").where("organization_id", "=", orgId).where("kind", "=", "deposit");
  const kinds = kindsOfDefault(sequence.default_for);
  return db
    .updateTable("invoice")
    .where("organization_id", "=", orgId)
    .where("kind", "=", "invoice")
    .where("client_id", "in", (eb) =>
      eb
        .selectFrom("client")
        .select("id")
        .where("organization_id", "=", orgId)
        .where((c) =>
          c.or([
            c("dunning_sequence_id", "=", sequence.id),
            ...(kinds.length > 0
              ? [c.and([c("dunning_sequence_id", "is", null), c("kind", "in", kinds)])]
              : []),
          ]),
        ),
    );
}

/** next_action_on brought back to `today` when later: the run dates the invoice again from the new steps. */
const lookAgainBy = (today: string) =>
  sql<
    string | null
  >`case when ${sql.ref("next_action_on")} > ${today} then ${today} else ${sql.ref("next_action_on")} end`;

/**
 * After the steps of a sequence were replaced: each invoice of the sequence moves from its old position to
 * `positions[old]` (the last entry stands for any position beyond), and is looked at again by `today`.
 */
export async function movePositions(
  db: Db,
  orgId: string,
  sequence: Pick<DunningSequence, "id" | "default_for">,
  positions: readonly number[],
  today: string,
): Promise<void> {
  const last = positions.length - 1;
  const whens = positions.map((to, from) =>
    from < last
      ? sql`when ${sql.ref("dunning_position")} = ${from} then ${to}`
      : sql`when ${sql.ref("dunning_position")} >= ${from} then ${to}`,
  );
  await invoicesOfSequence(db, orgId, sequence)
    .set({
      dunning_position: sql<number>`case ${sql.join(whens, sql` `)} else ${sql.ref("dunning_position")} end`,
      next_action_on: lookAgainBy(today),
    })
    .execute();
}

/**
 * A client moved to another sequence: each of its invoices (deposit invoices keep theirs) goes before the first step of `sequenceId` that comes
 * after its last step fired (by offset; the start without one), and is looked at again by `today`.
 */
export async function placeClientInvoices(
  db: Db,
  orgId: string,
  clientId: string,
  sequenceId: string,
  today: string,
): Promise<void> {
  await db
    .updateTable("invoice")
    .set({
      dunning_position: sql<number>`case when ${sql.ref("invoice.dunning_anchor_offset")} is null then 0 else (
        select count(*) from dunning_step s where s.organization_id = ${orgId} and s.sequence_id = ${sequenceId}
        and s.offset_days <= ${sql.ref("invoice.dunning_anchor_offset")}) end`,
      next_action_on: lookAgainBy(today),
    })
    .where("organization_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("kind", "=", "invoice")
    .execute();
}

export async function findStep(db: Db, orgId: string, id: string): Promise<DunningStep | undefined> {
  return db
    .selectFrom("dunning_step")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}
