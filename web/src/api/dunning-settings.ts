import { http, type Page, request } from "./client";

export type Channel = "email" | "letter" | "registered_letter" | "call" | "task";
export type Tone = "friendly" | "firm" | "formal";
export type TaskKind = "call" | "settlement" | "judicial";
export type TemplateLocale = "fr" | "en";

export const CHANNELS: readonly Channel[] = ["email", "letter", "registered_letter", "call", "task"];
export const TONES: readonly Tone[] = ["friendly", "firm", "formal"];
export const TASK_KINDS: readonly TaskKind[] = ["call", "settlement", "judicial"];
/** The channels that send a message (their step names a template); the others create a task. */
export const MESSAGE_CHANNELS: ReadonlySet<Channel> = new Set(["email", "letter", "registered_letter"]);
export const EARLIEST_OFFSET_DAYS = -30;
export const LATEST_OFFSET_DAYS = 365;
export const MAX_STEPS = 20;

export const TEMPLATE_KEYS = [
  "b2b.pre_due",
  "b2b.reminder_1",
  "b2b.reminder_2",
  "b2b.final_reminder",
  "b2b.mise_en_demeure",
  "b2b.reminder_letter",
  "b2c.pre_due",
  "b2c.reminder_1",
  "b2c.reminder_2",
  "b2c.final_reminder",
  "b2c.mise_en_demeure",
  "b2c.reminder_letter",
  // the deposit sequence's (factures d'acompte)
  "deposit.reminder_1",
  "deposit.reminder_2",
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** The installment reminders of a payment plan (échéancier): templates of no sequence step. */
export const PLAN_TEMPLATE_KEYS = ["plan.installment_before", "plan.installment_after"] as const;
export type PlanTemplateKey = (typeof PLAN_TEMPLATE_KEYS)[number];
/** The quote messages (devis): the e-mail sending a quote, the reminder before its validity date. */
export const QUOTE_TEMPLATE_KEYS = ["quote.sent", "quote.expiry"] as const;
export type QuoteTemplateKey = (typeof QUOTE_TEMPLATE_KEYS)[number];
/** Every template the organization can edit. */
export type EditableTemplateKey = TemplateKey | PlanTemplateKey | QuoteTemplateKey;

export function isTemplateKey(key: string): key is EditableTemplateKey {
  return (
    (TEMPLATE_KEYS as readonly string[]).includes(key) ||
    (PLAN_TEMPLATE_KEYS as readonly string[]).includes(key) ||
    (QUOTE_TEMPLATE_KEYS as readonly string[]).includes(key)
  );
}

export interface Step {
  id: string;
  position: number;
  offset_days: number;
  channel: Channel;
  template_key: string | null;
  tone: Tone;
  requires_approval: boolean;
  never_skip: boolean;
  task_kind: string | null;
  label: string;
}

export interface Sequence {
  id: string;
  name: string;
  default_for: "business" | "consumer" | "deposit" | null;
  default_for_kinds: ("business" | "consumer" | "public")[];
  clients_count: number;
  steps: Step[];
  created_at: string;
  updated_at: string;
}

/** A step as sent: `id` keeps a step of the sequence, absent for a new one. */
export type StepInput = Omit<Step, "id" | "position"> & { id?: string };

export interface TemplateSummary {
  key: EditableTemplateKey;
  locale: TemplateLocale;
  custom: boolean;
  subject: string;
  updated_at: string | null;
}

export interface Template extends TemplateSummary {
  text: string;
  html: string;
}

export interface TemplateParts {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateProblem {
  path: "subject" | "text" | "html";
  line: number;
  column: number;
  message: string;
}

export interface Preview extends TemplateParts {
  problems: TemplateProblem[];
}

const seq = (id: string) => `/dunning/sequences/${encodeURIComponent(id)}`;
const tpl = (key: string, locale: string) =>
  `/dunning/templates/${encodeURIComponent(key)}/${encodeURIComponent(locale)}`;

export const listSequences = () => http.get<Page<Sequence>>("/dunning/sequences");
export const createSequence = (
  body: { name: string; copy_of: string } | { name: string; seed: "business" | "consumer" },
) => http.post<Sequence>("/dunning/sequences", body);
export const updateSequence = (id: string, body: { name: string; steps: StepInput[] }) =>
  request<Sequence>("PUT", seq(id), { body });
export const deleteSequence = (id: string) => http.delete(seq(id));

export const listTemplates = () => http.get<Page<TemplateSummary>>("/dunning/templates");
export const getTemplate = (key: string, locale: string) => http.get<Template>(tpl(key, locale));
export const saveTemplate = (key: string, locale: string, body: TemplateParts) =>
  request<Template>("PUT", tpl(key, locale), { body });
export const resetTemplate = (key: string, locale: string) => http.delete<Template>(tpl(key, locale));
export const previewTemplate = (
  body: TemplateParts & { locale: TemplateLocale; invoice_id?: string },
  signal?: AbortSignal,
) => request<Preview>("POST", "/dunning/templates/preview", { body, signal });

/** −5 → "J−5", 0 → "J", 8 → "J+8" (fr); "D−5", "D", "D+8" (en). */
export function offsetLabel(days: number, lang: string): string {
  const d = lang === "en" ? "D" : "J";
  if (days === 0) return d;
  return days < 0 ? `${d}\u2212${-days}` : `${d}+${days}`;
}
