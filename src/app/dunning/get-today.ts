import { toIso } from "../../core/calendar.js";
import { listOutbox } from "../../db/repositories/outbox.js";
import { listOpenTasks, type TaskRow } from "../../db/repositories/tasks.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { type OutboxDto, presentOutbox } from "./present-outbox.js";

export interface TaskDto {
  id: string;
  kind: string;
  title: string;
  due_on: string;
  client_id: string | null;
  client_name: string | null;
  invoice_id: string | null;
  data: Record<string, unknown>;
}

export interface TodayDto {
  date: string;
  /** What awaits the user's approval (the mise en demeure). */
  approvals: OutboxDto[];
  /** Messages that could not be sent, and those whose fate is uncertain. */
  failed: OutboxDto[];
  uncertain: OutboxDto[];
  /** Calls, letters to post, settlements, judicial steps, failures: open tasks due today or earlier. */
  tasks: TaskDto[];
}

export function presentTask(row: TaskRow): TaskDto {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    due_on: row.due_on,
    client_id: row.client_id,
    client_name: row.client_name,
    invoice_id: row.invoice_id,
    data,
  };
}

/** "À faire aujourd'hui": approvals, calls, letters to post, failures and uncertain messages. */
export async function getToday(options: { ctx: AppContext; org: Organization }): Promise<TodayDto> {
  const { ctx, org } = options;
  const today = toIso(todayFor(ctx, org.time_zone));
  const [approvals, failed, uncertain, tasks] = await Promise.all([
    listOutbox(ctx.db, org.id, { states: ["awaiting_approval"], limit: 200 }),
    listOutbox(ctx.db, org.id, { states: ["failed"], limit: 200 }),
    listOutbox(ctx.db, org.id, { states: ["uncertain"], limit: 200 }),
    listOpenTasks(ctx.db, org.id, today, 500),
  ]);
  return {
    date: today,
    approvals: approvals.map(presentOutbox),
    failed: failed.map(presentOutbox),
    uncertain: uncertain.map(presentOutbox),
    tasks: tasks.map(presentTask),
  };
}
