import { addMonths, type PlainDate, toIso } from "../../core/calendar.js";
import { type PaymentScore, paymentScore, type ScoredInvoice } from "../../core/clients/payment-score.js";
import type { Db } from "../../db/connect.js";
import { countBrokenPromises, listScoreInvoices } from "../../db/repositories/calls.js";

/** The score as the client's detail and list show it (the whole of it: GET /clients/:id/score). */
export interface ScoreSummaryDto {
  value: number | null;
  grade: PaymentScore["grade"];
}

/**
 * The payment score (core/clients/payment-score.ts) of some clients as of `today`: two queries whatever their
 * number (their invoices due in the last 12 months with the date of the payment that settled them, and their
 * broken promises), so that a page of clients costs the same as one.
 */
export async function scoresOf(
  db: Db,
  orgId: string,
  clientIds: readonly string[],
  today: PlainDate,
): Promise<Map<string, PaymentScore>> {
  const from = toIso(addMonths(today, -12));
  const rows = await listScoreInvoices(db, orgId, clientIds, from, toIso(today));
  const broken = await countBrokenPromises(db, orgId, clientIds, from);
  const byClient = new Map<string, ScoredInvoice[]>();
  for (const row of rows) {
    // fully credited (paid without a payment): nothing was paid late
    if (row.status === "paid" && row.paid_on === null) continue;
    const list = byClient.get(row.client_id) ?? [];
    list.push({ due_date: row.due_date, amount_cents: row.amount_cents, paid_on: row.paid_on });
    byClient.set(row.client_id, list);
  }
  const scores = new Map<string, PaymentScore>();
  for (const id of clientIds) {
    scores.set(id, paymentScore(byClient.get(id) ?? [], today, { brokenPromises: broken.get(id) ?? 0 }));
  }
  return scores;
}

export async function scoreOf(
  db: Db,
  orgId: string,
  clientId: string,
  today: PlainDate,
): Promise<PaymentScore> {
  const score = (await scoresOf(db, orgId, [clientId], today)).get(clientId);
  if (!score) throw new Error("unreachable: a score per client asked");
  return score;
}

export function summarizeScore(score: PaymentScore): ScoreSummaryDto {
  return { value: score.value, grade: score.grade };
}
