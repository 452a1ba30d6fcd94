import { normalizePayerName, payerNameOf } from "../../core/matching/names.js";
import { compactIban } from "../../core/matching/non-invoice.js";
import type { Allocation, MatchReason } from "../../core/matching/types.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { addPayerAlias } from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { confirmDeclaredPayment } from "../payments/confirm-declared-payment.js";
import { createPayment } from "../payments/create-payment.js";

/** The payment declared on the portal for the one invoice of a match, of the line's amount (the oldest). */
async function declaredFor(
  trx: Db,
  orgId: string,
  allocations: readonly Allocation[],
  amount: number,
): Promise<string | undefined> {
  const [only, ...more] = allocations;
  if (!only || more.length > 0) return undefined;
  const row = await trx
    .selectFrom("payment")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("state", "=", "declared")
    .where("declared_invoice_id", "=", only.id)
    .where("amount_cents", "=", amount)
    .orderBy("created_at")
    .executeTakeFirst();
  return row?.id;
}

/** A cheque remittance by its words; anything else from a bank line is a transfer. */
export function methodOf(line: BankTransaction): "cheque" | "transfer" {
  return line.cheque_number || /\b(REMISE|REM\.?)\s+(DE\s+)?CH(E|Q)/i.test(line.label)
    ? "cheque"
    : "transfer";
}

/**
 * Applies a match to a bank line inside `trx`: the payment of the line's amount, allocated to the invoices (what is
 * not allocated stays on the client's account), linked to the line (`payment.bank_transaction_id`) — which stops the
 * reminders of the invoices it settles (create-payment → after-balance-change) —, the line `matched` with its score
 * and reasons, and the payer's IBAN learned for the client; a confirmation by the user (`learnName`) also learns the
 * payer's name. A payment the client declared on the portal for the invoice and the amount is confirmed by the line
 * instead (confirm-declared-payment.ts). The line must still be unmatched or proposed (409 otherwise: never
 * applied twice).
 */
export async function applyBankMatch(options: {
  ctx: AppContext;
  trx: Db;
  org: Organization;
  userId: string | null;
  line: BankTransaction;
  allocations: readonly Allocation[];
  score: number;
  reasons: readonly MatchReason[];
  learnName: boolean;
  at: string;
}): Promise<{ payment_id: string; client_id: string | null }> {
  const { ctx, trx, org, line } = options;
  // the line locked before its invoices (as record-bank-payments does): two matchers of one line wait for each other
  const lineQuery = trx
    .selectFrom("bank_transaction")
    .select(["match_state", "payment_id"])
    .where("organization_id", "=", org.id)
    .where("id", "=", line.id);
  const current = await (ctx.dialect === "postgres" ? lineQuery.forUpdate() : lineQuery).executeTakeFirst();
  if (!current) throw new AppError("not_found", "bank.line_not_found");
  if (current.match_state === "matched" || current.payment_id !== null) {
    throw new AppError("conflict", "bank.line_already_matched");
  }
  // a payment the client declared on the portal for this invoice and amount is the one that arrived: confirmed
  const declared = await declaredFor(trx, org.id, options.allocations, Number(line.amount_cents));
  const created = declared
    ? {
        payment: await confirmDeclaredPayment({
          ctx,
          trx,
          org,
          userId: options.userId,
          id: declared,
          amountCents: Number(line.amount_cents),
          date: line.booking_date,
          bankTransactionId: line.id,
        }),
      }
    : await createPayment({
        ctx,
        trx,
        org,
        userId: options.userId,
        input: {
          date: line.booking_date,
          amount_cents: Number(line.amount_cents),
          method: methodOf(line),
          reference: line.bank_ref,
          payer: line.counterparty_name,
          allocations: options.allocations.map((a) => ({ invoice_id: a.id, amount_cents: a.amount_cents })),
          bank_transaction_id: line.id,
          source: "bank",
        },
      });
  await trx
    .updateTable("bank_transaction")
    .set({
      match_state: "matched",
      match_score: options.score,
      // the same shape as a proposal's (match-transactions.ts): the candidate applied
      match_reasons: JSON.stringify({
        best: { invoices: options.allocations, score: options.score, reasons: options.reasons },
        alternatives: [],
        reasons: [],
      }),
      payment_id: created.payment.id,
      updated_at: options.at,
    })
    .where("organization_id", "=", org.id)
    .where("id", "=", line.id)
    .execute();
  const clientId = created.payment.client_id;
  if (clientId) {
    if (line.counterparty_iban) {
      await addPayerAlias(trx, {
        id: newId(),
        organization_id: org.id,
        client_id: clientId,
        kind: "iban",
        value: compactIban(line.counterparty_iban),
        at: options.at,
      });
    }
    const payer = payerNameOf(line);
    const name = payer ? normalizePayerName(payer) : "";
    if (options.learnName && name !== "") {
      await addPayerAlias(trx, {
        id: newId(),
        organization_id: org.id,
        client_id: clientId,
        kind: "name",
        value: name,
        at: options.at,
      });
    }
  }
  return { payment_id: created.payment.id, client_id: clientId };
}
