import { DEFAULT_SEQUENCES, type StepSeed } from "../../core/dunning/defaults.js";
import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findSequence,
  findSequenceByName,
  insertSequence,
  listSteps,
  lockSequences,
} from "../../db/repositories/dunning-sequences.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { ensureDefaultSequences } from "./ensure-default-sequences.js";
import { loadSequence, type SequenceDto } from "./present-sequence.js";
import { checkSequenceName } from "./sequence-input.js";

/** What a new sequence starts from: a copy of one of the organization's, or of a default Relance ships. */
export type SequenceSource = { copy_of: string } | { seed: "business" | "consumer" };

type StepCopy = Omit<StepSeed, "task_kind"> & { task_kind: string | null };

/**
 * Creates a sequence (the default of no kind of client: clients choose it one by one) as a copy of `from`, under
 * a name no other sequence of the organization has. Audited.
 */
export async function createSequence(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  name: string;
  from: SequenceSource;
}): Promise<SequenceDto> {
  const { ctx, org, from } = options;
  const at = nowIso(ctx);
  const problems: FieldProblem[] = [];
  const name = checkSequenceName(options.name, problems);
  const [first, ...others] = problems;
  if (first) throw invalidFields([first, ...others]);
  return ctx.db.transaction().execute(async (trx) => {
    await lockSequences(trx, ctx.dialect, org.id);
    await ensureDefaultSequences(trx, org.id, at);
    let steps: readonly StepCopy[];
    if ("copy_of" in from) {
      const source = await findSequence(trx, org.id, from.copy_of);
      if (!source) throw new AppError("not_found", "sequence.not_found");
      steps = (await listSteps(trx, org.id, [source.id])).map((s) => ({
        ...s,
        requires_approval: s.requires_approval === 1,
        never_skip: s.never_skip === 1,
      }));
    } else {
      const seed = DEFAULT_SEQUENCES.find((s) => s.default_for === from.seed);
      if (!seed) throw new AppError("not_found", "sequence.not_found");
      steps = seed.steps;
    }
    if (await findSequenceByName(trx, org.id, name)) {
      throw invalidFields([{ path: "name", messageCode: "sequence.name_taken", params: { name } }]);
    }
    const id = newId();
    await insertSequence(
      trx,
      { id, organization_id: org.id, name, default_for: null, created_at: at, updated_at: at },
      steps.map((s, position) => ({
        id: newId(),
        organization_id: org.id,
        sequence_id: id,
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
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "dunning_sequence",
      entityId: id,
      operation: "create",
      data: { name, from },
    });
    const created = await loadSequence(trx, org.id, id);
    if (!created) throw new AppError("internal", "http.internal");
    return created;
  });
}
