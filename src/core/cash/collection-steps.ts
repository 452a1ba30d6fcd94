/**
 * Which dunning step got the money in (issue 10): each collected amount is credited to the last step that
 * happened on the invoice on or before the payment's day. The steps, from the timeline (`action` table):
 *
 * | step             | French label                  | timeline entries                                                  |
 * |------------------|-------------------------------|-------------------------------------------------------------------|
 * | none             | avant échéance / sans relance | nothing yet, or only the reminder before the due date (`*pre_due`) |
 * | reminder_1       | relance 1                     | dunning e-mail/letter with template `*reminder_1`, or any other    |
 * |                  |                               | dunning e-mail/letter without a known template                    |
 * | reminder_2       | relance 2                     | template `*reminder_2`                                            |
 * | final_reminder   | dernière relance              | template `*final_reminder`                                        |
 * | call             | appel                         | `call` (a dunning call task or a logged call)                     |
 * | formal_notice    | mise en demeure               | `registered_letter`, `formal_notice`, template `*formal_notice`   |
 * | plan             | échéancier                    | `plan_created`                                                    |
 * | bill             | lettre de change              | `bill_issued`                                                     |
 * | litigation       | contentieux                   | `recovery_opened`, `recovery_step`, `court_claim`, `judicial`     |
 *
 * Entries without an invoice (a plan or bill recorded on the client) apply to all the client's invoices.
 */
export type CollectionStep =
  | "none"
  | "reminder_1"
  | "reminder_2"
  | "final_reminder"
  | "call"
  | "formal_notice"
  | "plan"
  | "bill"
  | "litigation";

export const COLLECTION_STEPS: readonly CollectionStep[] = [
  "none",
  "reminder_1",
  "reminder_2",
  "final_reminder",
  "call",
  "formal_notice",
  "plan",
  "bill",
  "litigation",
];

/** The timeline kinds read for the attribution (the repository filters on them). */
export const STEP_ACTION_KINDS: readonly string[] = [
  "email",
  "letter",
  "registered_letter",
  "formal_notice",
  "call",
  "plan_created",
  "bill_issued",
  "recovery_opened",
  "recovery_step",
  "court_claim",
  "judicial",
];

/** The step a timeline entry stands for (`templateKey`: the dunning step's template, if any); null if none. */
export function stepOfEntry(kind: string, templateKey: string | null): CollectionStep | null {
  const key = templateKey ?? "";
  if (key.endsWith("pre_due")) return "none";
  if (kind === "registered_letter" || kind === "formal_notice" || key.endsWith("formal_notice"))
    return "formal_notice";
  if (key.endsWith("final_reminder")) return "final_reminder";
  if (key.endsWith("reminder_2")) return "reminder_2";
  if (kind === "email" || kind === "letter") return "reminder_1";
  if (kind === "call") return "call";
  if (kind === "plan_created") return "plan";
  if (kind === "bill_issued") return "bill";
  if (["recovery_opened", "recovery_step", "court_claim", "judicial"].includes(kind)) return "litigation";
  return null;
}

/** A step on the timeline: `day` is `YYYY-MM-DD`; `invoice_id` null means every invoice of the client. */
export interface StepEvent {
  invoice_id: string | null;
  client_id: string;
  day: string;
  step: CollectionStep;
}

/**
 * The last step on or before `day` for the invoice (its own entries and its client's invoice-less ones); entries of
 * the same day keep their given order (the last wins). "none" when there is none.
 */
export function stepBefore(
  events: readonly StepEvent[],
  invoiceId: string,
  clientId: string,
  day: string,
): CollectionStep {
  let best: StepEvent | null = null;
  for (const e of events) {
    if (e.day > day) continue;
    if (e.invoice_id === null ? e.client_id !== clientId : e.invoice_id !== invoiceId) continue;
    if (best === null || e.day >= best.day) best = e;
  }
  return best?.step ?? "none";
}
