import { containment, nameTokens, payerOf, tokenListSimilarity } from "./names.js";
import { compactIban } from "./non-invoice.js";
import type { BankLine, ClientHint, MatchReason } from "./types.js";

/** How far the payer of a line was recognised as one client. */
export interface PayerMatch {
  client_id: string;
  /** Points added to the candidates of this client (≤ 45). */
  points: number;
  /** Recognised by IBAN or by a learned alias (not by a resemblance of names, not through its group). */
  strong: boolean;
  /** Recognised by a resemblance of names of at least NAME_SURE, or strongly. */
  sure: boolean;
  reasons: MatchReason[];
}

/** Similarity from which a name counts as a payer_name reason, and from which it is "sure". */
export const NAME_MIN = 0.6;
export const NAME_SURE = 0.85;
/** Similarity from which a learned alias is recognised (aliases are stored as the bank wrote them). */
export const ALIAS_MIN = 0.9;

function maskIban(iban: string): string {
  return `…${iban.slice(-4)}`;
}

interface HintTokens {
  name: string[];
  aliases: string[][];
  ibans: string[];
  /** The first letters of the name's words, and of each alias's, as bit sets (see letterMask). */
  nameMask: number;
  aliasMasks: number[];
}

/**
 * A word's first letter as one bit of 32 (letters and digits may share a bit: a set only ever says "maybe").
 * Two words resemble only when their first letters are equal (names.ts), so the words of a name whose first
 * letter is not among the other name's bound the similarity from above.
 */
const letterBit = (word: string): number => 1 << (word.charCodeAt(0) & 31);

function letterMask(words: string[]): number {
  let mask = 0;
  for (const w of words) mask |= letterBit(w);
  return mask;
}

/** How many of the words may resemble a word of the other name (their first letter is in its mask). */
function possible(words: string[], otherMask: number): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) if ((otherMask & letterBit(words[i] as string)) !== 0) n++;
  return n;
}

/** Tokens and compact IBANs of the hints, computed once per hint object. */
const TOKENS = Symbol("payer tokens");
type CachedHint = ClientHint & { [TOKENS]?: HintTokens };

function tokensOf(client: CachedHint): HintTokens {
  let t = client[TOKENS];
  if (t === undefined) {
    const name = nameTokens(client.name);
    const aliases = client.aliases.map(nameTokens);
    t = {
      name,
      aliases,
      ibans: client.ibans.map(compactIban),
      nameMask: letterMask(name),
      aliasMasks: aliases.map(letterMask),
    };
    // kept on the hint itself, not enumerable (not serialised, not copied by a spread that changes the hint) — a
    // WeakMap lookup per candidate and per line cost more than the comparison it saves
    Object.defineProperty(client, TOKENS, { value: t });
  }
  return t;
}

/** The similarity's upper bound from first letters (see possible), for a name or an alias of the client. */
function bound(name: string[], mask: number, payer: string[], payerMask: number, loose: boolean): number {
  if (name.length === 0) return 0;
  if (loose) return (0.95 * possible(name, payerMask)) / name.length;
  return payer.length === 0
    ? 0
    : (possible(payer, mask) + possible(name, payerMask)) / (payer.length + name.length);
}

/**
 * Whether the name or an alias may reach its threshold, the similarity bounded from above by first letters (see
 * possible): most clients sharing a word with the payer are ruled out without comparing their words one by one.
 */
function mayResemble(tokens: HintTokens, payer: string[], payerMask: number, loose: boolean): boolean {
  if (bound(tokens.name, tokens.nameMask, payer, payerMask, loose) >= NAME_MIN) return true;
  for (let i = 0; i < tokens.aliases.length; i++)
    if (
      bound(tokens.aliases[i] as string[], tokens.aliasMasks[i] as number, payer, payerMask, loose) >=
      ALIAS_MIN
    )
      return true;
  return false;
}

function recogniseOne(
  client: ClientHint,
  iban: string | null,
  payer: string[],
  payerMask: number,
  loose: boolean,
): PayerMatch | null {
  const tokens = tokensOf(client);
  const knownIban = iban !== null && tokens.ibans.length > 0 && tokens.ibans.includes(iban);
  if (!knownIban && !mayResemble(tokens, payer, payerMask, loose)) return null;
  // a loose payer text also holds the motif: how much of the client's name it contains, a little less trusted
  const similar = (name: string[]) =>
    loose ? 0.95 * containment(name, payer) : tokenListSimilarity(payer, name);
  const reasons: MatchReason[] = [];
  let points = 0;
  let strong = false;
  let sure = false;
  if (knownIban) {
    reasons.push({ code: "iban_known", params: { iban: maskIban(iban) } });
    points += 40;
    strong = sure = true;
  }
  const aliasAt = tokens.aliases.findIndex((a) => similar(a) >= ALIAS_MIN);
  const alias = client.aliases[aliasAt];
  if (alias !== undefined) {
    reasons.push({ code: "payer_alias", params: { alias } });
    points += 40;
    strong = sure = true;
  } else {
    const similarity = similar(tokens.name);
    if (similarity >= NAME_MIN) {
      reasons.push({
        code: "payer_name",
        params: { name: client.name, similarity: Math.round(similarity * 100) },
      });
      points += Math.round(20 * similarity);
      sure ||= similarity >= NAME_SURE;
    }
  }
  return reasons.length === 0
    ? null
    : { client_id: client.client_id, points: Math.min(points, 45), strong, sure, reasons };
}

/**
 * The clients the payer of the line is recognised as (IBAN already seen, learned alias, name), then the clients
 * of the same group as a recognised one (a parent company paying for a subsidiary, or the reverse): weaker.
 */
export function recognisePayer(line: BankLine, clients: ClientHint[]): Map<string, PayerMatch> {
  const iban = line.counterparty_iban === null ? null : compactIban(line.counterparty_iban);
  const text = payerOf(line);
  const payer = text === null ? [] : nameTokens(text.name);
  const payerMask = letterMask(payer);
  const found = new Map<string, PayerMatch>();
  for (const client of clients) {
    const match = recogniseOne(client, iban, payer, payerMask, text?.loose === true);
    if (match !== null) found.set(client.client_id, match);
  }
  // an alias is only proof if no other client bears the name as well (two companies may share a name)
  const aliased = [...found.values()].filter((m) => m.reasons.some((r) => r.code === "payer_alias"));
  for (const m of aliased) {
    const rival = [...found.values()].some((o) => o !== m && (o.sure || o.strong));
    if (rival && !m.reasons.some((r) => r.code === "iban_known")) {
      m.strong = false;
      m.points = 20;
    }
  }
  const groups = new Map<string, string>();
  for (const client of clients) {
    const m = found.get(client.client_id);
    if (m?.sure && client.group_id) groups.set(client.group_id, client.name);
  }
  for (const client of clients) {
    const payerName = client.group_id ? groups.get(client.group_id) : undefined;
    if (payerName === undefined || found.has(client.client_id)) continue;
    found.set(client.client_id, {
      client_id: client.client_id,
      points: 10,
      strong: false,
      sure: false,
      reasons: [{ code: "payer_group", params: { payer: payerName } }],
    });
  }
  return found;
}
