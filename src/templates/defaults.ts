/**
 * The default messages of the dunning sequence, per audience and step, in French and English. B2B steps follow
 * the default sequence (J-5, J+1, J+8, J+22, mise en demeure); the letter is the body of a posted reminder, and the
 * mise en demeure text is also the body of the registered letter and of its cover e-mail.
 */

import { type Audience, compose, type TemplateSpec } from "./defaults/compose.js";
import { B2B_EN, B2C_EN } from "./defaults/en.js";
import { B2B_FR, B2C_FR } from "./defaults/fr.js";
import { PLAN_EN, PLAN_FR, type PlanStep } from "./defaults/plans.js";
import type { MessageTemplate } from "./engine.js";

const STEPS = [
  "pre_due",
  "reminder_1",
  "reminder_2",
  "final_reminder",
  "mise_en_demeure",
  "reminder_letter",
] as const;
type Step = (typeof STEPS)[number];

export type TemplateKey = StepTemplateKey | PlanTemplateKey;

/** The installment reminders of a payment plan (échéancier): messages of no dunning step (docs/plans.md). */
export type PlanTemplateKey = `plan.${PlanStep}`;
export const PLAN_TEMPLATE_KEYS: readonly PlanTemplateKey[] = [
  "plan.installment_before",
  "plan.installment_after",
];

/** The templates of the dunning steps. */
export type StepTemplateKey =
  | "b2b.pre_due"
  | "b2b.reminder_1"
  | "b2b.reminder_2"
  | "b2b.final_reminder"
  | "b2b.mise_en_demeure"
  | "b2b.reminder_letter"
  | "b2c.pre_due"
  | "b2c.reminder_1"
  | "b2c.reminder_2"
  | "b2c.final_reminder"
  | "b2c.mise_en_demeure"
  | "b2c.reminder_letter";

export const TEMPLATE_KEYS: readonly StepTemplateKey[] = (["b2b", "b2c"] as const).flatMap((audience) =>
  STEPS.map((step): StepTemplateKey => `${audience}.${step}`),
);

/** Every template an organization can edit: the steps' and the payment plans'. */
export const ALL_TEMPLATE_KEYS: readonly TemplateKey[] = [...TEMPLATE_KEYS, ...PLAN_TEMPLATE_KEYS];

const SPECS: Record<Audience, { fr: Record<Step, TemplateSpec>; en: Record<Step, TemplateSpec> }> = {
  b2b: { fr: B2B_FR, en: B2B_EN },
  b2c: { fr: B2C_FR, en: B2C_EN },
};

const STEP_TEMPLATES = Object.fromEntries(
  TEMPLATE_KEYS.map((key) => {
    const [audience, step] = key.split(".") as [Audience, Step];
    const specs = SPECS[audience];
    return [
      key,
      { fr: compose("fr", audience, specs.fr[step]), en: compose("en", audience, specs.en[step]) },
    ];
  }),
) as Record<StepTemplateKey, { fr: MessageTemplate; en: MessageTemplate }>;

export const DEFAULT_TEMPLATES: Record<TemplateKey, { fr: MessageTemplate; en: MessageTemplate }> = {
  ...STEP_TEMPLATES,
  ...(Object.fromEntries(
    PLAN_TEMPLATE_KEYS.map((key) => {
      const step = key.slice("plan.".length) as PlanStep;
      return [key, { fr: compose("fr", "b2b", PLAN_FR[step]), en: compose("en", "b2b", PLAN_EN[step]) }];
    }),
  ) as Record<PlanTemplateKey, { fr: MessageTemplate; en: MessageTemplate }>),
};
