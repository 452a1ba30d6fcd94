import type { TaskKind } from "../../core/dunning/defaults.js";
import {
  type Channel,
  EARLIEST_OFFSET_DAYS,
  LATEST_OFFSET_DAYS,
  type Tone,
} from "../../core/dunning/plan.js";
import type { TemplateKey } from "../../templates/defaults.js";
import type { FieldProblem } from "../errors.js";
import { isTemplateKey } from "./resolve-template.js";

export const MIN_STEPS = 1;
export const MAX_STEPS = 20;
export const NAME_MAX = 100;
export const LABEL_MAX = 200;
export const CHANNELS: readonly Channel[] = ["email", "letter", "registered_letter", "call", "task"];
export const TONES: readonly Tone[] = ["friendly", "firm", "formal"];
export const TASK_KINDS: readonly TaskKind[] = ["call", "settlement", "judicial"];
/** The channels that send a message: their step names a template. The others create a task. */
const MESSAGE_CHANNELS: ReadonlySet<string> = new Set(["email", "letter", "registered_letter"]);

/** A step as received (types checked at the edge); `id` names a step of the sequence that is kept. */
export interface StepInput {
  id?: string | null;
  offset_days: number;
  channel: string;
  template_key?: string | null;
  tone: string;
  requires_approval?: boolean;
  never_skip?: boolean;
  task_kind?: string | null;
  label: string;
}

export interface CheckedStep {
  /** null: a new step. */
  id: string | null;
  offset_days: number;
  channel: Channel;
  template_key: TemplateKey | null;
  tone: Tone;
  requires_approval: boolean;
  never_skip: boolean;
  task_kind: TaskKind | null;
  label: string;
}

const oneOf = <T extends string>(values: readonly T[], v: string): v is T =>
  (values as readonly string[]).includes(v);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function checkSequenceName(name: string, problems: FieldProblem[]): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > NAME_MAX) {
    problems.push({ path: "name", messageCode: "sequence.name_length", params: { max: NAME_MAX } });
  }
  return trimmed;
}

/**
 * The steps of a sequence, checked all at once: 1–20 steps, offsets strictly increasing within
 * EARLIEST_OFFSET_DAYS…LATEST_OFFSET_DAYS, a known channel and tone, a template for a message, a kind of task for a
 * call or a task, a label of 1–200 characters, ids of steps of this sequence (`known`) given once. Each problem is
 * pushed with its path ("steps.3.offset_days"). A message step has no task kind and a task no template.
 */
export function checkSteps(
  steps: readonly StepInput[],
  known: ReadonlySet<string>,
  problems: FieldProblem[],
): CheckedStep[] {
  if (steps.length < MIN_STEPS || steps.length > MAX_STEPS) {
    problems.push({
      path: "steps",
      messageCode: "sequence.steps_count",
      params: { min: MIN_STEPS, max: MAX_STEPS, count: steps.length },
    });
  }
  const seen = new Set<string>();
  const checked: CheckedStep[] = [];
  steps.forEach((step, i) => {
    const at = (field: string) => `steps.${i}.${field}`;
    const id = step.id ?? null;
    if (id !== null) {
      if (!known.has(id))
        problems.push({ path: at("id"), messageCode: "sequence.step_unknown", params: { id } });
      else if (seen.has(id))
        problems.push({ path: at("id"), messageCode: "sequence.step_repeated", params: { id } });
      seen.add(id);
    }
    const offset = step.offset_days;
    if (!Number.isInteger(offset) || offset < EARLIEST_OFFSET_DAYS || offset > LATEST_OFFSET_DAYS) {
      problems.push({
        path: at("offset_days"),
        messageCode: "sequence.step_offset_range",
        params: { min: EARLIEST_OFFSET_DAYS, max: LATEST_OFFSET_DAYS, value: signed(offset) },
      });
    } else {
      const previous = steps[i - 1]?.offset_days;
      if (previous !== undefined && offset <= previous) {
        problems.push({
          path: at("offset_days"),
          messageCode: "sequence.step_offset_order",
          params: { value: signed(offset), previous: signed(previous) },
        });
      }
    }
    const channel = step.channel;
    if (!oneOf(CHANNELS, channel)) {
      problems.push({
        path: at("channel"),
        messageCode: "sequence.step_channel",
        params: { value: channel, allowed: CHANNELS.join(", ") },
      });
    }
    if (!oneOf(TONES, step.tone)) {
      problems.push({
        path: at("tone"),
        messageCode: "sequence.step_tone",
        params: { value: step.tone, allowed: TONES.join(", ") },
      });
    }
    const message = MESSAGE_CHANNELS.has(channel);
    const template = step.template_key ?? null;
    if (message) {
      if (template === null || template.trim() === "") {
        problems.push({ path: at("template_key"), messageCode: "sequence.step_template_required" });
      } else if (!isTemplateKey(template)) {
        problems.push({
          path: at("template_key"),
          messageCode: "sequence.step_template_unknown",
          params: { value: template },
        });
      }
    }
    const taskKind = step.task_kind ?? null;
    if (channel === "call" || channel === "task") {
      if (taskKind === null || taskKind.trim() === "") {
        problems.push({ path: at("task_kind"), messageCode: "sequence.step_task_kind_required" });
      } else if (!oneOf(TASK_KINDS, taskKind)) {
        problems.push({
          path: at("task_kind"),
          messageCode: "sequence.step_task_kind_unknown",
          params: { value: taskKind, allowed: TASK_KINDS.join(", ") },
        });
      }
    }
    const label = step.label.trim();
    if (label.length < 1 || label.length > LABEL_MAX) {
      problems.push({
        path: at("label"),
        messageCode: "sequence.step_label_length",
        params: { max: LABEL_MAX },
      });
    }
    checked.push({
      id,
      offset_days: offset,
      channel: channel as Channel,
      template_key: message && template !== null && isTemplateKey(template) ? template : null,
      tone: step.tone as Tone,
      requires_approval: step.requires_approval ?? false,
      never_skip: step.never_skip ?? false,
      task_kind: !message && taskKind !== null && oneOf(TASK_KINDS, taskKind) ? taskKind : null,
      label,
    });
  });
  return checked;
}
