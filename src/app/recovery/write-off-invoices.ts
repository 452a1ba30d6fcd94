import { formatIsoDate } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db, Dialect } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { setNextActionOn } from "../../db/repositories/dunning-invoices.js";
import { findInvoiceForUpdate, updateInvoice } from "../../db/repositories/invoices.js";
import type { RecoveryCaseRow } from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import { cancelSettledMessages } from "../dunning/after-balance-change.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { caseInvoiceIds } from "./present-case.js";

export interface WrittenOff {
  invoice_id: string;
  number: string;
  /** What was still owed and is lost. */
  balance_cents: number;
}

/**
 * A case closed as irrecoverable: each of its invoices still owed (open or partly paid, something left to pay) is
 * locked (in id order, as a payment locks them), becomes `written_off` (core/invoices/balance.ts) — out of the
 * owed totals, the aging, the prescription alerts and the dunning run (next_action_on cleared) — with a
 * `write_off` entry on its timeline and an audit entry; messages not sent yet that name only settled or
 * written-off invoices are cancelled. Paid and credited amounts stay as they are. Inside the caller's transaction.
 */
export async function writeOffCaseInvoices(
  trx: Db,
  dialect: Dialect,
  org: Organization,
  kase: RecoveryCaseRow,
  userId: string | null,
  today: string,
  at: string,
): Promise<WrittenOff[]> {
  const locale = orgLocale(org);
  const written: WrittenOff[] = [];
  for (const id of [...caseInvoiceIds(kase)].sort()) {
    const invoice = await findInvoiceForUpdate(trx, dialect, org.id, id);
    if (!invoice || invoice.kind === "credit_note") continue;
    if (invoice.status !== "open" && invoice.status !== "partially_paid") continue;
    const paid = Number(invoice.paid_cents) + Number(invoice.credited_cents);
    const balance = Number(invoice.total_ttc_cents) - paid;
    if (balance <= 0) continue;
    const status = deriveStatus({
      total_cents: Number(invoice.total_ttc_cents),
      paid_cents: paid,
      written_off: true,
    });
    await updateInvoice(trx, org.id, invoice.id, { status, updated_at: at });
    written.push({ invoice_id: invoice.id, number: invoice.number, balance_cents: balance });
    await insertActions(trx, [
      timelineAction({
        orgId: org.id,
        clientId: invoice.client_id,
        invoiceId: invoice.id,
        userId,
        kind: "write_off",
        occurredOn: today,
        at,
        summary: formatMessage(locale, "recovery.timeline.written_off", {
          amount: formatEuros(balance as Cents, locale),
          date: formatIsoDate(today, locale),
        }),
        data: { case_id: kase.id, balance_cents: balance, status_before: invoice.status },
      }),
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId,
      at,
      entity: "invoice",
      entityId: invoice.id,
      operation: "write_off",
      data: { case_id: kase.id, balance_cents: balance, status_before: invoice.status, status },
    });
  }
  const ids = written.map((w) => w.invoice_id);
  await setNextActionOn(trx, org.id, ids, null);
  if (ids.length > 0)
    await cancelSettledMessages(trx, dialect, org, [kase.client_id], "dunning.cancelled_written_off", at);
  return written;
}
