import { toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { findClient } from "../../db/repositories/clients.js";
import { updateDunningPlace } from "../../db/repositories/dunning-invoices.js";
import { insertTask } from "../../db/repositories/tasks.js";
import type { Organization, Outbox } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";

/** An outbox message's invoice and its place in the sequence before the step (outbox.invoices). */
export interface PlannedInvoice {
  id: string;
  number: string;
  position: number;
  anchor_on: string | null;
  anchor_offset: number | null;
}

export function plannedInvoices(row: Pick<Outbox, "invoices">): PlannedInvoice[] {
  return JSON.parse(row.invoices) as PlannedInvoice[];
}

/**
 * Invoices put on hold between planning and sending get their step back: their place before it, and the run
 * looks at them again today (it then waits for the hold's end).
 */
export async function restoreHeld(
  db: Db,
  orgId: string,
  row: Outbox,
  dropped: readonly { id: string; reason: "settled" | "held" }[],
  at: string,
): Promise<void> {
  const planned = plannedInvoices(row);
  for (const d of dropped) {
    if (d.reason !== "held") continue;
    const before = planned.find((p) => p.id === d.id);
    if (!before) continue;
    // only an invoice still where this step put it (anchored on the planning day) gets the step back
    const now = await db
      .selectFrom("invoice")
      .select("dunning_anchor_on")
      .where("organization_id", "=", orgId)
      .where("id", "=", d.id)
      .executeTakeFirst();
    if (now?.dunning_anchor_on !== row.planned_on) continue;
    await updateDunningPlace(
      db,
      orgId,
      d.id,
      {
        dunning_position: before.position,
        dunning_anchor_on: before.anchor_on,
        dunning_anchor_offset: before.anchor_offset,
        next_action_on: row.planned_on,
      },
      at,
    );
  }
}

/** A task for the user about a message that failed or whose fate is uncertain (one per message and attempt). */
export async function failureTask(
  db: Db,
  ctx: AppContext,
  org: Organization,
  row: Outbox,
  code: "dunning.failed_task" | "dunning.uncertain_task",
  error: string,
  locale: Locale,
): Promise<void> {
  const client = await findClient(db, org.id, row.client_id);
  const at = new Date(ctx.clock.now()).toISOString();
  await insertTask(db, {
    id: newId(),
    organization_id: org.id,
    client_id: row.client_id,
    invoice_id: null,
    kind: code === "dunning.failed_task" ? "outbox_failed" : "outbox_uncertain",
    title: formatMessage(locale, code, { client: client?.name ?? "", error }).slice(0, 500),
    due_on: toIso(todayFor(ctx, org.time_zone)),
    state: "open",
    assignee_user_id: null,
    data: JSON.stringify({ outbox_id: row.id }),
    idempotency_key: `outbox:${row.id}:${code}:${row.attempts}`,
    created_at: at,
    updated_at: at,
  });
}
