import { formatMessage, type Locale } from "../../core/messages.js";
import type { Db, Dialect } from "../../db/connect.js";
import { setNextActionOn } from "../../db/repositories/dunning-invoices.js";
import { listUnsentOutboxOfClients, moveOutbox } from "../../db/repositories/outbox.js";
import type { Organization } from "../../db/schema.js";
import { keepSettledPromises } from "../calls/keep-promises.js";
import { plannedInvoices } from "./outbox-effects.js";

/**
 * After a payment or a credit note, in the same transaction: an invoice with nothing left to pay leaves its
 * sequence (next_action_on cleared), and the client's messages not sent yet whose invoices are all settled are
 * cancelled with the reason. A message that still names an unpaid invoice stays: the dispatcher drops the paid
 * ones when it sends it. A partially paid invoice goes on with its balance.
 */
export async function afterBalanceChange(
  trx: Db,
  dialect: Dialect,
  org: Organization,
  changed: readonly { id: string; client_id: string; status: string }[],
  at: string,
): Promise<void> {
  const settled = changed.filter((i) => i.status !== "open" && i.status !== "partially_paid");
  if (settled.length === 0) return;
  await keepSettledPromises(trx, dialect, org, settled, at);
  await setNextActionOn(
    trx,
    org.id,
    settled.map((i) => i.id),
    null,
  );
  await cancelSettledMessages(
    trx,
    dialect,
    org,
    settled.map((i) => i.client_id),
    "dunning.cancelled_settled",
    at,
  );
}

/**
 * The messages of these clients not sent yet (pending or awaiting approval) none of whose invoices is still owed
 * are cancelled with the reason (`reasonCode` with the invoices' numbers): after a payment or a credit note, and
 * when a recovery case writes its invoices off.
 */
export async function cancelSettledMessages(
  trx: Db,
  dialect: Dialect,
  org: Organization,
  clientIds: readonly string[],
  reasonCode: "dunning.cancelled_settled" | "dunning.cancelled_written_off",
  at: string,
): Promise<void> {
  const clients = [...new Set(clientIds)];
  if (clients.length === 0) return;
  const unsent = await listUnsentOutboxOfClients(trx, dialect, org.id, clients);
  if (unsent.length === 0) return;
  const open = await trx
    .selectFrom("invoice")
    .select("id")
    .where("organization_id", "=", org.id)
    .where("client_id", "in", clients)
    .where("status", "in", ["open", "partially_paid"])
    .execute();
  const stillOwed = new Set(open.map((r) => r.id));
  const locale: Locale = org.locale === "en" ? "en" : "fr";
  for (const row of unsent) {
    const planned = plannedInvoices(row);
    if (planned.some((p) => stillOwed.has(p.id))) continue;
    const reason = formatMessage(locale, reasonCode, {
      numbers: planned.map((p) => p.number).join(", "),
    });
    await moveOutbox(trx, org.id, row.id, row.state, {
      state: "cancelled",
      cancel_reason: reason,
      updated_at: at,
    });
  }
}
