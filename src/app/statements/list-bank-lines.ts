import type { Locale } from "../../core/messages.js";
import { invoicesForBankLines, listBankLines as queryBankLines } from "../../db/repositories/bank-lines.js";
import { listAllocationsOfPayments } from "../../db/repositories/payments.js";
import type { BankMatchState, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { type BankLineDto, invoiceIdsOf, presentBankLine } from "./present-bank-line.js";

export interface ListBankLinesOptions {
  ctx: AppContext;
  org: Organization;
  state: BankMatchState;
  limit: number;
  /** Keyset pagination: the (booking_date, id) of the last line of the previous page. */
  before?: { date: string; id: string };
  locale: Locale;
}

/**
 * The bank lines of one state for the reconciliation screen (docs/statements.md), newest first: each with its
 * proposal (the invoices named, their clients and balances, the reasons in words) and, matched, the payment it
 * recorded and the invoices it settles. Three queries per page: the lines, their invoices, the allocations.
 */
export async function listBankLines(options: ListBankLinesOptions): Promise<BankLineDto[]> {
  const { ctx, org } = options;
  const lines = await queryBankLines(ctx.db, org.id, {
    state: options.state,
    limit: options.limit,
    ...(options.before ? { before: options.before } : {}),
  });
  const paymentIds = lines.flatMap((l) => (l.payment_id ? [l.payment_id] : []));
  const allocations = await listAllocationsOfPayments(ctx.db, org.id, paymentIds);
  const invoiceIds = new Set([...lines.flatMap(invoiceIdsOf), ...allocations.map((a) => a.invoice_id)]);
  const invoices = new Map(
    (await invoicesForBankLines(ctx.db, org.id, [...invoiceIds])).map((i) => [i.id, i] as const),
  );
  return lines.map((l) => presentBankLine(l, invoices, allocations, options.locale));
}
