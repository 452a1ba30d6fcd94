import { toIso } from "../../core/calendar.js";
import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  detachOutboxFromSteps,
  findSequence,
  findSequenceByName,
  listSteps,
  lockSequences,
  movePositions,
  renameSequence,
  replaceSteps,
} from "../../db/repositories/dunning-sequences.js";
import type { DunningStep, Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, type FieldProblem, invalidFields } from "../errors.js";
import { loadSequence, type SequenceDto } from "./present-sequence.js";
import { type CheckedStep, checkSequenceName, checkSteps, type StepInput } from "./sequence-input.js";

/**
 * Where an invoice at each old position goes once `next` replaces `old` (index: old position 0…old.length, the
 * last meaning "every step done"). A position is an index — the next step to consider — so replacing the steps
 * renumbers it: the invoice goes before the first new step that is not behind it. A kept step (same id) is behind
 * when it was; a new step is behind when its offset is not after the last step behind the invoice.
 */
export function newPositions(
  old: readonly Pick<DunningStep, "id" | "offset_days">[],
  next: readonly Pick<CheckedStep, "id" | "offset_days">[],
): number[] {
  const oldPosition = new Map(old.map((s, i) => [s.id, i]));
  const result: number[] = [];
  for (let p = 0; p <= old.length; p++) {
    const lastBehind = old[p - 1]?.offset_days;
    const behind = (s: Pick<CheckedStep, "id" | "offset_days">) => {
      const was = s.id === null ? undefined : oldPosition.get(s.id);
      if (was !== undefined) return was < p;
      return lastBehind !== undefined && s.offset_days <= lastBehind;
    };
    const first = next.findIndex((s) => !behind(s));
    result.push(first < 0 ? next.length : first);
  }
  return result;
}

const scheduleOf = (steps: readonly Pick<DunningStep, "id" | "offset_days">[]) =>
  JSON.stringify(steps.map((s) => [s.id, s.offset_days]));

/**
 * Renames a sequence and replaces its whole ordered list of steps at once, in one transaction. A step given with
 * its id is kept (rewritten in place), the others are new, the missing ones deleted (messages already sent from
 * them stay in the outbox without their step). Every problem is reported at once with its path
 * ("steps.3.offset_days"). The invoices in the sequence keep their place (see newPositions) and, when the days
 * changed, are looked at again by the next daily run. Audited.
 */
export async function updateSequence(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  name: string;
  steps: readonly StepInput[];
}): Promise<SequenceDto> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockSequences(trx, ctx.dialect, org.id);
    const sequence = await findSequence(trx, org.id, id);
    if (!sequence) throw new AppError("not_found", "sequence.not_found");
    const old = await listSteps(trx, org.id, [id]);
    const problems: FieldProblem[] = [];
    const name = checkSequenceName(options.name, problems);
    const steps = checkSteps(options.steps, new Set(old.map((s) => s.id)), problems);
    if (name !== "" && name !== sequence.name) {
      const twin = await findSequenceByName(trx, org.id, name);
      if (twin && twin.id !== id)
        problems.push({ path: "name", messageCode: "sequence.name_taken", params: { name } });
    }
    const [first, ...others] = problems;
    if (first) throw invalidFields([first, ...others]);

    const keptIds = new Set(steps.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = old.filter((s) => !keptIds.has(s.id)).map((s) => s.id);
    const withIds = steps.map((s) => ({ ...s, id: s.id ?? newId() }));
    const fields = (s: CheckedStep, position: number) =>
      ({
        position,
        offset_days: s.offset_days,
        channel: s.channel,
        template_key: s.template_key,
        tone: s.tone,
        requires_approval: s.requires_approval ? 1 : 0,
        never_skip: s.never_skip ? 1 : 0,
        task_kind: s.task_kind,
        label: s.label,
        updated_at: at,
      }) as const;
    await detachOutboxFromSteps(trx, org.id, removed);
    await replaceSteps(trx, org.id, id, {
      removed,
      kept: steps.flatMap((s, i) => (s.id ? [{ id: s.id, ...fields(s, i) }] : [])),
      added: steps.flatMap((s, i) =>
        s.id
          ? []
          : [
              {
                id: withIds[i]?.id ?? newId(),
                organization_id: org.id,
                sequence_id: id,
                created_at: at,
                ...fields(s, i),
              },
            ],
      ),
    });
    await renameSequence(trx, org.id, id, name, at);
    if (scheduleOf(old) !== scheduleOf(withIds)) {
      const today = toIso(todayFor(ctx, org.time_zone));
      await movePositions(trx, org.id, sequence, newPositions(old, steps), today);
    }
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "dunning_sequence",
      entityId: id,
      operation: "update",
      data: {
        name,
        steps: withIds.map((s) => ({
          id: s.id,
          offset_days: s.offset_days,
          channel: s.channel,
          label: s.label,
        })),
        removed,
        previous: {
          name: sequence.name,
          steps: old.map((s) => ({
            id: s.id,
            offset_days: s.offset_days,
            channel: s.channel,
            label: s.label,
          })),
        },
      },
    });
    const updated = await loadSequence(trx, org.id, id);
    if (!updated) throw new AppError("internal", "http.internal");
    return updated;
  });
}
