import { declaredPaymentFor } from "./declared.js";
import { groupedPayments } from "./grouped.js";
import type { PayerMatch } from "./payer.js";
import { looseNumberKey, numberKey, type ReferenceToken } from "./references.js";
import { isFeeShortfall, type MatchThresholds } from "./thresholds.js";
import type { BankLine, Candidate, DeclaredPayment, MatchReason, OpenInvoice } from "./types.js";

/** What a line says about invoice numbers: the exact and loose keys and the tokens (for fuzzy comparison). */
export interface LineReferences {
  exact: Set<string>;
  loose: Set<string>;
  tokens: ReferenceToken[];
  /** Each token's digit groups without their leading zeros (computed once per line, compared per invoice). */
  stripped: string[][];
}

/** The line references of a text's tokens (see LineReferences). */
export function strippedGroups(tokens: ReferenceToken[]): string[][] {
  return tokens.map((token) => token.groups.map((g) => g.replace(/^0+(?=\d)/, "")));
}

/** A candidate and what the decision needs to know beyond its score. */
export interface Scored {
  candidate: Candidate;
  /** Unambiguous by its own evidence (match-line.ts says when). */
  autoEligible: boolean;
  /** The amount equals the balance, or the sum of the balances (possibly short by fees). */
  amountFits: boolean;
  /** The amount equals the balance or the sum exactly (no fees). */
  exactAmount: boolean;
  referenced: boolean;
  client_id: string;
  /** Days between the booking date and the (first) due date: breaks ties, payers pay around the due date. */
  distance: number;
}

export interface CandidateInput {
  line: BankLine;
  refs: LineReferences;
  payers: Map<string, PayerMatch>;
  /** A client the payer was surely recognised as (to flag a payment of another client's invoice). */
  surePayer: { client_id: string; name: string } | null;
  /** Payments declared and awaiting their money (a cheque recorded on receipt, a portal declaration). */
  declared: readonly DeclaredPayment[];
  t: MatchThresholds;
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** Digit groups of number keys ("2025-42" → ["2025", "42"]): a key is compared with every line it may be named in. */
const GROUPS = new Map<string, string[]>();
const GROUPS_KEPT = 200_000;

function groupsOf(key: string): string[] {
  let groups = GROUPS.get(key);
  if (groups === undefined) {
    if (GROUPS.size >= GROUPS_KEPT) GROUPS.clear();
    groups = key.split("-");
    GROUPS.set(key, groups);
  }
  return groups;
}

/** A token near the invoice's key: one digit group one edit apart, or the sequence number without its year. */
function fuzzyToken(key: string, refs: LineReferences): string | null {
  const { tokens } = refs;
  if (tokens.length === 0) return null;
  const groups = groupsOf(key);
  if (key.length - (groups.length - 1) < 4) return null;
  // loops without allocation: this runs for every candidate invoice of every line
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as ReferenceToken;
    const found = refs.stripped[t] as string[];
    if (found.length === groups.length) {
      let differing = -1;
      let count = 0;
      for (let i = 0; i < found.length && count < 2; i++)
        if (found[i] !== groups[i]) {
          count++;
          differing = i;
        }
      if (count === 1 && oneEditApart(found[differing] as string, groups[differing] as string))
        return token.groups.join("-");
    } else if (
      token.prefixed &&
      found.length === 1 &&
      groups.length >= 2 &&
      found[0] === groups[groups.length - 1]
    ) {
      if ((found[0] ?? "").length >= 2) return token.groups.join("-");
    }
  }
  return null;
}

/** How the line names the invoice: exactly (possibly without separators), approximately, or not. */
export function referenceOf(inv: OpenInvoice, refs: LineReferences): MatchReason | null {
  const key = inv.number_key ?? numberKey(inv.number);
  if (refs.exact.has(key) || refs.loose.has(inv.loose_key ?? looseNumberKey(inv.number))) {
    return { code: "number_in_text", params: { number: inv.number } };
  }
  const found = fuzzyToken(key, refs);
  return found === null ? null : { code: "number_fuzzy", params: { number: inv.number, found } };
}

function payerReasons(client_id: string, input: CandidateInput): { points: number; reasons: MatchReason[] } {
  const payer = input.payers.get(client_id);
  if (payer !== undefined) return { points: payer.points, reasons: payer.reasons };
  const other = input.surePayer;
  if (other === null || other.client_id === client_id) return { points: 0, reasons: [] };
  return { points: -5, reasons: [{ code: "payer_other_client", params: { payer: other.name } }] };
}

function beforeIssue(line: BankLine, invoices: OpenInvoice[]): MatchReason | null {
  const late = invoices.find((i) => line.booking_date < i.issue_date);
  return late === undefined
    ? null
    : { code: "before_issue", params: { number: late.number, issue_date: late.issue_date } };
}

function dayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  // days from civil (proleptic Gregorian), as in H. Hinnant's algorithm
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

function distance(line: BankLine, inv: OpenInvoice): number {
  return Math.abs(dayNumber(line.booking_date) - dayNumber(inv.due_date));
}

function clamp(score: number): number {
  return Math.max(0, Math.min(100, score));
}

/**
 * An announced payment is taken without asking when the line is what was announced: a cheque remittance for a
 * cheque recorded on receipt, or a line whose payer is recognised as the invoice's client for a portal declaration.
 */
function announcedBy(reason: MatchReason, inv: OpenInvoice, input: CandidateInput): boolean {
  return reason.params.method === "cheque" || input.payers.has(inv.client_id);
}

