import { sql } from "kysely";
import type { Candidate, MatchReason } from "../../core/matching/types.js";
import { type BulkColumn, updateRows } from "../../db/bulk.js";
import { bankTransactions } from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { isAppError } from "../errors.js";
import { applyBankMatch } from "./apply-bank-match.js";
import { type Decided, decideBankLines } from "./decide-bank-lines.js";
import { recordBankPayments } from "./record-bank-payments.js";

/** The columns a proposal or an unmatched line keeps (its state, best candidate's score, reasons), row by row. */
const KEEP_COLUMNS = (at: string): BulkColumn[] => [
  { name: "match_state", type: "text", row: 1 },
  { name: "match_score", type: "int", row: 2 },
  { name: "match_reasons", type: "text", row: 3 },
  { name: "updated_at", type: "text", value: at },
];

export interface MatchedLine {
  id: string;
  bank_ref: string;
  amount_cents: number;
  invoices: string[];
  score: number;
  reasons: MatchReason[];
}

export interface UnmatchedLine {
  id: string;
  bank_ref: string;
  amount_cents: number;
  label: string;
  reasons: MatchReason[];
}

export interface MatchReport {
  auto_matched: MatchedLine[];
  proposed: MatchedLine[];
  unmatched: UnmatchedLine[];
}

const matched = (t: BankTransaction, c: Candidate): MatchedLine => ({
  id: t.id,
  bank_ref: t.bank_ref,
  amount_cents: Number(t.amount_cents),
  invoices: c.invoices.map((i) => i.number),
  score: c.score,
  reasons: c.reasons,
});

/**
 * Matches bank lines with open invoices (docs/matching.md). The candidates of all the lines are fetched at once
 * through indexed queries — invoices whose number key is named in a line, open invoices whose total (or partly paid
 * ones whose balance) equals a line's amount, the open invoices of the clients a payer is recognised as (IBAN,
 * learned alias, words of the name through the payer index) —; each line is decided by core/matching (auto, proposed,
 * unmatched, with reasons) in date order, an automatic match lowering the balances the next lines see. With `apply`
 * (the default), the decisions are settled by batches of a thousand lines while the next lines are decided (on
 * PostgreSQL the database records one batch as Node decides the next): the automatic matches recorded as payments
 * (settleBatch), the proposals and unmatched lines keeping their best candidate and reasons for the reconciliation
 * screen.
 */
export async function matchTransactions(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  ids: readonly string[];
  apply?: boolean;
  /** Lines decided and recorded together (decide-bank-lines.ts LINES_PER_BATCH by default). */
  linesPerBatch?: number;
}): Promise<MatchReport> {
  const { ctx, org } = options;
  const report: MatchReport = { auto_matched: [], proposed: [], unmatched: [] };
  const lines = (await bankTransactions(ctx.db, org.id, options.ids)).filter(
    (t) => t.match_state === "unmatched" || t.match_state === "proposed",
  );
  if (lines.length === 0) return report;
  if (options.apply === false) {
    for (const d of await decideBankLines(ctx, org, lines, { linesPerBatch: options.linesPerBatch }))
      classify(d, report);
    return report;
  }
  // each batch of decisions is recorded while the next lines are decided, one batch after the other
  const refused = new Set<string>();
  let settled: Promise<void> = Promise.resolve();
  const settle = (batch: Decided[]) => {
    settled = settled.then(() => settleBatch(options, batch, refused));
    settled.catch(() => undefined); // awaited below; a failure is thrown there
  };
  let decided: Decided[];
  try {
    decided = await decideBankLines(ctx, org, lines, {
      onDecided: settle,
      linesPerBatch: options.linesPerBatch,
    });
  } finally {
    await settled.catch(() => undefined); // nothing left writing when this returns or throws
  }
  await settled;
  for (const d of decided) {
    if (refused.has(d.t.id)) classify({ ...d, decision: { ...d.decision, kind: "proposed" } }, report);
    else classify(d, report);
  }
  return report;
}

