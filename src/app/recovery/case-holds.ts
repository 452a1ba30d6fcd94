import { formatIsoDate } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { insertActions } from "../../db/repositories/actions.js";
import { findLiveBillsOfInvoices } from "../../db/repositories/bills.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import { invoicesInOpenPlans } from "../../db/repositories/payment-plans.js";
import type { RecoveryCaseRow } from "../../db/repositories/recovery.js";
import type { HoldKind, Organization, RecoveryOutcome } from "../../db/schema.js";
import { writeInvoiceHold } from "../dunning/set-hold.js";
import { AppError } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { caseInvoiceIds } from "./present-case.js";

const OWED = new Set(["open", "partially_paid"]);

/**
 * An invoice settled by something in progress cannot go to court: one in a payment plan not finished (draft,
 * signed, active: the debtor keeps to it, or its activation would replace the case's hold) or on a pending bill of
 * exchange is refused (409) — cancel the plan or record the bill's outcome first.
 */
export async function refuseSettledElsewhere(
  trx: Db,
  org: Organization,
  invoices: readonly { id: string; number: string }[],
): Promise<void> {
  const ids = invoices.map((i) => i.id);
  const numberOf = (id: string) => invoices.find((i) => i.id === id)?.number ?? id;
  const [planned] = await invoicesInOpenPlans(trx, org.id, ids);
  if (planned) throw new AppError("conflict", "recovery.invoice_in_plan", { number: numberOf(planned) });
  const [bill] = await findLiveBillsOfInvoices(trx, org.id, ids);
  if (bill) {
    throw new AppError("conflict", "recovery.invoice_on_bill", {
      number: numberOf(bill.invoice_id),
      due: formatIsoDate(bill.due_on, orgLocale(org)),
    });
  }
}

/**
 * Opening a case: its invoices are held (`hold_kind = recovery`, until the case closes: the judicial step replaces
 * the reminders), replacing a promise or a pause they had, as a payment plan's activation does; the run looks at
 * them today (and finds them held); a "hold" entry on each invoice's timeline. Returns the holds replaced (for the
 * audit entry).
 */
export async function holdCaseInvoices(
  trx: Db,
  org: Organization,
  kase: { id: string; client_id: string; opened_on: string },
  invoiceIds: readonly string[],
  userId: string | null,
  at: string,
): Promise<{ invoice_id: string; kind: HoldKind; until: string | null }[]> {
  if (invoiceIds.length === 0) return [];
  const locale = orgLocale(org);
  const date = formatIsoDate(kase.opened_on, locale);
  const before = await trx
    .selectFrom("invoice")
    .select(["id", "hold_kind", "hold_until"])
    .where("organization_id", "=", org.id)
    .where("id", "in", [...invoiceIds])
    .execute();
  await writeInvoiceHold(trx, org.id, invoiceIds, {
    hold_kind: "recovery",
    hold_until: null,
    hold_reason: formatMessage(locale, "recovery.hold_reason", { date }),
    updated_at: at,
  });
  await lookAgainBy(trx, org.id, invoiceIds, kase.opened_on);
  await insertActions(
    trx,
    invoiceIds.map((invoiceId) =>
      timelineAction({
        orgId: org.id,
        clientId: kase.client_id,
        invoiceId,
        userId,
        kind: "hold",
        occurredOn: kase.opened_on,
        at,
        summary: formatMessage(locale, "recovery.timeline.hold", { date }),
        data: { kind: "recovery", case_id: kase.id, until: null },
      }),
    ),
  );
  return before.flatMap((r) =>
    r.hold_kind ? [{ invoice_id: r.id, kind: r.hold_kind, until: r.hold_until }] : [],
  );
}

/**
 * Closing a case: the hold it set is lifted from its invoices (a hold of another kind is left alone); those still
 * owed are looked at by today's run and get a "Relances reprises" entry. Returns the invoices released.
 */
export async function liftCaseHold(
  trx: Db,
  org: Organization,
  kase: RecoveryCaseRow,
  outcome: RecoveryOutcome,
  userId: string | null,
  today: string,
  at: string,
): Promise<string[]> {
  const ids = caseInvoiceIds(kase);
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom("invoice")
    .select(["id", "status", "kind", "hold_kind"])
    .where("organization_id", "=", org.id)
    .where("id", "in", ids)
    .execute();
  const held = rows.filter((r) => r.hold_kind === "recovery");
  await writeInvoiceHold(
    trx,
    org.id,
    held.map((r) => r.id),
    { hold_kind: null, hold_until: null, hold_reason: null, updated_at: at },
  );
  const owed = held.filter((r) => OWED.has(r.status) && r.kind !== "credit_note").map((r) => r.id);
  await lookAgainBy(trx, org.id, owed, today);
  const locale = orgLocale(org);
  const summary = formatMessage(locale, "recovery.timeline.hold_lifted", {
    outcome: formatMessage(locale, `recovery.outcome.${outcome}`),
  });
  await insertActions(
    trx,
    owed.map((invoiceId) =>
      timelineAction({
        orgId: org.id,
        clientId: kase.client_id,
        invoiceId,
        userId,
        kind: "hold_lifted",
        occurredOn: today,
        at,
        summary,
        data: { kind: "recovery", case_id: kase.id, outcome },
      }),
    ),
  );
  return held.map((r) => r.id);
}
