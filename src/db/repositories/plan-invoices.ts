import type { Db } from "../connect.js";

/** The step a broken plan's invoices resume at: the mise en demeure of their client's sequence. */
export interface ResumeStep {
  position: number;
  offset_days: number;
}

/**
 * The mise en demeure of the sequence a client follows (its own, else the default for its kind): the first step
 * flagged `never_skip`, else the first registered letter. Undefined when the sequence has neither.
 */
export async function findFormalNoticeStep(
  db: Db,
  orgId: string,
  clientId: string,
): Promise<ResumeStep | undefined> {
  const client = await db
    .selectFrom("client")
    .select(["kind", "dunning_sequence_id"])
    .where("organization_id", "=", orgId)
    .where("id", "=", clientId)
    .executeTakeFirst();
  if (!client) return undefined;
  let sequenceId = client.dunning_sequence_id;
  if (!sequenceId) {
    const seq = await db
      .selectFrom("dunning_sequence")
      .select("id")
      .where("organization_id", "=", orgId)
      .where("default_for", "=", client.kind === "consumer" ? "consumer" : "business")
      .orderBy("id")
      .executeTakeFirst();
    sequenceId = seq?.id ?? null;
  }
  if (!sequenceId) return undefined;
  const steps = await db
    .selectFrom("dunning_step")
    .select(["position", "offset_days", "never_skip", "channel"])
    .where("organization_id", "=", orgId)
    .where("sequence_id", "=", sequenceId)
    .orderBy("position")
    .execute();
  const step =
    steps.find((s) => Number(s.never_skip) === 1) ?? steps.find((s) => s.channel === "registered_letter");
  return step ? { position: Number(step.position), offset_days: Number(step.offset_days) } : undefined;
}

/**
 * A broken plan's invoices go back to their sequence AT the mise en demeure: their plan hold is lifted, their
 * place is that step (anchored today with the step's own offset, so that it is due today — or on its own date
 * when the invoice is too recent for it) and the daily run looks at them today. Only invoices still held by the
 * plan are touched: a second call changes nothing.
 */
export async function resumeAtStep(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
  step: ResumeStep | undefined,
  today: string,
  at: string,
): Promise<void> {
  if (invoiceIds.length === 0) return;
  await db
    .updateTable("invoice")
    .set({
      hold_kind: null,
      hold_until: null,
      hold_reason: null,
      next_action_on: today,
      updated_at: at,
      ...(step
        ? {
            dunning_position: step.position,
            dunning_anchor_on: today,
            dunning_anchor_offset: step.offset_days,
          }
        : {}),
    })
    .where("organization_id", "=", orgId)
    .where("id", "in", [...invoiceIds])
    .where("hold_kind", "=", "plan")
    .where("status", "in", ["open", "partially_paid"])
    .execute();
}

/** Lifts the plan's hold of these invoices (a hold of another kind put since is left alone); the run looks today. */
export async function liftPlanHold(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
  today: string,
  at: string,
): Promise<void> {
  if (invoiceIds.length === 0) return;
  await db
    .updateTable("invoice")
    .set({ hold_kind: null, hold_until: null, hold_reason: null, updated_at: at })
    .where("organization_id", "=", orgId)
    .where("id", "in", [...invoiceIds])
    .where("hold_kind", "=", "plan")
    .execute();
  await db
    .updateTable("invoice")
    .set({ next_action_on: today })
    .where("organization_id", "=", orgId)
    .where("id", "in", [...invoiceIds])
    .where("status", "in", ["open", "partially_paid"])
    .where((eb) => eb.or([eb("next_action_on", "is", null), eb("next_action_on", ">", today)]))
    .execute();
}
