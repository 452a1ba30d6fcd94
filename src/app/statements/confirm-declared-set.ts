import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import type { Invoice, Organization, PaymentMethod } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { writeInvoiceHold } from "../dunning/set-hold.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { isDeclaredPaymentHold } from "../payments/declared-payment-hold.js";

/** A payment declared and awaiting its money (a cheque recorded on receipt, a portal declaration). */
export interface DeclaredRow {
  id: string;
  declared_invoice_id: string | null;
  client_id: string | null;
  amount_cents: number;
  method: PaymentMethod;
  reference: string | null;
  payer: string | null;
  date: string;
}

/** Payments declared for some invoices, each invoice's oldest first. */
export async function declaredByInvoice(
  trx: Db,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, DeclaredRow[]>> {
  const out = new Map<string, DeclaredRow[]>();
  if (invoiceIds.length === 0) return out;
  const rows = await trx
    .selectFrom("payment")
    .select([
      "id",
      "declared_invoice_id",
      "client_id",
      "amount_cents",
      "method",
      "reference",
      "payer",
      "date",
    ])
    .where("organization_id", "=", orgId)
    .where("state", "=", "declared")
    .where("declared_invoice_id", "in", invoiceIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const key = r.declared_invoice_id as string;
    out.set(key, [...(out.get(key) ?? []), { ...r, amount_cents: Number(r.amount_cents) }]);
  }
  return out;
}

/**
 * The set-based counterpart of confirm-declared-payment.ts for bank matching: the declared rows a statement's lines
 * turned into payments are removed, each with a `declared_payment_confirmed` entry and an audit row; the pause a
 * declaration set is lifted (the invoice looked at again today, a `hold_lifted` entry and an audit row) when no
 * other declared payment of the invoice still waits. Runs inside the caller's transaction, before the dunning's
 * reaction to the new balances.
 */
export async function confirmDeclaredSet(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  at: string;
  confirmed: readonly { declared: DeclaredRow; paymentId: string; amount: number; date: string }[];
  invoices: ReadonlyMap<string, Invoice>;
  stillDeclared: ReadonlySet<string>;
}): Promise<void> {
  const { ctx, trx, org, at } = options;
  if (options.confirmed.length === 0) return;
  const locale = orgLocale(org);
  const today = toIso(todayFor(ctx, org.time_zone));
  const ids = options.confirmed.map((c) => c.declared.id);
  for (let i = 0; i < ids.length; i += 500)
    await trx
      .deleteFrom("payment")
      .where("organization_id", "=", org.id)
      .where("state", "=", "declared")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
  const lifted = [...new Set(options.confirmed.map((c) => c.declared.declared_invoice_id as string))].filter(
    (id) => {
      const inv = options.invoices.get(id);
      return inv && !options.stillDeclared.has(id) && isDeclaredPaymentHold(inv.hold_kind, inv.hold_reason);
    },
  );
  await writeInvoiceHold(trx, org.id, lifted, {
    hold_kind: null,
    hold_until: null,
    hold_reason: null,
    updated_at: at,
  });
  await lookAgainBy(trx, org.id, lifted, today);
  const entry = (invoiceId: string, kind: string, summary: string, data: Record<string, unknown>) =>
    timelineAction({
      orgId: org.id,
      clientId: options.invoices.get(invoiceId)?.client_id ?? null,
      invoiceId,
      userId: options.userId,
      kind,
      occurredOn: today,
      at,
      summary,
      data,
    });
  await insertActions(trx, [
    ...lifted.map((id) =>
      entry(id, "hold_lifted", formatMessage(locale, "hold.lifted"), {
        kind: null,
        until: null,
        reason: null,
      }),
    ),
    ...options.confirmed.map((c) =>
      entry(
        c.declared.declared_invoice_id as string,
        "declared_payment_confirmed",
        formatMessage(locale, "portal.timeline.declared_confirmed", {
          amount: formatEuros(c.amount as Cents, locale),
          date: formatIsoDate(c.date, locale),
        }),
        { declared_payment_id: c.declared.id, payment_id: c.paymentId },
      ),
    ),
  ]);
  const audit = (entity: string, entityId: string, operation: string, data: Record<string, unknown>) => ({
    id: newId(),
    organization_id: org.id,
    user_id: options.userId,
    at,
    entity,
    entity_id: entityId,
    operation,
    data: JSON.stringify(data),
  });
  const rows = [
    ...lifted.map((id) => audit("invoice", id, "hold_lifted", { kind: null, until: null, reason: null })),
    ...options.confirmed.map((c) =>
      audit("payment", c.declared.id, "declared_confirmed", {
        payment_id: c.paymentId,
        amount_cents: c.amount,
        declared_cents: c.declared.amount_cents,
      }),
    ),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("audit_log")
      .values(rows.slice(i, i + 500))
      .execute();
}
