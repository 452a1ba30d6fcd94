import type { Db } from "../../db/connect.js";
import {
  countClientsBySequence,
  findSequence,
  kindsOfDefault,
  listSequences,
  listSteps,
} from "../../db/repositories/dunning-sequences.js";
import type { ClientKind, DunningSequence, DunningStep } from "../../db/schema.js";

/** What the API shows of a step. `position` is its index in the sequence (0, 1, 2…). */
export interface StepDto {
  id: string;
  position: number;
  offset_days: number;
  channel: DunningStep["channel"];
  template_key: string | null;
  tone: DunningStep["tone"];
  requires_approval: boolean;
  never_skip: boolean;
  task_kind: string | null;
  label: string;
}

export interface SequenceDto {
  id: string;
  name: string;
  /** The kind of client it is the default for (public buyers use the business one), or null. */
  default_for: DunningSequence["default_for"];
  /** The kinds of client that use it unless they chose another sequence. */
  default_for_kinds: ClientKind[];
  /** How many clients chose it (their own sequence). */
  clients_count: number;
  steps: StepDto[];
  created_at: string;
  updated_at: string;
}

export function presentStep(row: DunningStep): StepDto {
  return {
    id: row.id,
    position: row.position,
    offset_days: row.offset_days,
    channel: row.channel,
    template_key: row.template_key,
    tone: row.tone,
    requires_approval: row.requires_approval === 1,
    never_skip: row.never_skip === 1,
    task_kind: row.task_kind,
    label: row.label,
  };
}

export function presentSequence(
  row: DunningSequence,
  steps: DunningStep[],
  clientsCount: number,
): SequenceDto {
  return {
    id: row.id,
    name: row.name,
    default_for: row.default_for,
    default_for_kinds: kindsOfDefault(row.default_for),
    clients_count: clientsCount,
    steps: steps.filter((s) => s.sequence_id === row.id).map(presentStep),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const RANK = { business: 0, consumer: 1, deposit: 2 } as const;

/** The organization's sequences with their steps: the defaults first (business, consumer, deposit), then by name. */
export async function loadSequences(db: Db, orgId: string): Promise<SequenceDto[]> {
  const rows = await listSequences(db, orgId);
  const steps = await listSteps(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const counts = await countClientsBySequence(db, orgId);
  const rank = (s: DunningSequence) => (s.default_for ? RANK[s.default_for] : 3);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "fr") || (a.id < b.id ? -1 : 1))
    .map((r) => presentSequence(r, steps, counts.get(r.id) ?? 0));
}

/** One sequence with its steps; undefined when the organization has none with this id. */
export async function loadSequence(db: Db, orgId: string, id: string): Promise<SequenceDto | undefined> {
  const row = await findSequence(db, orgId, id);
  if (!row) return undefined;
  const steps = await listSteps(db, orgId, [id]);
  const counts = await countClientsBySequence(db, orgId);
  return presentSequence(row, steps, counts.get(id) ?? 0);
}
