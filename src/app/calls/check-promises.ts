import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  clearPromiseHold,
  invoiceStates,
  listOpenPromises,
  type PromiseView,
  promiseHoldHolders,
  resolvePromise,
  sumAllocatedSince,
} from "../../db/repositories/calls.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { setHold } from "../dunning/set-hold.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { parseIds } from "./present-call.js";
import { holdUntilOf } from "./promise-rules.js";

export interface CheckPromisesResult {
  date: string;
  kept: { id: string; client_id: string }[];
  broken: { id: string; client_id: string }[];
}

const OWED = new Set(["open", "partially_paid"]);

/** Rolls a dry run's transaction back. */
class DryRun extends Error {}

/**
 * The daily check of promises to pay (docs/calls.md), before the dunning run: every open promise whose grace has run
 * out (promised_on + grace_days < today) is kept when the promised amount was paid on its invoices since the
 * promise or nothing is owed on them any more, else broken: "Promesse non tenue" on each invoice still owed, the
 * promise's hold lifted (if it is still the one the promise set) and those invoices looked at again today, so the
 * run that follows resumes the reminders. Run twice the same day, the second finds nothing open to check.
 */
export async function checkPromises(options: {
  ctx: AppContext;
  org: Organization;
  dryRun?: boolean;
}): Promise<CheckPromisesResult> {
  const { ctx, org } = options;
  const today = toIso(todayFor(ctx, org.time_zone));
  const result: CheckPromisesResult = { date: today, kept: [], broken: [] };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const candidates = await listOpenPromises(trx, ctx.dialect, org.id, { promisedBefore: today });
      for (const promise of candidates) {
        const until = holdUntilOf(promise);
        if (until >= today) continue;
        const state = await settle(trx, ctx, org, promise, until, today);
        result[state].push({ id: promise.id, client_id: promise.client_id });
      }
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return result;
}

/**
 * Whether a promise was kept: its amount paid on its invoices since it was made, or nothing owed on them any more
 * because they were paid or cancelled — an invoice written off (a recovery case closed as irrecoverable) was not.
 */
export async function promiseKept(trx: Db, orgId: string, promise: PromiseView): Promise<boolean> {
  const ids = parseIds(promise.invoice_ids);
  const invoices = await invoiceStates(trx, orgId, ids);
  if (invoices.every((i) => i.status === "paid" || i.status === "cancelled")) return true;
  const paid = await sumAllocatedSince(trx, orgId, ids, promise.created_at);
  return paid >= Number(promise.amount_cents);
}

async function settle(
  trx: Db,
  ctx: AppContext,
  org: Organization,
  promise: PromiseView,
  until: string,
  today: string,
): Promise<"kept" | "broken"> {
  const at = nowIso(ctx);
  const locale = orgLocale(org);
  const ids = parseIds(promise.invoice_ids);
  const kept = await promiseKept(trx, org.id, promise);
  await resolvePromise(trx, org.id, promise.id, kept ? "kept" : "broken", today, at);
  const params = {
    amount: formatEuros(Number(promise.amount_cents) as Cents, locale),
    date: formatIsoDate(promise.promised_on, locale),
  };
  const states = await invoiceStates(trx, org.id, ids);
  const owed = states.filter((i) => OWED.has(i.status));
  if (kept) {
    // the hold has run out: its columns are cleared quietly, nothing resumes that was not already due
    await clearPromiseHold(
      trx,
      org.id,
      promise.holds_client ? { clientId: promise.client_id } : { invoiceIds: ids },
      until,
      at,
    );
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: promise.client_id,
        invoiceId: null,
        userId: null,
        kind: "promise_kept",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "promise.kept", params),
        data: { promise_id: promise.id, invoices: states.map((i) => i.number) },
      }),
    ]);
  } else {
    await insertActions(
      trx,
      (owed.length > 0 ? owed.map((i) => i.id) : [null]).map((invoiceId) =>
        timelineAction({
          orgId: org.id,
          clientId: promise.client_id,
          invoiceId,
          userId: null,
          kind: "promise_broken",
          occurredOn: today,
          at,
          summary: formatMessage(locale, "promise.broken", params),
          data: { promise_id: promise.id },
        }),
      ),
    );
    // the hold machinery lifts the hold it set (timeline, audit, looked at again today) — only if it is still ours
    const holders = await promiseHoldHolders(trx, org.id, promise.client_id, ids, until);
    if (promise.holds_client && holders.client) {
      await setHold({ ctx, org, userId: null, target: { clientId: promise.client_id }, hold: null, trx });
    }
    for (const invoiceId of promise.holds_client ? [] : holders.invoiceIds) {
      await setHold({ ctx, org, userId: null, target: { invoiceId }, hold: null, trx });
    }
    await lookAgainBy(
      trx,
      org.id,
      owed.map((i) => i.id),
      today,
    );
  }
  await appendAudit(trx, {
    organizationId: org.id,
    userId: null,
    at,
    entity: "promise",
    entityId: promise.id,
    operation: kept ? "kept" : "broken",
    data: { promised_on: promise.promised_on, amount_cents: Number(promise.amount_cents) },
  });
  return kept ? "kept" : "broken";
}
