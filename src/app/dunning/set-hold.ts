import { compareDates, formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { listOwedInvoiceIds, lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import type { ClientHoldKind, HoldKind, Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { heldInProgress } from "./held-by.js";

export interface HoldInput {
  /** dispute (clients only: an invoice's dispute is its `disputed` flag), promise to pay, manual pause. */
  kind: ClientHoldKind;
  /** Inclusive; required for a promise; a pause without it lasts until lifted. */
  until?: string | null;
  reason?: string | null;
}

export interface HoldDto {
  kind: ClientHoldKind | null;
  until: string | null;
  reason: string | null;
}

/**
 * Puts a client (all its invoices) or one invoice on hold, or lifts the hold (`hold: null`). While held, the daily
 * run fires nothing and the dispatcher drops the held invoices from messages not sent yet; a promise or a pause
 * ends by itself the day after its date. Any change makes the run look at the invoices again today. On the
 * timeline and in the audit log. An invoice held by a payment plan, a pending bill of exchange or an open recovery
 * case is refused (409, held-by.ts): that hold is lifted by what set it.
 */
export async function setHold(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  target: { clientId: string } | { invoiceId: string };
  hold: HoldInput | null;
  /** Inside the caller's transaction (a call's promise, a promise broken) instead of its own. */
  trx?: Db;
}): Promise<HoldDto> {
  const { ctx, org, hold } = options;
  const today = todayFor(ctx, org.time_zone);
  const at = nowIso(ctx);
  const locale: Locale = org.locale === "en" ? "en" : "fr";
  let until: string | null = null;
  if (hold) {
    if ("invoiceId" in options.target && hold.kind === "dispute") {
      throw invalidFields([{ path: "kind", messageCode: "hold.dispute_on_invoice" }]);
    }
    if (hold.until) {
      const d = parseIsoDate(hold.until);
      if (!d.ok)
        throw invalidFields([{ path: "until", messageCode: d.problem.code, params: d.problem.params ?? {} }]);
      if (compareDates(d.value, today) < 0) {
        throw invalidFields([
          { path: "until", messageCode: "dunning.hold_until_past", params: { date: hold.until } },
        ]);
      }
      until = toIso(d.value);
    } else if (hold.kind === "promise") {
      throw invalidFields([{ path: "until", messageCode: "dunning.hold_until_required" }]);
    }
  }
  const reason = hold?.reason?.trim() || null;
  const columns = { hold_kind: hold?.kind ?? null, hold_until: until, hold_reason: reason, updated_at: at };
  const body = async (trx: Db): Promise<HoldDto> => {
    let clientId: string;
    let invoiceIds: string[];
    if ("clientId" in options.target) {
      const client = await trx
        .selectFrom("client")
        .select("id")
        .where("organization_id", "=", org.id)
        .where("id", "=", options.target.clientId)
        .executeTakeFirst();
      if (!client) throw new AppError("not_found", "client.not_found");
      clientId = client.id;
      await trx
        .updateTable("client")
        .set(columns)
        .where("organization_id", "=", org.id)
        .where("id", "=", clientId)
        .execute();
      invoiceIds = await listOwedInvoiceIds(trx, org.id, clientId);
    } else {
      const invoice = await trx
        .selectFrom("invoice")
        .select(["id", "client_id", "number", "hold_kind", "hold_until"])
        .where("organization_id", "=", org.id)
        .where("id", "=", options.target.invoiceId)
        .executeTakeFirst();
      if (!invoice) throw new AppError("not_found", "invoice.unknown");
      // a plan's, a pending bill's or an open recovery case's hold ends with them: neither lifted nor replaced here
      const held = await heldInProgress(trx, org.id, invoice, toIso(today), locale);
      if (held) throw held;
      clientId = invoice.client_id;
      await writeInvoiceHold(trx, org.id, [invoice.id], {
        ...columns,
        hold_kind: hold ? (hold.kind as "promise" | "manual") : null,
      });
      invoiceIds = [invoice.id];
    }
    // set, changed or lifted: the run looks at the invoices again today and dates them from the new hold (an
    // invoice awaiting the approval of its mise en demeure keeps waiting for it: run-dunning.ts)
    await lookAgainBy(trx, org.id, invoiceIds, toIso(today));
    const invoiceId = "invoiceId" in options.target ? options.target.invoiceId : null;
    const summary = hold
      ? formatMessage(locale, `hold.set.${hold.kind}`, {
          until: until ? formatIsoDate(until, locale) : "—",
          reason: reason ?? "",
        })
      : formatMessage(locale, "hold.lifted");
    await insertActions(trx, [
      {
        id: newId(),
        organization_id: org.id,
        client_id: clientId,
        invoice_id: invoiceId,
        user_id: options.userId,
        kind: hold
          ? hold.kind === "promise"
            ? "promise"
            : hold.kind === "dispute"
              ? "dispute"
              : "hold"
          : "hold_lifted",
        occurred_on: toIso(today),
        occurred_at: at,
        summary,
        data: JSON.stringify({ kind: hold?.kind ?? null, until, reason }),
        idempotency_key: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: invoiceId ? "invoice" : "client",
      entityId: invoiceId ?? clientId,
      operation: hold ? "hold" : "hold_lifted",
      data: { kind: hold?.kind ?? null, until, reason },
    });
    return { kind: hold?.kind ?? null, until, reason };
  };
  return options.trx ? body(options.trx) : ctx.db.transaction().execute(body);
}

/** An invoice's own hold columns (null kind: no hold). */
export interface InvoiceHoldColumns {
  hold_kind: HoldKind | null;
  hold_until: string | null;
  hold_reason: string | null;
  updated_at: string;
}

/**
 * Writes (or clears) the own hold of some invoices inside the caller's transaction: setHold's invoice case, and the
 * holds other use cases put on invoices (a bill of exchange until its due date, a payment plan). The caller asks
 * the run to look at them again (lookAgainBy) and writes the timeline.
 */
export async function writeInvoiceHold(
  trx: Db,
  orgId: string,
  invoiceIds: readonly string[],
  columns: InvoiceHoldColumns,
): Promise<void> {
  if (invoiceIds.length === 0) return;
  await trx
    .updateTable("invoice")
    .set(columns)
    .where("organization_id", "=", orgId)
    .where("id", "in", invoiceIds)
    .execute();
}
