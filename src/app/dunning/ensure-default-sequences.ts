import { DEFAULT_SEQUENCES } from "../../core/dunning/defaults.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { hasDefaultSequence, insertSequence } from "../../db/repositories/dunning-sequences.js";

/**
 * Creates the default sequences (core/dunning/defaults.ts: B2B, B2C, deposit invoices) that the organization
 * lacks — an organization made before the deposit sequence existed gets it at its next run. Idempotent; `relance init`, the demo, sign-up and the daily run call it.
 */
export async function ensureDefaultSequences(db: Db, orgId: string, at: string): Promise<void> {
  for (const seed of DEFAULT_SEQUENCES) {
    if (await hasDefaultSequence(db, orgId, seed.default_for)) continue;
    const sequenceId = newId();
    await insertSequence(
      db,
      {
        id: sequenceId,
        organization_id: orgId,
        name: seed.name,
        default_for: seed.default_for,
        created_at: at,
        updated_at: at,
      },
      seed.steps.map((s, position) => ({
        id: newId(),
        organization_id: orgId,
        sequence_id: sequenceId,
        position,
        offset_days: s.offset_days,
        channel: s.channel,
        template_key: s.template_key,
        tone: s.tone,
        requires_approval: s.requires_approval ? 1 : 0,
        never_skip: s.never_skip ? 1 : 0,
        task_kind: s.task_kind,
        label: s.label,
        created_at: at,
        updated_at: at,
      })),
    );
  }
}
