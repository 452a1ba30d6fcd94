import { formatIsoDate, todayIn, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db, Dialect } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  clearPromiseHold,
  invoiceStates,
  listOpenPromises,
  resolvePromise,
} from "../../db/repositories/calls.js";
import { listOwedInvoiceIds, lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import type { Organization } from "../../db/schema.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { parseIds } from "./present-call.js";
import { holdUntilOf } from "./promise-rules.js";

const OWED = new Set(["open", "partially_paid"]);

/**
 * After a payment or a credit note (after-balance-change.ts), in the same transaction: an open promise whose
 * invoices are now all settled is kept at once — "Promesse tenue" on the timeline, its hold cleared (a client's hold
 * lets the client's other invoices be looked at again today).
 */
export async function keepSettledPromises(
  trx: Db,
  dialect: Dialect,
  org: Organization,
  changed: readonly { id: string; client_id: string; status: string }[],
  at: string,
): Promise<void> {
  const settled = new Set(changed.filter((i) => !OWED.has(i.status)).map((i) => i.id));
  if (settled.size === 0) return;
  const clients = [...new Set(changed.filter((i) => settled.has(i.id)).map((i) => i.client_id))];
  const promises = await listOpenPromises(trx, dialect, org.id, { clientIds: clients });
  if (promises.length === 0) return;
  const today = toIso(todayIn(org.time_zone, Date.parse(at)));
  const locale = orgLocale(org);
  for (const promise of promises) {
    const ids = parseIds(promise.invoice_ids);
    if (!ids.some((id) => settled.has(id))) continue;
    const invoices = await invoiceStates(trx, org.id, ids);
    if (invoices.some((i) => OWED.has(i.status))) continue;
    if (!(await resolvePromise(trx, org.id, promise.id, "kept", today, at))) continue;
    const holdsClient = Number(promise.holds_client) === 1;
    const cleared = await clearPromiseHold(
      trx,
      org.id,
      holdsClient ? { clientId: promise.client_id } : { invoiceIds: ids },
      holdUntilOf(promise),
      at,
    );
    if (cleared && holdsClient) {
      await lookAgainBy(trx, org.id, await listOwedInvoiceIds(trx, org.id, promise.client_id), today);
    }
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: promise.client_id,
        invoiceId: null,
        userId: null,
        kind: "promise_kept",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "promise.kept", {
          amount: formatEuros(Number(promise.amount_cents) as Cents, locale),
          date: formatIsoDate(promise.promised_on, locale),
        }),
        data: { promise_id: promise.id, invoices: invoices.map((i) => i.number) },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: null,
      at,
      entity: "promise",
      entityId: promise.id,
      operation: "kept",
      data: { promised_on: promise.promised_on, amount_cents: Number(promise.amount_cents) },
    });
  }
}
