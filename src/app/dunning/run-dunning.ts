import type { Insertable } from "kysely";
import { type PlainDate, toIso } from "../../core/calendar.js";
import { type Plan, planInvoice, type StepDef } from "../../core/dunning/plan.js";
import { formatMessage } from "../../core/messages.js";
import { idSeries } from "../../db/ids.js";
import { insertStepEntries, type StepEntries } from "../../db/repositories/actions.js";
import {
  countDueInvoices,
  type DunningInvoiceRow,
  type DunningPlace,
  listDueInvoiceIds,
  lockDueInvoices,
  type PlaceGroup,
  writeDunningPlaces,
} from "../../db/repositories/dunning-invoices.js";
import { listSequences, listSteps } from "../../db/repositories/dunning-sequences.js";
import { insertStepMessages, invoicesAwaitingApproval } from "../../db/repositories/outbox.js";
import { insertTask } from "../../db/repositories/tasks.js";
import type { DunningStep, Organization, TaskTable } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { dunningOf, stepCode, stepDef } from "./dunning-state.js";
import { ensureDefaultSequences } from "./ensure-default-sequences.js";

export interface PlannedItem {
  client_id: string;
  client: string;
  invoices: string[];
  step: string;
  offset_days: number;
  channel: string;
  /** The outbox message (e-mail, letter) or the task (call, task) created. */
  action_id: string;
  awaiting_approval: boolean;
}

export interface SkippedItem {
  client: string;
  invoice: string;
  step: string;
  offset_days: number;
}

export interface DunningRunResult {
  date: string;
  planned: PlannedItem[];
  skipped: SkippedItem[];
  awaiting_approval: number;
  /** Filled by the caller that also sends (relance run without --no-send). */
  sent: number;
  /** Invoices looked at. */
  looked_at: number;
}

export interface RunDunningOptions {
  ctx: AppContext;
  org: Organization;
  /** The day to plan, as if it were today (default: the organization's today). */
  today?: PlainDate;
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  /** Invoices per transaction. */
  batchSize?: number;
}

class DryRun extends Error {}

/**
 * Invoices per transaction. SQLite commits rewrite every page the transaction touched, and the indexes' last pages
 * are touched by every batch: fewer, larger transactions write far less (one writer at a time either way, and a
 * batch of 10,000 holds the lock for a fraction of a second). PostgreSQL locks the batch's invoices until it
 * commits: smaller batches keep other writers waiting less.
 */
const BATCH_SIZE = { sqlite: 10_000, postgres: 2_000 } as const;

/** What outbox messages and letters are created for; calls and tasks become tasks. */
const MESSAGE_CHANNELS = new Set(["email", "letter", "registered_letter"]);

const ACTION_KIND: Record<StepDef["channel"], string> = {
  email: "reminder",
  letter: "letter",
  // the mise en demeure itself (`formal_notice`, from which a consumer owes interest) is written when the letter is produced
  registered_letter: "formal_notice_planned",
  call: "call_planned",
  task: "task_planned",
};

/**
 * The daily run's planning (docs/dunning.md): reads only the invoices whose next_action_on ≤ today, decides each
 * one's step with core/dunning/plan.ts, and writes in the same transaction the invoice's new place, the timeline
 * entries (fired and skipped steps), one outbox message per client and step for e-mails and letters (awaiting
 * approval when the step requires it) and one task per client and step for calls and tasks. Every write carries
 * an idempotency key (invoice + step + day, client + step + day): a second run the same day, or two runs at once,
 * plan nothing new. Messages are rendered when sent (dispatch-outbox.ts), so a payment recorded meanwhile is seen.
 */