/**
 * Records a batch's automatic matches as payments, set-based (record-bank-payments.ts), and keeps the other lines'
 * decisions (their best candidate and reasons), in one transaction. A line record-bank-payments leaves out — a
 * payment declared on the portal to confirm, an invoice changed meanwhile — goes through applyBankMatch, all in one
 * transaction, and one at a time if one of them is refused (then it stays proposed: the user decides); the other
 * lines' decisions are then kept after them.
 */
async function settleBatch(
  options: { ctx: AppContext; org: Organization; userId: string | null },
  batch: Decided[],
  refused: Set<string>,
): Promise<void> {
  const { ctx, org } = options;
  const auto = batch.filter((d) => d.decision.kind === "auto" && d.decision.best);
  const kept = () =>
    batch.filter((d) => d.decision.kind !== "auto" || !d.decision.best || refused.has(d.t.id));
  const rest = await ctx.db.transaction().execute(async (trx) => {
    const left =
      auto.length === 0
        ? { refused: [] }
        : await recordBankPayments({
            ctx,
            trx,
            org,
            userId: options.userId,
            at: nowIso(ctx),
            payments: auto.map(({ t, decision }) => {
              const best = decision.best as Candidate;
              return { line: t, allocations: best.invoices, score: best.score, reasons: best.reasons };
            }),
          });
    const rest = left.refused.map((id) => auto.find((b) => b.t.id === id) as Decided);
    if (rest.length === 0) await keepDecisions(options, trx, kept());
    return rest;
  });
  if (rest.length === 0) return;
  const together = await ctx.db
    .transaction()
    .execute(async (trx) => {
      for (const d of rest) await applyOne(options, trx, d);
      return true;
    })
    .catch((error: unknown) => {
      if (!isAppError(error)) throw error;
      return false;
    });
  if (!together) {
    for (const d of rest) {
      try {
        await ctx.db.transaction().execute((trx) => applyOne(options, trx, d));
      } catch (error) {
        if (!isAppError(error)) throw error;
        refused.add(d.t.id);
      }
    }
  }
  await ctx.db.transaction().execute((trx) => keepDecisions(options, trx, kept()));
}

/**
 * The proposals and unmatched lines keep their best candidate and reasons; a line the user settled meanwhile
 * (confirmed, ignored) keeps what the user did.
 */
async function keepDecisions(
  options: { ctx: AppContext; org: Organization },
  trx: Parameters<typeof applyBankMatch>[0]["trx"],
  kept: Decided[],
): Promise<void> {
  if (kept.length === 0) return;
  const rows = kept.map(({ t, decision }) => {
    const best = decision.best;
    const state = best && decision.kind !== "unmatched" ? "proposed" : "unmatched";
    const reasons = {
      best: state === "proposed" ? best : null,
      alternatives: decision.alternatives,
      reasons: decision.reasons,
    };
    return [t.id, state, best && state === "proposed" ? best.score : null, JSON.stringify(reasons)];
  });
  await updateRows(
    trx,
    options.ctx.dialect,
    "bank_transaction",
    options.org.id,
    KEEP_COLUMNS(nowIso(options.ctx)),
    rows,
    sql`bank_transaction.match_state in ('unmatched', 'proposed')`,
  );
}

function applyOne(
  options: { ctx: AppContext; org: Organization; userId: string | null },
  trx: Parameters<typeof applyBankMatch>[0]["trx"],
  { t, decision }: Decided,
) {
  const best = decision.best as Candidate;
  return applyBankMatch({
    ctx: options.ctx,
    trx,
    org: options.org,
    userId: options.userId,
    line: t,
    allocations: best.invoices,
    score: best.score,
    reasons: best.reasons,
    learnName: false,
    at: nowIso(options.ctx),
  });
}

function classify({ t, decision }: Decided, report: MatchReport): void {
  const best = decision.best;
  if (decision.kind === "auto" && best) report.auto_matched.push(matched(t, best));
  else if (decision.kind === "proposed" && best) report.proposed.push(matched(t, best));
  else
    report.unmatched.push({
      id: t.id,
      bank_ref: t.bank_ref,
      amount_cents: Number(t.amount_cents),
      label: t.label,
      reasons: decision.reasons,
    });
}
