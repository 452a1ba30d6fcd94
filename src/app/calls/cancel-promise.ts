import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findPromise,
  invoiceStates,
  promiseHoldHolders,
  resolvePromise,
} from "../../db/repositories/calls.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { setHold } from "../dunning/set-hold.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import type { PromiseDto } from "./present-call.js";
import { parseIds } from "./present-call.js";
import { holdUntilOf, toPromiseDto } from "./promise-rules.js";

/**
 * Cancels an open promise (entered by mistake, replaced by a payment plan): its hold is lifted if it is still the one
 * it set (the run looks at the invoices again today), "Promesse annulée" on the timeline, in the audit log.
 */
export async function cancelPromise(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
}): Promise<PromiseDto> {
  const { ctx, org } = options;
  const today = toIso(todayFor(ctx, org.time_zone));
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const promise = await findPromise(trx, ctx.dialect, org.id, options.id, true);
    if (!promise) throw new AppError("not_found", "promise.not_found");
    if (promise.state !== "open")
      throw new AppError("conflict", "promise.not_open", { state: promise.state });
    await resolvePromise(trx, org.id, promise.id, "cancelled", today, at);
    const ids = parseIds(promise.invoice_ids);
    const holders = await promiseHoldHolders(trx, org.id, promise.client_id, ids, holdUntilOf(promise));
    if (Number(promise.holds_client) === 1) {
      if (holders.client) {
        await setHold({
          ctx,
          org,
          userId: options.userId,
          target: { clientId: promise.client_id },
          hold: null,
          trx,
        });
      }
    } else {
      for (const invoiceId of holders.invoiceIds) {
        await setHold({ ctx, org, userId: options.userId, target: { invoiceId }, hold: null, trx });
      }
    }
    const locale = orgLocale(org);
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: promise.client_id,
        invoiceId: null,
        userId: options.userId,
        kind: "promise_cancelled",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "promise.cancelled", {
          amount: formatEuros(Number(promise.amount_cents) as Cents, locale),
          date: formatIsoDate(promise.promised_on, locale),
        }),
        data: {
          promise_id: promise.id,
          invoices: (await invoiceStates(trx, org.id, ids)).map((i) => i.number),
        },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "promise",
      entityId: promise.id,
      operation: "cancel",
      data: {},
    });
    const row = await findPromise(trx, ctx.dialect, org.id, promise.id);
    if (!row) throw new Error("promise vanished");
    return toPromiseDto(row);
  });
}