export async function runDunning(options: RunDunningOptions): Promise<DunningRunResult> {
  const { ctx, org } = options;
  const today = options.today ?? todayFor(ctx, org.time_zone);
  const day = toIso(today);
  const at = nowIso(ctx);
  const result: DunningRunResult = {
    date: day,
    planned: [],
    skipped: [],
    awaiting_approval: 0,
    sent: 0,
    looked_at: 0,
  };
  if (!options.dryRun) await ensureDefaultSequences(ctx.db, org.id, at);
  const count = await countDueInvoices(ctx.db, org.id, day);
  if (count === 0) return result;
  const batchSize = options.batchSize ?? BATCH_SIZE[ctx.dialect];

  const sequences = await listSequences(ctx.db, org.id);
  const steps = await listSteps(
    ctx.db,
    org.id,
    sequences.map((s) => s.id),
  );
  const stepsBySequence = new Map<string, DunningStep[]>();
  for (const s of steps)
    stepsBySequence.set(s.sequence_id, [...(stepsBySequence.get(s.sequence_id) ?? []), s]);
  const defaults = {
    business: sequences.find((s) => s.default_for === "business")?.id ?? null,
    consumer: sequences.find((s) => s.default_for === "consumer")?.id ?? null,
    deposit: sequences.find((s) => s.default_for === "deposit")?.id ?? null,
  };
  const sequenceOf = (row: DunningInvoiceRow): DunningStep[] => {
    // a deposit invoice (facture d'acompte) follows the deposit sequence, whatever its client's
    if (row.kind === "deposit" && defaults.deposit) return stepsBySequence.get(defaults.deposit) ?? [];
    const own = row.client_sequence_id;
    const id =
      own && stepsBySequence.has(own)
        ? own
        : row.client_kind === "consumer"
          ? defaults.consumer
          : defaults.business;
    return id ? (stepsBySequence.get(id) ?? []) : [];
  };

  // a day that fits in one batch is read whole; otherwise whole clients per batch, so that one client's invoices
  // of one step make one message
  const batches: (string[] | "all")[] = [];
  if (count <= batchSize) batches.push("all");
  else {
    const byClient = new Map<string, string[]>();
    for (const r of await listDueInvoiceIds(ctx.db, org.id, day)) {
      const ids = byClient.get(r.client_id);
      if (ids) ids.push(r.id);
      else byClient.set(r.client_id, [r.id]);
    }
    let batch: string[] = [];
    for (const ids of byClient.values()) {
      batch.push(...ids);
      if (batch.length >= batchSize) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) batches.push(batch);
  }

  for (const ids of batches) {
    const partial: DunningRunResult = {
      ...result,
      planned: [],
      skipped: [],
      awaiting_approval: 0,
      looked_at: 0,
    };
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const rows = await lockDueInvoices(trx, ctx.dialect, org.id, ids, day);
        partial.looked_at = rows.length;
        // an invoice whose mise en demeure awaits approval waits for it (a lifted hold must not jump past it)
        const awaiting = await invoicesAwaitingApproval(trx, org.id, [
          ...new Set(rows.map((r) => r.client_id)),
        ]);
        const fired = new Map<string, { step: DunningStep; rows: DunningInvoiceRow[] }>();
        const entries = new Entries(org);
        const places = new Places(day);
        const writes: Writes = { messages: new Map(), tasks: [], nextId: idSeries() };
        for (const row of rows) {
          const sequence = sequenceOf(row);
          const plan: Plan = awaiting.has(row.id)
            ? { kind: "held", hold: { kind: "manual", until: null }, look_again_on: null }
            : planInvoice(dunningOf(row), defsOf(sequence), today);
          places.add(row.id, plan);
          if (plan.kind !== "fire") continue;
          const step = stepById(sequence, plan.step.id);
          const key = `${row.client_id}|${step.id}`;
          const group = fired.get(key);
          if (group) group.rows.push(row);
          else fired.set(key, { step, rows: [row] });
          for (const skipped of plan.skipped) {
            const s = stepById(sequence, skipped.id);
            partial.skipped.push({
              client: row.client_name,
              invoice: row.number,
              step: s.label,
              offset_days: Number(s.offset_days),
            });
            entries.add(s, "reminder_skipped", row.id, "");
          }
        }
        for (const { step, rows: group } of fired.values()) {
          const first = group[0] as DunningInvoiceRow;
          const item = planStep(writes, org, first.client_id, step, group, day, at);
          partial.planned.push({
            client_id: first.client_id,
            client: first.client_name,
            invoices: group.map((r) => r.number),
            step: step.label,
            offset_days: Number(step.offset_days),
            channel: step.channel,
            action_id: item.id,
            awaiting_approval: item.awaiting,
          });
          if (item.awaiting) partial.awaiting_approval++;
          for (const row of group) entries.add(step, ACTION_KIND[step.channel], row.id, item.id);
        }
        // the messages carry the invoices' place before the step: written before the new place
        for (const { step, refs } of writes.messages.values()) {
          const state = Number(step.requires_approval) === 1 ? "awaiting_approval" : "pending";
          await insertStepMessages(
            trx,
            ctx.dialect,
            org.id,
            { day, at, step_id: step.id, channel: step.channel, state },
            refs,
          );
        }
        await writeDunningPlaces(trx, ctx.dialect, org.id, at, places.groups.values());
        for (const task of writes.tasks) await insertTask(trx, task);
        for (const group of entries.groups.values())
          await insertStepEntries(trx, ctx.dialect, org.id, { day, at }, group);
        if (options.dryRun) throw new DryRun();
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
    }
    result.planned.push(...partial.planned);
    result.skipped.push(...partial.skipped);
    result.awaiting_approval += partial.awaiting_approval;
    result.looked_at += partial.looked_at;
  }
  return result;
}

