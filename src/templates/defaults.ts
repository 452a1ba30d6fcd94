/**
 * The default messages of the dunning sequence, per audience and step, in French and English. B2B steps follow
 * the default sequence (J-5, J+1, J+8, J+22, mise en demeure); the letter is the body of a posted reminder, and the
 * mise en demeure text is also the body of the registered letter and of its cover e-mail.
 */

import { type Audience, compose, type TemplateSpec } from "./defaults/compose.js";
import { DEPOSIT_EN, DEPOSIT_FR, type DepositMessage } from "./defaults/deposits.js";
import { B2B_EN, B2C_EN } from "./defaults/en.js";
import { B2B_FR, B2C_FR } from "./defaults/fr.js";
import { PLAN_EN, PLAN_FR, type PlanStep } from "./defaults/plans.js";
import { QUOTE_EN, QUOTE_FR, type QuoteMessage } from "./defaults/quotes.js";
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

export type TemplateKey = StepTemplateKey | DepositTemplateKey | PlanTemplateKey | QuoteTemplateKey;

/** The installment reminders of a payment plan (échéancier): messages of no dunning step (docs/plans.md). */
export type PlanTemplateKey = `plan.${PlanStep}`;
export const PLAN_TEMPLATE_KEYS: readonly PlanTemplateKey[] = [
  "plan.installment_before",
  "plan.installment_after",
];

/** The quote messages (devis): the e-mail sending a quote and the reminder before its validity date (docs/quotes.md). */
export type QuoteTemplateKey = `quote.${QuoteMessage}`;
export const QUOTE_TEMPLATE_KEYS: readonly QuoteTemplateKey[] = ["quote.sent", "quote.expiry"];

/** The reminders of an unpaid deposit invoice (facture d'acompte): the steps of the deposit sequence (docs/quotes.md). */
export type DepositTemplateKey = `deposit.${DepositMessage}`;
export const DEPOSIT_TEMPLATE_KEYS: readonly DepositTemplateKey[] = [
  "deposit.reminder_1",
  "deposit.reminder_2",
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

/** Every template an organization can edit: the steps', the deposits', the payment plans' and the quotes'. */
export const ALL_TEMPLATE_KEYS: readonly TemplateKey[] = [
  ...TEMPLATE_KEYS,
  ...DEPOSIT_TEMPLATE_KEYS,
  ...PLAN_TEMPLATE_KEYS,
  ...QUOTE_TEMPLATE_KEYS,
];

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
    DEPOSIT_TEMPLATE_KEYS.map((key) => {
      const m = key.slice("deposit.".length) as DepositMessage;
      return [key, { fr: compose("fr", "b2b", DEPOSIT_FR[m]), en: compose("en", "b2b", DEPOSIT_EN[m]) }];
    }),
  ) as Record<DepositTemplateKey, { fr: MessageTemplate; en: MessageTemplate }>),
  ...(Object.fromEntries(
    PLAN_TEMPLATE_KEYS.map((key) => {
      const step = key.slice("plan.".length) as PlanStep;
      return [key, { fr: compose("fr", "b2b", PLAN_FR[step]), en: compose("en", "b2b", PLAN_EN[step]) }];
    }),
  ) as Record<PlanTemplateKey, { fr: MessageTemplate; en: MessageTemplate }>),
  ...(Object.fromEntries(
    QUOTE_TEMPLATE_KEYS.map((key) => {
      const m = key.slice("quote.".length) as QuoteMessage;
      return [key, { fr: compose("fr", "b2b", QUOTE_FR[m]), en: compose("en", "b2b", QUOTE_EN[m]) }];
    }),
  ) as Record<QuoteTemplateKey, { fr: MessageTemplate; en: MessageTemplate }>),
};
