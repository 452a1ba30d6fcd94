import { matchLine } from "../../core/matching/match-line.js";
import { looseReferencesIn, referencesIn, referenceText } from "../../core/matching/references.js";
import type { BankLine, Candidate, Decision, MatchReason, OpenInvoice } from "../../core/matching/types.js";
import {
  bankTransactions,
  clientNames,
  type OpenInvoiceRow,
  openInvoicesByKeys,
  openInvoicesByTotals,
  openInvoicesOfClients,
  payerAliases,
} from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { isAppError } from "../errors.js";
import { applyBankMatch } from "./apply-bank-match.js";
import { PayerIndex } from "./payer-index.js";

/** Open invoices fetched per amount, and per recognised client, at most. */
const PER_AMOUNT = 20;
const PER_CLIENT = 100;

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

function bankLine(t: BankTransaction): BankLine {
  return {
    id: t.id,
    booking_date: t.booking_date,
    amount_cents: Number(t.amount_cents),
    label: t.label,
    remittance: t.remittance,
    creditor_reference: t.creditor_reference,
    end_to_end_id: t.end_to_end_id,
    counterparty_name: t.counterparty_name,
    counterparty_iban: t.counterparty_iban,
    cheque_number: t.cheque_number,
  };
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
 * Matches bank lines with open invoices (docs/matching.md): the candidates of all the lines are fetched at once
 * through indexed queries — invoices whose number key is named in a line, invoices whose total equals a line's
 * amount, the open invoices of the clients a payer is recognised as (IBAN, learned alias, words of the name through
 * the payer index) —, each line is decided by core/matching (auto, proposed, unmatched, with reasons), lines are
 * taken in date order and an applied match lowers the balances the next lines see. With `apply`, an auto match is
 * recorded at once (applyBankMatch, one transaction per line: a refusal leaves that line proposed), proposals and
 * unmatched lines keep their best candidate and reasons for the reconciliation screen.
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
  const payers = new PayerIndex(await clientNames(ctx.db, org.id), await payerAliases(ctx.db, org.id));

  const perLine = lines.map((t) => {
    const line = bankLine(t);
    const text = referenceText(line);
    return {
      t,
      line,
      keys: referencesIn(text),
      loose: looseReferencesIn(text),
      clients: payers.clientsOf(line),
    };
  });
  const invoices = new Map<string, OpenInvoiceRow>();
  const byKey = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, id: string) =>
    map.set(key, [...(map.get(key) ?? []), id]);
  for (const r of await openInvoicesByKeys(
    ctx.db,
    org.id,
    [...new Set(perLine.flatMap((l) => l.keys))],
    [...new Set(perLine.flatMap((l) => l.loose))],
  )) {
    invoices.set(r.id, r);
    if (r.number_key) push(byKey, `k:${r.number_key}`, r.id);
    if (r.number_loose_key) push(byKey, `l:${r.number_loose_key}`, r.id);
  }
  const byTotal = new Map<number, string[]>();
  for (const r of await openInvoicesByTotals(
    ctx.db,
    org.id,
    [...new Set(perLine.map((l) => l.line.amount_cents))],
    PER_AMOUNT,
  )) {
    invoices.set(r.id, r);
    byTotal.set(r.total_cents, [...(byTotal.get(r.total_cents) ?? []), r.id]);
  }
  const byClient = new Map<string, string[]>();
  for (const r of await openInvoicesOfClients(
    ctx.db,
    org.id,
    [...new Set(perLine.flatMap((l) => l.clients))],
    PER_CLIENT,
  )) {
    invoices.set(r.id, r);
    push(byClient, r.client_id, r.id);
  }

  const ownIbans = org.iban ? [org.iban] : [];
  perLine.sort((a, b) =>
    a.t.booking_date < b.t.booking_date
      ? -1
      : a.t.booking_date > b.t.booking_date
        ? 1
        : a.t.position - b.t.position,
  );
  for (const { t, line, keys, loose, clients } of perLine) {
    const ids = new Set<string>([
      ...keys.flatMap((k) => byKey.get(`k:${k}`) ?? []),
      ...loose.flatMap((k) => byKey.get(`l:${k}`) ?? []),
      ...(byTotal.get(line.amount_cents) ?? []),
      ...clients.flatMap((c) => byClient.get(c) ?? []),
    ]);
    const candidates: OpenInvoice[] = [...ids]
      .map((id) => invoices.get(id) as OpenInvoiceRow)
      .filter((i) => i.balance_cents > 0);
    const hints = [...new Set([...clients, ...candidates.map((i) => i.client_id)])]
      .map((id) => payers.hint(id))
      .filter((h) => h !== undefined);
    const decision = matchLine(line, { invoices: candidates, clients: hints, ownIbans });
    await record(options, t, decision, invoices, report);
  }
  return report;
}

/** Applies an auto match (or leaves it proposed when refused), stores a proposal or the reasons of no match. */
async function record(
  options: { ctx: AppContext; org: Organization; userId: string | null; apply?: boolean },
  t: BankTransaction,
  decision: Decision,
  invoices: Map<string, OpenInvoiceRow>,
  report: MatchReport,
): Promise<void> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  const apply = options.apply !== false;
  const best = decision.best;
  if (decision.kind === "auto" && best) {
    if (!apply) {
      report.auto_matched.push(matched(t, best));
      return;
    }
    try {
      await ctx.db.transaction().execute((trx) =>
        applyBankMatch({
          ctx,
          trx,
          org,
          userId: options.userId,
          line: t,
          allocations: best.invoices,
          score: best.score,
          reasons: best.reasons,
          learnName: false,
          at,
        }),
      );
      for (const a of best.invoices) {
        const inv = invoices.get(a.id);
        if (inv) inv.balance_cents -= a.amount_cents;
      }
      report.auto_matched.push(matched(t, best));
      return;
    } catch (error) {
      if (!isAppError(error)) throw error;
      // an invoice changed meanwhile (paid by another line, cancelled): the user decides
    }
  }
  const state = best && decision.kind !== "unmatched" ? "proposed" : "unmatched";
  if (apply) {
    await ctx.db
      .updateTable("bank_transaction")
      .set({
        match_state: state,
        match_score: best && state === "proposed" ? best.score : null,
        match_reasons: JSON.stringify({
          best: state === "proposed" ? best : null,
          alternatives: decision.alternatives,
          reasons: decision.reasons,
        }),
        updated_at: at,
      })
      .where("organization_id", "=", org.id)
      .where("id", "=", t.id)
      .where("match_state", "in", ["unmatched", "proposed"])
      .execute();
  }
  if (state === "proposed" && best) report.proposed.push(matched(t, best));
  else
    report.unmatched.push({
      id: t.id,
      bank_ref: t.bank_ref,
      amount_cents: Number(t.amount_cents),
      label: t.label,
      reasons: decision.reasons,
    });
}
