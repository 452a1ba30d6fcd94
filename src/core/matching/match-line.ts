import {
  groupedCandidates,
  type LineReferences,
  type Scored,
  singleCandidate,
  strippedGroups,
} from "./candidates.js";
import { payerNameOf } from "./names.js";
import { compactIban, nonInvoiceKind } from "./non-invoice.js";
import { type PayerMatch, recognisePayer } from "./payer.js";
import { looseReferencesIn, referencesIn, referenceText, referenceTokens } from "./references.js";
import { DEFAULT_THRESHOLDS, type MatchThresholds } from "./thresholds.js";
import type { BankLine, Decision, MatchContext, MatchReason, OpenInvoice } from "./types.js";

/** How many weaker candidates a decision carries as alternatives. */
const ALTERNATIVES = 4;

function lineReferences(line: BankLine): LineReferences {
  const text = referenceText(line);
  const tokens = referenceTokens(text);
  return {
    exact: new Set(referencesIn(text)),
    loose: new Set(looseReferencesIn(text)),
    tokens,
    stripped: strippedGroups(tokens),
  };
}

function dedupe(invoices: OpenInvoice[]): OpenInvoice[] {
  return [...new Map(invoices.map((i) => [i.id, i])).values()];
}

/**
 * amount_unique: +15 to the only candidate whose amount fits (equal; short by fees when none is equal), or +10
 * to the only one that fits among the candidates of a client the payer was recognised as.
 */
function markUnique(scored: Scored[], payers: Map<string, PayerMatch>): void {
  const exact = scored.filter((s) => s.exactAmount);
  const fitting = exact.length > 0 ? exact : scored.filter((s) => s.amountFits);
  for (const s of fitting) {
    const all = fitting.length === 1;
    if (!all && (!payers.has(s.client_id) || fitting.some((o) => o !== s && o.client_id === s.client_id)))
      continue;
    s.candidate.reasons.push({ code: "amount_unique", params: { among: all ? "all" : "client" } });
    s.candidate.score = Math.min(100, s.candidate.score + (all ? 15 : 10));
  }
}

/**
 * A payer-based auto match needs its invoice to be the only fitting one of that client, and no invoice number in
 * the text (a number naming no candidate may be an invoice already paid, or another client's).
 */
function payerAutoStillUnique(best: Scored, scored: Scored[], refs: LineReferences): boolean {
  if (best.referenced) return true;
  if (refs.exact.size > 0) return false;
  return !scored.some(
    (s) => s !== best && (s.referenced || (s.client_id === best.client_id && s.amountFits)),
  );
}

/**
 * The decision for one credit line of a bank statement, from the candidates the app fetched (docs/matching.md):
 * auto only when the best candidate is unambiguous — its invoices all named exactly in the text and the amount
 * equal to their balance (or short by fees), or the payer recognised by IBAN or a learned alias and the amount
 * equal to the balance of the only such invoice of that client — scores at least `auto` and no other candidate
 * comes within `margin`; proposed from `proposed`; unmatched otherwise, and for credits that are not invoice
 * payments (tax refunds, own transfers, interest…) when nothing names an invoice.
 */
export function matchLine(
  line: BankLine,
  ctx: MatchContext,
  options: Partial<MatchThresholds> = {},
): Decision {
  const t = { ...DEFAULT_THRESHOLDS, ...options };
  if (
    line.counterparty_iban !== null &&
    ctx.ownIbans?.some((i) => compactIban(i) === compactIban(line.counterparty_iban ?? ""))
  ) {
    return { kind: "unmatched", alternatives: [], reasons: [{ code: "own_transfer", params: {} }] };
  }
  const refs = lineReferences(line);
  const payers = recognisePayer(line, ctx.clients);
  const sure = [...payers.values()].filter((p) => p.sure).sort((a, b) => b.points - a.points)[0];
  const surePayer =
    sure === undefined ? null : { client_id: sure.client_id, name: payerNameOf(line) ?? sure.client_id };
  const input = { line, refs, payers, surePayer, declared: ctx.declared ?? [], t };
  const invoices = dedupe(ctx.invoices);
  const scored: Scored[] = [];
  for (const inv of invoices) {
    const s = singleCandidate(inv, input);
    if (s !== null) scored.push(s);
  }
  const byClient = new Map<string, OpenInvoice[]>();
  for (const inv of invoices) {
    const own = byClient.get(inv.client_id);
    if (own === undefined) byClient.set(inv.client_id, [inv]);
    else own.push(inv);
  }
  const referencedClients = new Set(scored.filter((s) => s.referenced).map((s) => s.client_id));
  for (const [client_id, own] of byClient) {
    if (payers.has(client_id) || referencedClients.has(client_id))
      scored.push(...groupedCandidates(client_id, own, input));
  }
  markUnique(scored, payers);
  scored.sort((a, b) => b.candidate.score - a.candidate.score || a.distance - b.distance);

  const nonInvoice = nonInvoiceKind(`${line.label} ${line.remittance} ${payerNameOf(line) ?? ""}`);
  const named = scored.some(
    (s) => s.referenced && s.candidate.reasons.some((r) => r.code === "number_in_text"),
  );
  const strongPayer = [...payers.values()].some((p) => p.strong);
  if (nonInvoice !== null && !named && !strongPayer) {
    return {
      kind: "unmatched",
      alternatives: scored.slice(0, ALTERNATIVES).map((s) => s.candidate),
      reasons: [{ code: "non_invoice_credit", params: { kind: nonInvoice } }],
    };
  }
  const [best, second] = scored;
  if (best === undefined)
    return { kind: "unmatched", alternatives: [], reasons: [{ code: "no_candidate", params: {} }] };
  const alternatives = scored.slice(1, 1 + ALTERNATIVES).map((s) => s.candidate);
  const reasons: MatchReason[] = [];
  const close = second !== undefined && second.candidate.score > best.candidate.score - t.margin;
  if (close)
    reasons.push({
      code: "ambiguous",
      params: { count: scored.filter((s) => s.candidate.score > best.candidate.score - t.margin).length },
    });
  const score = best.candidate.score;
  if (score >= t.auto && best.autoEligible && !close && payerAutoStillUnique(best, scored, refs)) {
    return { kind: "auto", best: best.candidate, alternatives, reasons };
  }
  if (score >= t.proposed) return { kind: "proposed", best: best.candidate, alternatives, reasons };
  reasons.push({ code: "below_threshold", params: { score, threshold: t.proposed } });
  return { kind: "unmatched", alternatives: scored.slice(0, ALTERNATIVES).map((s) => s.candidate), reasons };
}
