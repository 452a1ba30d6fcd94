import { toIso } from "../../core/calendar.js";
import type { Db } from "../../db/connect.js";
import {
  findDefaultSequence,
  findSequence,
  placeClientInvoices,
} from "../../db/repositories/dunning-sequences.js";
import type { Client, ClientKind, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";

/** A sequence a client may choose: one of the organization's (another organization's id is not found). */
export async function checkClientSequence(db: Db, orgId: string, sequenceId: string): Promise<void> {
  if (!(await findSequence(db, orgId, sequenceId))) throw new AppError("not_found", "sequence.not_found");
}

async function sequenceOf(
  db: Db,
  orgId: string,
  kind: ClientKind,
  chosen: string | null,
): Promise<string | null> {
  return chosen ?? (await findDefaultSequence(db, orgId, kind))?.id ?? null;
}

/**
 * After a client changed its own sequence or its kind (which picks its default one): when the sequence its
 * invoices follow is another one, each invoice is placed in the new sequence after the steps whose day is not
 * after its last step fired, and is looked at again by the next daily run.
 */
export async function followClientSequence(
  ctx: AppContext,
  db: Db,
  org: Organization,
  before: Pick<Client, "id" | "kind" | "dunning_sequence_id">,
  after: { kind: ClientKind; dunning_sequence_id: string | null },
): Promise<void> {
  if (before.kind === after.kind && before.dunning_sequence_id === after.dunning_sequence_id) return;
  const from = await sequenceOf(db, org.id, before.kind, before.dunning_sequence_id);
  const to = await sequenceOf(db, org.id, after.kind, after.dunning_sequence_id);
  if (to === null || to === from) return;
  await placeClientInvoices(db, org.id, before.id, to, toIso(todayFor(ctx, org.time_zone)));
}
