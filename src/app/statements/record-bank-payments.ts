import { deriveStatus } from "../../core/invoices/balance.js";
import { compactIban } from "../../core/matching/non-invoice.js";
import type { Allocation, MatchReason } from "../../core/matching/types.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { insertObjects, insertRowsOnce, updateRows } from "../../db/bulk.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import type { BankTransaction, Invoice, Organization, PaymentMethod } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { afterBalanceChange } from "../dunning/after-balance-change.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { methodOf } from "./apply-bank-match.js";
import { confirmDeclaredSet, type DeclaredRow, declaredByInvoice } from "./confirm-declared-set.js";

export interface BankPayment {
  line: BankTransaction;
  allocations: readonly Allocation[];
  score: number;
  reasons: readonly MatchReason[];
}

const CHUNK = 500;

/** The method of the payment a line records: the declared one it confirms, or what the bank line says. */
function methodFor(p: { line: BankTransaction; confirms: DeclaredRow | null }): PaymentMethod {
  return p.confirms?.method ?? methodOf(p.line);
}

/**
 * Records many automatic bank matches inside `trx`, set-based (the import of a statement of thousands of lines): the
 * same rows as applyBankMatch writes one line at a time — a payment per line linked to it, its allocations, each
 * invoice's paid amount and status, the dunning's reaction (after-balance-change, once for all), a `payment` entry per
 * invoice, an audit row per payment, the lines `matched`, the payers' IBANs learned — after checking each line against
 * the invoices as they are now (locked on PostgreSQL): a line whose invoices are no longer open, belong to several
 * clients, or would be paid beyond their balance is left out and returned, nothing written for it. A line paying the
 * one invoice of a declared payment of its amount (a cheque recorded on receipt, a portal declaration) confirms it
 * (confirm-declared-set.ts); any other line touching an invoice with a declared payment is left to the caller's
 * one-by-one path.
 */
