/**
 * The sequences every organization starts with (issue 5, DESIGN.md §4): one for professionals (and public buyers),
 * one for consumers, and a short one for unpaid deposit invoices (factures d'acompte, issue 8: due on acceptance of
 * a quote, the work waits for them). Labels are French; the templates (src/templates/defaults.ts) hold the wording.
 */
import type { Channel, Tone } from "./plan.js";

export type TaskKind = "call" | "settlement" | "judicial";

export interface StepSeed {
  offset_days: number;
  channel: Channel;
  tone: Tone;
  template_key: string | null;
  requires_approval: boolean;
  never_skip: boolean;
  task_kind: TaskKind | null;
  label: string;
}

/** Whom a default sequence is for: clients by their kind, or deposit invoices (factures d'acompte) of any client. */
export type DefaultFor = "business" | "consumer" | "deposit";

export interface SequenceSeed {
  name: string;
  default_for: DefaultFor;
  steps: StepSeed[];
}

const step = (
  offset_days: number,
  channel: Channel,
  tone: Tone,
  label: string,
  extra: Partial<StepSeed> = {},
): StepSeed => ({
  offset_days,
  channel,
  tone,
  label,
  template_key: null,
  requires_approval: false,
  never_skip: false,
  task_kind: null,
  ...extra,
});

export const DEFAULT_SEQUENCES: readonly SequenceSeed[] = [
  {
    name: "Professionnels (B2B)",
    default_for: "business",
    steps: [
      step(-5, "email", "friendly", "Rappel avant échéance", { template_key: "b2b.pre_due" }),
      step(1, "email", "friendly", "Première relance", { template_key: "b2b.reminder_1" }),
      step(8, "email", "firm", "Deuxième relance (pénalités et indemnité de 40 €)", {
        template_key: "b2b.reminder_2",
      }),
      step(15, "call", "firm", "Appel téléphonique", { task_kind: "call" }),
      step(22, "email", "firm", "Dernière relance avant mise en demeure", {
        template_key: "b2b.final_reminder",
      }),
      step(30, "registered_letter", "formal", "Mise en demeure (lettre recommandée avec AR)", {
        template_key: "b2b.mise_en_demeure",
        requires_approval: true,
        never_skip: true,
      }),
      step(45, "task", "firm", "Proposer un règlement amiable (échéancier)", { task_kind: "settlement" }),
      step(60, "task", "formal", "Recouvrement judiciaire", { task_kind: "judicial" }),
    ],
  },
  {
    name: "Particuliers (B2C)",
    default_for: "consumer",
    steps: [
      step(-5, "email", "friendly", "Rappel avant échéance", { template_key: "b2c.pre_due" }),
      step(1, "email", "friendly", "Première relance", { template_key: "b2c.reminder_1" }),
      step(8, "email", "friendly", "Deuxième relance", { template_key: "b2c.reminder_2" }),
      step(15, "call", "friendly", "Appel téléphonique", { task_kind: "call" }),
      step(22, "email", "firm", "Dernière relance avant mise en demeure", {
        template_key: "b2c.final_reminder",
      }),
      step(30, "registered_letter", "formal", "Mise en demeure (lettre recommandée avec AR)", {
        template_key: "b2c.mise_en_demeure",
        requires_approval: true,
        never_skip: true,
      }),
      step(45, "task", "friendly", "Proposer un échéancier", { task_kind: "settlement" }),
      step(60, "task", "formal", "Recouvrement judiciaire", { task_kind: "judicial" }),
    ],
  },
  {
    name: "Acomptes (factures d'acompte)",
    default_for: "deposit",
    steps: [
      step(3, "email", "friendly", "Rappel d'acompte", { template_key: "deposit.reminder_1" }),
      step(8, "email", "firm", "Deuxième rappel d'acompte", { template_key: "deposit.reminder_2" }),
      step(12, "call", "firm", "Appel : acompte non reçu", { task_kind: "call" }),
      step(20, "task", "firm", "Acompte impayé : relancer le client ou annuler la commande", {
        task_kind: "settlement",
      }),
    ],
  },
];
