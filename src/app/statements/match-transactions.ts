import { sql } from "kysely";
import { matchLine } from "../../core/matching/match-line.js";
import { looseReferencesIn, referencesIn, referenceText } from "../../core/matching/references.js";
import type { BankLine, Candidate, Decision, MatchReason, OpenInvoice } from "../../core/matching/types.js";
import { type BulkColumn, updateRows } from "../../db/bulk.js";
import {
  bankTransactions,
  clientNames,
  type OpenInvoiceRow,
  openInvoicesByKeys,
  openInvoicesByTotals,
  openInvoicesOfClients,
  partlyPaidByBalances,
  payerAliases,
} from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { isAppError } from "../errors.js";
import { applyBankMatch } from "./apply-bank-match.js";
import { PayerIndex } from "./payer-index.js";
import { recordBankPayments } from "./record-bank-payments.js";

/** The columns a proposal or an unmatched line keeps (its state, best candidate's score, reasons), row by row. */
const KEEP_COLUMNS = (at: string): BulkColumn[] => [
  { name: "match_state", type: "text", row: 1 },
  { name: "match_score", type: "int", row: 2 },
  { name: "match_reasons", type: "text", row: 3 },
  { name: "updated_at", type: "text", value: at },
];

/** Open invoices fetched per amount, and per recognised client, at most. */
const PER_AMOUNT = 20;
const PER_CLIENT = 100;
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

interface Decided {
  t: BankTransaction;
  decision: Decision;
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

function add(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

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
  const decided = await decide(ctx, org, lines);
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
    // one at a time: a payment declared on the portal to confirm, or an invoice that changed meanwhile
    for (const id of left.refused) {
      const d = batch.find((b) => b.t.id === id) as Decided;
      try {
        await ctx.db.transaction().execute((trx) => applyOne(options, trx, d));
      } catch (error) {
        if (!isAppError(error)) throw error;
        refused.add(id); // the user decides
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

/** Every line's decision, with the candidates fetched once for all of them. */
async function decide(ctx: AppContext, org: Organization, lines: BankTransaction[]): Promise<Decided[]> {
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
  const invoices = new Map<
    string,
    OpenInvoiceRow & { number_key: string | null; number_loose_key: string | null }
  >();
  const byKey = new Map<string, string[]>();
  const byAmount = new Map<string, string[]>();
  const byClient = new Map<string, string[]>();
  const keep = (r: OpenInvoiceRow & { number_key?: string | null; number_loose_key?: string | null }) => {
    if (!invoices.has(r.id)) invoices.set(r.id, { number_key: null, number_loose_key: null, ...r });
  };
  for (const r of await openInvoicesByKeys(
    ctx.db,
    org.id,
    [...new Set(perLine.flatMap((l) => l.keys))],
    [...new Set(perLine.flatMap((l) => l.loose))],
  )) {
    keep(r);
    if (r.number_key) add(byKey, `k:${r.number_key}`, r.id);
    if (r.number_loose_key) add(byKey, `l:${r.number_loose_key}`, r.id);
  }
  const amounts = [...new Set(perLine.map((l) => l.line.amount_cents))];
  for (const r of await openInvoicesByTotals(ctx.db, org.id, amounts, PER_AMOUNT)) {
    keep(r);
    add(byAmount, String(r.total_cents), r.id);
  }
  for (const r of await partlyPaidByBalances(ctx.db, org.id, amounts, PER_AMOUNT)) {
    keep(r);
    add(byAmount, String(r.balance_cents), r.id);
  }
  // a line naming one invoice of a client may pay several of them (a grouped payment): that client's invoices too
  for (const l of perLine) {
    for (const k of l.keys)
      for (const id of byKey.get(`k:${k}`) ?? [])
        l.clients.push((invoices.get(id) as OpenInvoiceRow).client_id);
    for (const k of l.loose)
      for (const id of byKey.get(`l:${k}`) ?? [])
        l.clients.push((invoices.get(id) as OpenInvoiceRow).client_id);
    l.clients = [...new Set(l.clients)];
  }
  for (const r of await openInvoicesOfClients(
    ctx.db,
    org.id,
    [...new Set(perLine.flatMap((l) => l.clients))],
    PER_CLIENT,
  )) {
    keep(r);
    add(byClient, r.client_id, r.id);
  }

  const ownIbans = org.iban ? [org.iban] : [];
  perLine.sort((a, b) =>
    a.t.booking_date < b.t.booking_date
      ? -1
      : a.t.booking_date > b.t.booking_date
        ? 1
        : a.t.position - b.t.position,
  );
  const out: Decided[] = [];
  for (const { t, line, keys, loose, clients } of perLine) {
    const ids = new Set<string>([
      ...keys.flatMap((k) => byKey.get(`k:${k}`) ?? []),
      ...loose.flatMap((k) => byKey.get(`l:${k}`) ?? []),
      ...(byAmount.get(String(line.amount_cents)) ?? []),
      ...clients.flatMap((c) => byClient.get(c) ?? []),
    ]);
    const candidates: OpenInvoice[] = [];
    for (const id of ids) {
      const i = invoices.get(id);
      if (!i || i.balance_cents <= 0) continue;
      candidates.push({
        id: i.id,
        number: i.number,
        client_id: i.client_id,
        issue_date: i.issue_date,
        due_date: i.due_date,
        total_cents: i.total_cents,
        balance_cents: i.balance_cents,
        kind: i.kind,
        ...(i.number_key ? { number_key: i.number_key } : {}),
        ...(i.number_loose_key ? { loose_key: i.number_loose_key } : {}),
      });
    }
    const hints = [...new Set([...clients, ...candidates.map((i) => i.client_id)])]
      .map((id) => payers.hint(id))
      .filter((h) => h !== undefined);
    const decision = matchLine(line, { invoices: candidates, clients: hints, ownIbans });
    if (decision.kind === "auto" && decision.best) {
      // the next lines see what this one pays
      for (const a of decision.best.invoices) {
        const inv = invoices.get(a.id);
        if (inv) inv.balance_cents -= a.amount_cents;
      }
    }
    out.push({ t, decision });
  }
  return out;
}