export async function recordBankPayments(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  payments: readonly BankPayment[];
  at: string;
}): Promise<{ refused: string[] }> {
  const { ctx, trx, org, at } = options;
  const refused: string[] = [];
  // the lines locked first, in id order, then their invoices (applyBankMatch does the same): a line another process
  // is matching waits for it, and is then seen matched and left out
  const settled = new Set<string>();
  const lineIds = options.payments.map((p) => p.line.id).sort();
  for (let i = 0; i < lineIds.length; i += CHUNK) {
    const query = trx
      .selectFrom("bank_transaction")
      .select(["id", "match_state", "payment_id"])
      .where("organization_id", "=", org.id)
      .where("id", "in", lineIds.slice(i, i + CHUNK))
      .orderBy("id");
    for (const r of await (ctx.dialect === "postgres" ? query.forUpdate() : query).execute())
      if ((r.match_state !== "unmatched" && r.match_state !== "proposed") || r.payment_id !== null)
        settled.add(r.id);
  }
  const ids = [...new Set(options.payments.flatMap((p) => p.allocations.map((a) => a.id)))].sort();
  const invoices = new Map<string, Invoice>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const query = trx
      .selectFrom("invoice")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("id", "in", ids.slice(i, i + CHUNK))
      .orderBy("id");
    for (const r of await (ctx.dialect === "postgres" ? query.forUpdate() : query).execute())
      invoices.set(r.id, r);
  }
  const declared = await declaredByInvoice(trx, org.id, ids);
  const usedDeclared = new Set<string>();
  const paid = new Map<string, number>();
  const accepted: (BankPayment & { clientId: string; paymentId: string; confirms: DeclaredRow | null })[] =
    [];
  for (const p of options.payments) {
    const rows = p.allocations.map((a) => invoices.get(a.id));
    // an invoice with a declared payment: the line is that payment (one invoice, the same amount), or the user decides
    const announced = p.allocations.some((a) => declared.has(a.id));
    const confirms =
      announced && p.allocations.length === 1
        ? (declared
            .get(p.allocations[0]?.id ?? "")
            ?.find((d) => d.amount_cents === Number(p.line.amount_cents) && !usedDeclared.has(d.id)) ?? null)
        : null;
    const clientId = rows[0]?.client_id;
    const fits =
      !settled.has(p.line.id) &&
      clientId !== undefined &&
      rows.every(
        (inv, k) =>
          inv !== undefined &&
          inv.client_id === clientId &&
          (inv.status === "open" || inv.status === "partially_paid") &&
          (!announced || confirms !== null) &&
          (p.allocations[k]?.amount_cents ?? 0) <=
            inv.total_ttc_cents - inv.credited_cents - (paid.get(inv.id) ?? inv.paid_cents),
      ) &&
      p.allocations.reduce((n, a) => n + a.amount_cents, 0) <= Number(p.line.amount_cents);
    if (!fits) {
      refused.push(p.line.id);
      continue;
    }
    for (const a of p.allocations) {
      const inv = invoices.get(a.id) as Invoice;
      paid.set(a.id, (paid.get(a.id) ?? inv.paid_cents) + a.amount_cents);
    }
    if (confirms) usedDeclared.add(confirms.id);
    accepted.push({ ...p, clientId: clientId as string, paymentId: newId(), confirms });
  }
  if (accepted.length === 0) return { refused };

  const locale = orgLocale(org);
  for (let i = 0; i < accepted.length; i += CHUNK) {
    const part = accepted.slice(i, i + CHUNK);
    await insertObjects(
      trx,
      ctx.dialect,
      "payment",
      part.map((p) => ({
        id: p.paymentId,
        organization_id: org.id,
        client_id: p.clientId,
        date: p.line.booking_date,
        amount_cents: Number(p.line.amount_cents),
        method: methodFor(p),
        reference: p.confirms ? p.confirms.reference : p.line.bank_ref,
        payer: p.confirms?.payer ?? p.line.counterparty_name,
        state: "confirmed",
        source: "bank",
        bank_transaction_id: p.line.id,
        created_at: at,
        updated_at: at,
      })),
      ["amount_cents"],
    );
    await insertObjects(
      trx,
      ctx.dialect,
      "allocation",
      part.flatMap((p) =>
        p.allocations.map((a) => ({
          id: newId(),
          organization_id: org.id,
          payment_id: p.paymentId,
          invoice_id: a.id,
          amount_cents: a.amount_cents,
          created_at: at,
          updated_at: at,
        })),
      ),
      ["amount_cents"],
    );
    const method = (p: (typeof part)[number]) => formatMessage(locale, `payment_method.${methodFor(p)}`);
    await insertObjects(
      trx,
      ctx.dialect,
      "action",
      part.flatMap((p) =>
        p.allocations.map((a) =>
          timelineAction({
            orgId: org.id,
            clientId: p.clientId,
            invoiceId: a.id,
            userId: options.userId,
            kind: "payment",
            occurredOn: p.line.booking_date,
            at,
            summary: formatMessage(locale, "timeline.payment", {
              amount: formatEuros(a.amount_cents as Cents, locale),
              method: method(p),
            }),
            data: {
              payment_id: p.paymentId,
              amount_cents: a.amount_cents,
              payment_amount_cents: Number(p.line.amount_cents),
              method: methodFor(p),
              bank_transaction_id: p.line.id,
            },
          }),
        ),
      ),
    );
    await insertObjects(
      trx,
      ctx.dialect,
      "audit_log",
      part.map((p) => ({
        id: newId(),
        organization_id: org.id,
        user_id: options.userId,
        at,
        entity: "payment",
        entity_id: p.paymentId,
        operation: "create",
        data: JSON.stringify({
          date: p.line.booking_date,
          amount_cents: Number(p.line.amount_cents),
          method: methodFor(p),
          client_id: p.clientId,
          allocations: p.allocations.map((a) => ({ invoice_id: a.id, amount_cents: a.amount_cents })),
          bank_transaction_id: p.line.id,
        }),
      })),
    );
  }
  const changed = [...paid.entries()].map(([id, amount]) => {
    const inv = invoices.get(id) as Invoice;
    const status = deriveStatus({
      total_cents: inv.total_ttc_cents,
      paid_cents: amount + inv.credited_cents,
    });
    const owed = status === "open" || status === "partially_paid";
    // a settled invoice leaves its sequence in the same write (after-balance-change finds nothing left to clear)
    return { id, client_id: inv.client_id, paid: amount, status, next: owed ? inv.next_action_on : null };
  });
  for (let i = 0; i < changed.length; i += CHUNK) {
    await updateRows(
      trx,
      ctx.dialect,
      "invoice",
      org.id,
      [
        { name: "paid_cents", type: "int", row: 1 },
        { name: "status", type: "text", row: 2 },
        { name: "next_action_on", type: "text", row: 3 },
        { name: "updated_at", type: "text", value: at },
      ],
      changed.slice(i, i + CHUNK).map((c) => [c.id, c.paid, c.status, c.next]),
    );
  }
  await confirmDeclaredSet({
    ctx,
    trx,
    org,
    userId: options.userId,
    at,
    confirmed: accepted.flatMap((p) =>
      p.confirms
        ? [
            {
              declared: p.confirms,
              paymentId: p.paymentId,
              amount: Number(p.line.amount_cents),
              date: p.line.booking_date,
            },
          ]
        : [],
    ),
    invoices,
    stillDeclared: new Set(
      [...declared.entries()]
        .filter(([, rows]) => rows.some((d) => !usedDeclared.has(d.id)))
        .map(([id]) => id),
    ),
  });
  await afterBalanceChange(trx, ctx.dialect, org, changed, at);
  for (let i = 0; i < accepted.length; i += CHUNK) {
    await updateRows(
      trx,
      ctx.dialect,
      "bank_transaction",
      org.id,
      [
        { name: "match_state", type: "text", value: "matched" },
        { name: "match_score", type: "int", row: 1 },
        { name: "match_reasons", type: "text", row: 2 },
        { name: "payment_id", type: "text", row: 3 },
        { name: "updated_at", type: "text", value: at },
      ],
      accepted.slice(i, i + CHUNK).map((p) => [
        p.line.id,
        p.score,
        JSON.stringify({
          best: { invoices: p.allocations, score: p.score, reasons: p.reasons },
          alternatives: [],
          reasons: [],
        }),
        p.paymentId,
      ]),
    );
  }
  const ibans = accepted
    .filter((p) => p.line.counterparty_iban)
    .map((p) => ({ client_id: p.clientId, value: compactIban(p.line.counterparty_iban as string) }));
  await insertRowsOnce(
    trx,
    ctx.dialect,
    "payer_alias",
    [
      { name: "id", type: "text", row: 0 },
      { name: "organization_id", type: "text", value: org.id },
      { name: "client_id", type: "text", row: 1 },
      { name: "kind", type: "text", value: "iban" },
      { name: "value", type: "text", row: 2 },
      { name: "created_at", type: "text", value: at },
      { name: "updated_at", type: "text", value: at },
    ],
    ibans.map((a) => [newId(), a.client_id, a.value]),
    ["organization_id", "kind", "value", "client_id"],
  );
  return { refused };
}
