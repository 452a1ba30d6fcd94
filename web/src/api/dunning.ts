import { http, type Page, request } from "./client";

/** The life of a message in the outbox (docs/dunning.md). */
export type OutboxState =
  | "awaiting_approval"
  | "pending"
  | "sending"
  | "sent"
  | "failed"
  | "cancelled"
  | "uncertain";

export const OUTBOX_STATES: readonly OutboxState[] = [
  "awaiting_approval",
  "pending",
  "sending",
  "sent",
  "failed",
  "uncertain",
  "cancelled",
];

export type MessageChannel = "email" | "letter" | "registered_letter";

export interface LetterRecord {
  /** The registered letter's number (LRAR). */
  number: string | null;
  sent_on: string | null;
  presented_on: string | null;
  /** The day the AR (acknowledgement of receipt) was signed: the next step counts from it. */
  received_on: string | null;
}

export interface Outbox {
  id: string;
  client_id: string;
  client_name: string;
  channel: MessageChannel;
  state: OutboxState;
  planned_on: string;
  step_id: string | null;
  invoices: { id: string; number: string }[];
  recipients: { name: string | null; address: string }[];
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string | null;
  /** "smtp", "local" (kept in Relance: no SMTP server) or "letter". */
  transport: string | null;
  sent_at: string | null;
  cancel_reason: string | null;
  /** A letter's PDF. */
  document_id: string | null;
  letter: LetterRecord;
  created_at: string;
  updated_at: string;
}

export type TaskKind =
  | "call"
  | "settlement"
  | "judicial"
  | "post_letter"
  | "post_registered_letter"
  | "outbox_failed"
  | "outbox_uncertain";

export interface Task {
  id: string;
  kind: TaskKind | string;
  title: string;
  due_on: string;
  client_id: string | null;
  client_name: string | null;
  invoice_id: string | null;
  /** post_*: { outbox_id, document_id }; outbox_*: { outbox_id }. */
  data: Record<string, unknown>;
}

export interface Today {
  date: string;
  approvals: Outbox[];
  failed: Outbox[];
  uncertain: Outbox[];
  tasks: Task[];
}

export interface RunResult {
  date: string;
  planned: {
    client_id: string;
    client: string;
    invoices: string[];
    step: string;
    offset_days: number;
    channel: string;
    action_id: string;
    awaiting_approval: boolean;
  }[];
  skipped: { client: string; invoice: string; step: string; offset_days: number }[];
  awaiting_approval: number;
  sent: number;
}

export type HoldKind = "dispute" | "promise" | "manual" | "plan" | "bill" | "recovery";

export interface Hold {
  kind: HoldKind | null;
  until: string | null;
  reason: string | null;
}

export interface HoldInput {
  kind: HoldKind;
  until?: string | null;
  reason?: string | null;
}

export interface MailSettings {
  source: "environment" | "organization" | "none";
  /** The password masked. */
  url: string | null;
}

const outbox = (id: string) => `/outbox/${encodeURIComponent(id)}`;

export const TODAY_KEY = ["dunning", "today"] as const;

export const getToday = () => http.get<Today>("/dunning/today");
export const runToday = () => http.post<RunResult>("/dunning/run", {});

export const listOutbox = (
  query: { state?: readonly OutboxState[]; client_id?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => http.get<Page<Outbox>>("/outbox", { ...query }, signal);
export const getOutbox = (id: string) => http.get<Outbox>(outbox(id));
export const approveOutbox = (id: string) => http.post<Outbox>(`${outbox(id)}/approve`);
export const cancelOutbox = (id: string) => http.post<Outbox>(`${outbox(id)}/cancel`);
export const retryOutbox = (id: string) => http.post<Outbox>(`${outbox(id)}/retry`);
export const markOutboxSent = (id: string) => http.post<Outbox>(`${outbox(id)}/mark-sent`);
export const recordLetter = (id: string, body: Partial<LetterRecord>) =>
  http.patch<Outbox>(`${outbox(id)}/letter`, body);

export const completeTask = (id: string) => http.post<Task>(`/tasks/${encodeURIComponent(id)}/done`);

export type HoldTarget = { clients: string } | { invoices: string };
const holdPath = (target: HoldTarget) =>
  "clients" in target
    ? `/clients/${encodeURIComponent(target.clients)}/hold`
    : `/invoices/${encodeURIComponent(target.invoices)}/hold`;
export const setHold = (target: HoldTarget, body: HoldInput) =>
  request<Hold>("PUT", holdPath(target), { body });
export const liftHold = (target: HoldTarget) => http.delete<Hold>(holdPath(target));

export const getMailSettings = () => http.get<MailSettings>("/dunning/smtp");
export const setMailSettings = (url: string | null) =>
  request<MailSettings>("PUT", "/dunning/smtp", { body: { url } });

/** A task's outbox message and document, when it has them. */
export function taskRefs(task: Task): { outboxId: string | null; documentId: string | null } {
  const outboxId = typeof task.data.outbox_id === "string" ? task.data.outbox_id : null;
  const documentId = typeof task.data.document_id === "string" ? task.data.document_id : null;
  return { outboxId, documentId };
}

const LETTER_TASKS = new Set(["post_letter", "post_registered_letter"]);
const FAILURE_TASKS = new Set(["outbox_failed", "outbox_uncertain"]);

/**
 * Today's tasks as the page shows them: letters to post apart, and a failure task left out while its message is
 * itself shown among the failures (it would repeat it).
 */
export function sortToday(today: Today): {
  letters: Task[];
  tasks: Task[];
  failures: Outbox[];
  total: number;
} {
  const failures = [...today.failed, ...today.uncertain];
  const failing = new Set(failures.map((m) => m.id));
  const letters = today.tasks.filter((task) => LETTER_TASKS.has(task.kind));
  const tasks = today.tasks.filter(
    (task) =>
      !LETTER_TASKS.has(task.kind) &&
      !(FAILURE_TASKS.has(task.kind) && failing.has(taskRefs(task).outboxId ?? "")),
  );
  return {
    letters,
    tasks,
    failures,
    total: today.approvals.length + letters.length + tasks.length + failures.length,
  };
}

export const isFailureTask = (task: Task) => FAILURE_TASKS.has(task.kind);