/** The candidate of one invoice, or null when neither its number nor its amount points at it. */
export function singleCandidate(inv: OpenInvoice, input: CandidateInput): Scored | null {
  const { line, t } = input;
  const a = line.amount_cents;
  const ref = referenceOf(inv, input.refs);
  const reasons: MatchReason[] = ref === null ? [] : [ref];
  let points = ref === null ? 0 : ref.code === "number_in_text" ? 50 : 30;
  let allocated = a;
  let amountFits = true;
  let exactAmount = true;
  if (a === inv.balance_cents) {
    reasons.push({ code: "amount_equals_balance", params: { amount: a } });
    points += 40;
  } else if (isFeeShortfall(a, inv.balance_cents, t)) {
    if (ref === null && !input.payers.has(inv.client_id)) return null; // fees alone say nothing
    exactAmount = false;
    reasons.push({
      code: "amount_fees",
      params: { shortfall: inv.balance_cents - a, balance: inv.balance_cents },
    });
    points += 40;
  } else if (a === inv.total_cents && inv.balance_cents < a) {
    reasons.push({
      code: "amount_equals_total",
      params: { total: inv.total_cents, balance: inv.balance_cents },
    });
    reasons.push({ code: "overpayment", params: { excess: a - inv.balance_cents } });
    points += 25;
    allocated = inv.balance_cents;
    amountFits = false;
  } else {
    amountFits = false;
    const strong = input.payers.get(inv.client_id)?.strong === true;
    if (ref === null && !strong) return null;
    if (a < inv.balance_cents) {
      const code = ref === null ? "partial_payment" : "partial_with_reference";
      reasons.push({ code, params: { paid: a, balance: inv.balance_cents } });
      points += ref === null ? 0 : 15;
    } else {
      reasons.push({ code: "overpayment", params: { excess: a - inv.balance_cents } });
      points -= 10;
      allocated = inv.balance_cents;
    }
  }
  const payer = payerReasons(inv.client_id, input);
  reasons.push(...payer.reasons);
  points += payer.points;
  // a payment announced for this invoice and this amount (a cheque received, a portal declaration): +40, +50 when
  // it is the only announced payment the line can be
  const declared = declaredPaymentFor(inv, line, input.declared);
  if (declared !== null) {
    reasons.push(declared.reason);
    points += declared.only ? 50 : 40;
  }
  const early = beforeIssue(line, [inv]);
  if (early !== null) {
    reasons.push(early);
    points -= 40;
  }
  const exactRef = ref?.code === "number_in_text";
  const fits = amountFits && a <= inv.balance_cents;
  // a payer recognised as another client, or only through its group, is confirmed by the user once (an alias)
  const clean =
    early === null && !payer.reasons.some((r) => r.code === "payer_other_client" || r.code === "payer_group");
  const strongPayer = input.payers.get(inv.client_id)?.strong === true;
  return {
    candidate: {
      invoices: [{ id: inv.id, number: inv.number, amount_cents: allocated }],
      score: clamp(points),
      reasons,
    },
    autoEligible:
      clean &&
      fits &&
      (exactRef ||
        (ref === null && strongPayer && exactAmount) ||
        (declared?.only === true &&
          declared.recent &&
          exactAmount &&
          announcedBy(declared.reason, inv, input))),
    amountFits: fits,
    exactAmount: fits && exactAmount,
    referenced: ref !== null,
    client_id: inv.client_id,
    distance: distance(line, inv),
  };
}

/** The candidates of grouped payments over one client's open invoices. */
export function groupedCandidates(
  client_id: string,
  invoices: OpenInvoice[],
  input: CandidateInput,
): Scored[] {
  const { line, t } = input;
  const named = invoices.filter((inv) => referenceOf(inv, input.refs) !== null);
  return groupedPayments(invoices, line.amount_cents, t, named, line.booking_date).map((hit) => {
    const byDue = [...hit.invoices].sort((x, y) =>
      x.due_date < y.due_date ? -1 : x.due_date > y.due_date ? 1 : 0,
    );
    const shortfall = hit.sum - line.amount_cents;
    const refs = byDue.map((inv) => referenceOf(inv, input.refs));
    const exact = refs.filter((r) => r?.code === "number_in_text").length;
    const reasons: MatchReason[] = refs.filter((r): r is MatchReason => r !== null);
    reasons.push({ code: "amount_sum_of_invoices", params: { count: byDue.length, amount: hit.sum } });
    let points = shortfall === 0 ? 35 : 30;
    if (shortfall > 0) reasons.push({ code: "amount_fees", params: { shortfall, balance: hit.sum } });
    points += exact === byDue.length ? 55 : exact > 0 ? 25 : refs.some((r) => r !== null) ? 15 : 0;
    const payer = payerReasons(client_id, input);
    reasons.push(...payer.reasons);
    points += payer.points;
    const early = beforeIssue(line, byDue);
    if (early !== null) {
      reasons.push(early);
      points -= 40;
    }
    // what was received pays the oldest first; the shortfall is left on the latest ones
    let missing = shortfall;
    const invoicesOut = byDue
      .map((inv) => inv)
      .reverse()
      .map((inv) => {
        const cut = Math.min(missing, inv.balance_cents);
        missing -= cut;
        return { id: inv.id, number: inv.number, amount_cents: inv.balance_cents - cut };
      })
      .reverse();
    return {
      candidate: { invoices: invoicesOut, score: clamp(points), reasons },
      autoEligible:
        exact === byDue.length &&
        early === null &&
        !payer.reasons.some((r) => r.code === "payer_other_client" || r.code === "payer_group"),
      amountFits: true,
      exactAmount: shortfall === 0,
      referenced: exact > 0,
      client_id,
      distance: byDue[0] === undefined ? 0 : distance(line, byDue[0]),
    };
  });
}
