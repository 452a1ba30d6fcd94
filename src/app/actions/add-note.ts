import { compareDates, type PlainDate, toIso } from "../../core/calendar.js";
import { newId } from "../../db/ids.js";
import { findActionView, insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import type { Organization } from "../../db/schema.js";
import { resolveLink } from "../clients/resolve-link.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { type ActionDto, presentAction } from "./present-action.js";

/**
 * What a user writes on the timeline: a note, a call, or an event that interrupts prescription (Code civil 2240,
 * 2241, 2244): the debtor's acknowledgement of debt (reconnaissance de dette), a court claim (demande en
 * justice, injonction de payer included), an enforcement measure (mesure d'exécution forcée).
 */
export type NoteKind = "note" | "call" | "acknowledgement" | "court_claim" | "enforcement";

/**
 * Writes a note, a call or a prescription-interrupting event on the timeline of a client or of one of its invoices (an invoice implies its client),
 * by the calling user, dated today or earlier. A past day's entry is placed at noon UTC of that day, so that the
 * timeline (ordered by `occurred_at`) shows it where it happened.
 */
export async function addNote(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  kind: NoteKind;
  summary: string;
  clientId?: string;
  invoiceId?: string;
  occurredOn?: PlainDate;
}): Promise<ActionDto> {
  const { ctx, org } = options;
  const summary = options.summary.trim();
  if (summary === "") throw invalidFields([{ path: "summary", messageCode: "field.required" }]);
  const today = todayFor(ctx, org.time_zone);
  const on = options.occurredOn ?? today;
  if (compareDates(on, today) > 0) {
    const params = { date: toIso(on), today: toIso(today) };
    throw invalidFields([{ path: "occurred_on", messageCode: "action.date_in_future", params }]);
  }
  const at = nowIso(ctx);
  const occurredAt = compareDates(on, today) === 0 ? at : `${toIso(on)}T12:00:00.000Z`;
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const link = await resolveLink(
      trx,
      org.id,
      { clientId: options.clientId, invoiceId: options.invoiceId },
      "action.target_required",
    );
    await insertActions(trx, [
      {
        id,
        organization_id: org.id,
        client_id: link.client_id,
        invoice_id: link.invoice_id,
        user_id: options.userId,
        kind: options.kind,
        occurred_on: toIso(on),
        occurred_at: occurredAt,
        summary,
        data: "{}",
        idempotency_key: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "action",
      entityId: id,
      operation: "create",
      data: { kind: options.kind, client_id: link.client_id, invoice_id: link.invoice_id },
    });
    const row = await findActionView(trx, org.id, id);
    if (!row) throw new AppError("internal", "http.internal");
    return presentAction(row);
  });
}