interface Writes {
  /** Messages by step: each invoice's message id. */
  messages: Map<string, { step: DunningStep; refs: Record<string, string> }>;
  tasks: Insertable<TaskTable>[];
  nextId: () => string;
}

/** Invoices grouped by their identical new place: the update of a group is one statement. */
class Places {
  readonly groups = new Map<string, PlaceGroup>();
  constructor(private readonly day: string) {}
  add(id: string, plan: Plan): void {
    let place: Partial<DunningPlace>;
    switch (plan.kind) {
      case "settled":
      case "finished":
        place = { next_action_on: null };
        break;
      case "held":
      case "wait":
        place = { next_action_on: plan.look_again_on ? toIso(plan.look_again_on) : null };
        break;
      case "fire":
        place = {
          dunning_position: plan.position,
          dunning_anchor_on: this.day,
          dunning_anchor_offset: plan.anchor.offset_days,
          next_action_on: plan.look_again_on ? toIso(plan.look_again_on) : null,
        };
    }
    const key = `${place.dunning_position}|${place.dunning_anchor_offset}|${place.next_action_on}`;
    const group = this.groups.get(key);
    if (group) group.ids.push(id);
    else this.groups.set(key, { place, ids: [id] });
  }
}

/** The timeline entries of a batch, grouped by step and kind: each group is written by one statement. */
class Entries {
  readonly groups = new Map<string, StepEntries>();
  constructor(private readonly org: Organization) {}
  /** `ref`: the message or task of a fired step; "" for a skipped step. */
  add(step: DunningStep, kind: string, invoiceId: string, ref: string): void {
    const key = `${kind}|${step.id}`;
    let group = this.groups.get(key);
    if (!group) {
      const code = ref === "" ? "dunning.step_skipped" : "dunning.step_fired";
      group = {
        kind,
        step_id: step.id,
        offset_days: Number(step.offset_days),
        summary: formatMessage(this.org.locale === "en" ? "en" : "fr", code, {
          step: step.label,
          code: stepCode(Number(step.offset_days)),
        }),
        outcome: ref === "" ? "skipped" : "fired",
        refs: {},
      };
      this.groups.set(key, group);
    }
    group.refs[invoiceId] = ref;
  }
}

/** A step of a sequence by its id (a sequence's steps indexed once). */
const stepIndex = new WeakMap<DunningStep[], Map<string, DunningStep>>();
function stepById(sequence: DunningStep[], id: string): DunningStep {
  let index = stepIndex.get(sequence);
  if (!index) {
    index = new Map(sequence.map((s) => [s.id, s]));
    stepIndex.set(sequence, index);
  }
  return index.get(id) as DunningStep;
}

/** The step definitions of a sequence, computed once per sequence. */
const defsCache = new WeakMap<DunningStep[], StepDef[]>();
function defsOf(sequence: DunningStep[]): StepDef[] {
  let defs = defsCache.get(sequence);
  if (!defs) {
    defs = sequence.map(stepDef);
    defsCache.set(sequence, defs);
  }
  return defs;
}

/** The outbox message or the task of one client's invoices at one step. */
function planStep(
  writes: Writes,
  org: Organization,
  clientId: string,
  step: DunningStep,
  rows: DunningInvoiceRow[],
  day: string,
  at: string,
): { id: string; awaiting: boolean } {
  const id = writes.nextId();
  if (MESSAGE_CHANNELS.has(step.channel)) {
    // the message's row is made from the invoices by insertStepMessages (its key: client, step, day, smallest id)
    let group = writes.messages.get(step.id);
    if (!group) {
      group = { step, refs: {} };
      writes.messages.set(step.id, group);
    }
    for (const r of rows) group.refs[r.id] = id;
    return { id, awaiting: Number(step.requires_approval) === 1 };
  }
  // an invoice fires a step once: another task of the client at this step the same day (a run after an import, a
  // hold lifted) has other invoices, so the smallest of them tells the two apart
  let smallest = (rows[0] as DunningInvoiceRow).id;
  for (const r of rows) if (r.id < smallest) smallest = r.id;
  const first = rows[0] as DunningInvoiceRow;
  writes.tasks.push({
    id,
    organization_id: org.id,
    client_id: clientId,
    invoice_id: rows.length === 1 ? first.id : null,
    kind: step.task_kind ?? step.channel,
    title: `${step.label} — ${first.client_name}`,
    due_on: day,
    state: "open",
    assignee_user_id: null,
    data: JSON.stringify({ step_id: step.id, invoices: rows.map((r) => ({ id: r.id, number: r.number })) }),
    idempotency_key: `dunning:${clientId}:${step.id}:${day}:${smallest}`,
    created_at: at,
    updated_at: at,
  });
  return { id, awaiting: false };
}
