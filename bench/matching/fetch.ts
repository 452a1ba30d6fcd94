import { buildClientIndex, payerCandidates } from "../../src/core/matching/client-index.js";
import { recognisePayer } from "../../src/core/matching/payer.js";
import {
  looseNumberKey,
  looseReferencesIn,
  numberKey,
  referencesIn,
  referenceText,
} from "../../src/core/matching/references.js";
import { DEFAULT_THRESHOLDS } from "../../src/core/matching/thresholds.js";
import type {
  BankLine,
  ClientHint,
  DeclaredPayment,
  MatchContext,
  OpenInvoice,
} from "../../src/core/matching/types.js";

/**
 * The candidate fetching of the app layer, simulated in memory with maps keyed as the indexed SQL will be: by
 * number_key and loose key (= the keys found in the text), by balance and total (= the amount, and the fee range
 * above it), by client (the payer recognised through the client index, the clients of referenced invoices and
 * their groups). Each "query" is capped as a LIMIT would cap it.
 */
const LIMIT_BY_AMOUNT = 20;
const LIMIT_BY_CLIENT = 40;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

export function makeFetcher(
  invoices: OpenInvoice[],
  clients: ClientHint[],
  declared: DeclaredPayment[] = [],
) {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const declaredByAmount = new Map<number, DeclaredPayment[]>();
  for (const d of declared) push(declaredByAmount, d.amount_cents, d);
  const byKey = new Map<string, OpenInvoice[]>();
  const byLoose = new Map<string, OpenInvoice[]>();
  const byAmount = new Map<number, OpenInvoice[]>();
  const byClient = new Map<string, OpenInvoice[]>();
  const byClientAmount = new Map<string, OpenInvoice[]>();
  for (const inv of invoices) {
    // the stored, indexed columns
    inv.number_key = numberKey(inv.number);
    inv.loose_key = looseNumberKey(inv.number);
    push(byKey, inv.number_key, inv);
    push(byLoose, inv.loose_key, inv);
    push(byClientAmount, `${inv.client_id}:${inv.balance_cents}`, inv);
    push(byAmount, inv.balance_cents, inv);
    if (inv.total_cents !== inv.balance_cents) push(byAmount, inv.total_cents, inv);
    push(byClient, inv.client_id, inv);
  }
  for (const list of byClient.values()) list.sort((a, b) => (a.due_date < b.due_date ? -1 : 1));
  const balances = [...new Set(invoices.map((i) => i.balance_cents))].sort((a, b) => a - b);
  const index = buildClientIndex(clients);

  const amountRange = (low: number, high: number): OpenInvoice[] => {
    let lo = 0;
    let hi = balances.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((balances[mid] ?? 0) < low) lo = mid + 1;
      else hi = mid;
    }
    const out: OpenInvoice[] = [];
    for (let i = lo; i < balances.length && (balances[i] ?? 0) <= high && out.length < LIMIT_BY_AMOUNT; i++) {
      out.push(...(byAmount.get(balances[i] ?? 0) ?? []));
    }
    return out.slice(0, LIMIT_BY_AMOUNT);
  };

  return (line: BankLine): MatchContext => {
    const text = referenceText(line);
    const found: OpenInvoice[] = [];
    for (const k of referencesIn(text)) found.push(...(byKey.get(k) ?? []));
    for (const k of looseReferencesIn(text)) found.push(...(byLoose.get(k) ?? []));
    found.push(...(byAmount.get(line.amount_cents) ?? []).slice(0, LIMIT_BY_AMOUNT));
    found.push(...amountRange(line.amount_cents + 1, line.amount_cents + DEFAULT_THRESHOLDS.feeMaxCents));
    const hints = payerCandidates(index, line);
    // the best recognised payers only (a name also resembles many others): up to 5, within 5 points of the best
    const ranked = [...recognisePayer(line, hints).values()].sort((a, b) => b.points - a.points);
    const top = ranked[0]?.points ?? 0;
    const payers = new Set(
      ranked
        .filter((p) => p.points >= top - 5)
        .slice(0, 5)
        .map((p) => p.client_id),
    );
    const byText = new Set<string>();
    for (const k of referencesIn(text)) for (const inv of byKey.get(k) ?? []) byText.add(inv.client_id);
    for (const k of looseReferencesIn(text))
      for (const inv of byLoose.get(k) ?? []) byText.add(inv.client_id);
    const wanted = new Set([...payers, ...byText]);
    for (const id of [...wanted]) {
      const group = index.hints.get(id)?.group_id;
      if (group) for (const m of index.byGroup.get(group) ?? []) wanted.add(m);
    }
    for (const id of wanted) {
      found.push(...(byClient.get(id) ?? []).slice(0, LIMIT_BY_CLIENT));
      found.push(...(byClientAmount.get(`${id}:${line.amount_cents}`) ?? []));
    }
    // the payments announced with the line's amount (the partial index of declared payments), and their invoices
    const announced = declaredByAmount.get(line.amount_cents) ?? [];
    for (const d of announced) {
      const inv = byId.get(d.invoice_id);
      if (inv) found.push(inv);
    }
    const clientIds = new Set([...wanted, ...found.map((i) => i.client_id)]);
    return {
      invoices: found,
      clients: [...clientIds].flatMap((id) => index.hints.get(id) ?? []),
      declared: announced,
    };
  };
}
