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
}

/** Tokens and compact IBANs of the hints, computed once per hint object. */
const tokenCache = new WeakMap<ClientHint, HintTokens>();

function tokensOf(client: ClientHint): HintTokens {
  let t = tokenCache.get(client);
  if (t === undefined) {
    t = {
      name: nameTokens(client.name),
      aliases: client.aliases.map(nameTokens),
      ibans: client.ibans.map(compactIban),
    };
    tokenCache.set(client, t);
  }
  return t;
}

function recogniseOne(
  client: ClientHint,
  iban: string | null,
  payer: string[],
  loose: boolean,
): PayerMatch | null {
  const tokens = tokensOf(client);
  // a loose payer text also holds the motif: how much of the client's name it contains, a little less trusted
  const similar = (name: string[]) =>
    loose ? 0.95 * containment(name, payer) : tokenListSimilarity(payer, name);
  const reasons: MatchReason[] = [];
  let points = 0;
  let strong = false;
  let sure = false;
  if (iban !== null && tokens.ibans.includes(iban)) {
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
  const found = new Map<string, PayerMatch>();
  for (const client of clients) {
    const match = recogniseOne(client, iban, payer, text?.loose === true);
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
