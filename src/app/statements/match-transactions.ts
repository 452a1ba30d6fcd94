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

/** Automatic matches recorded per transaction, set-based (record-bank-payments.ts). */
const APPLY_BATCH = 2_000;

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
 * (the default), the automatic matches are recorded as payments, set-based by thousands (record-bank-payments.ts;
 * a line it leaves out — a payment declared on the portal to confirm, an invoice changed meanwhile — goes through
 * applyBankMatch alone, and stays proposed if refused there too), and the
 * proposals and unmatched lines keep their best candidate and reasons for the reconciliation screen.
 */
export async function matchTransactions(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  ids: readonly string[];
  apply?: boolean;
}): Promise<MatchReport> {
  const { ctx, org } = options;
  const report: MatchReport = { auto_matched: [], proposed: [], unmatched: [] };
  const lines = (await bankTransactions(ctx.db, org.id, options.ids)).filter(
    (t) => t.match_state === "unmatched" || t.match_state === "proposed",
  );
  if (lines.length === 0) return report;
  const decided = await decideBankLines(ctx, org, lines);
  if (options.apply === false) {
    for (const d of decided) classify(d, report);
    return report;
  }
  const auto = decided.filter((d) => d.decision.kind === "auto" && d.decision.best);
  const refused = new Set<string>();
  for (let i = 0; i < auto.length; i += APPLY_BATCH) {
    const batch = auto.slice(i, i + APPLY_BATCH);
    const left = await ctx.db.transaction().execute((trx) =>
      recordBankPayments({
        ctx,
        trx,
        org,
        userId: options.userId,
        at: nowIso(ctx),
        payments: batch.map(({ t, decision }) => {
          const best = decision.best as Candidate;
          return { line: t, allocations: best.invoices, score: best.score, reasons: best.reasons };
        }),
      }),
    );
    // through applyBankMatch: a declared payment to confirm (a cheque recorded on receipt, a portal declaration), or
    // an invoice that changed meanwhile — all in one transaction, and one at a time if one of them is refused
    const rest = left.refused.map((id) => batch.find((b) => b.t.id === id) as Decided);
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
          refused.add(d.t.id); // the user decides
        }
      }
    }
  }
  const at = nowIso(ctx);
  const rest = decided.filter((d) => d.decision.kind !== "auto" || !d.decision.best || refused.has(d.t.id));
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rest.length; i += APPLY_BATCH) {
      const rows = rest.slice(i, i + APPLY_BATCH).map(({ t, decision }) => {
        const best = decision.best;
        const state = best && decision.kind !== "unmatched" ? "proposed" : "unmatched";
        const reasons = {
          best: state === "proposed" ? best : null,
          alternatives: decision.alternatives,
          reasons: decision.reasons,
        };
        return [t.id, state, best && state === "proposed" ? best.score : null, JSON.stringify(reasons)];
      });
      // a line the user settled meanwhile (confirmed, ignored) keeps what the user did
      await updateRows(
        trx,
        ctx.dialect,
        "bank_transaction",
        org.id,
        KEEP_COLUMNS(at),
        rows,
        sql`bank_transaction.match_state in ('unmatched', 'proposed')`,
      );
    }
  });
  for (const d of decided) {
    if (refused.has(d.t.id)) classify({ ...d, decision: { ...d.decision, kind: "proposed" } }, report);
    else classify(d, report);
  }
  return report;
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
