import { nameTokens, payerNameOf } from "./names.js";
import { compactIban } from "./non-invoice.js";
import type { BankLine, ClientHint } from "./types.js";

/**
 * Finds the clients a payer may be, without comparing the name with every client: by IBAN, and by the first
 * four letters of the words of the client's name and aliases, alone and in pairs (banks truncate names; a common
 * word alone says nothing, two of them together do). Built once per statement
 * by the app layer from the organization's client hints; match-line then scores the resemblance.
 */
export interface ClientIndex {
  hints: Map<string, ClientHint>;
  byIban: Map<string, string[]>;
  byStem: Map<string, string[]>;
  byGroup: Map<string, string[]>;
}

/** Words shared by more clients than this say nothing about the payer (BOULANGERIE, CONSEIL…). */
const COMMON = 200;

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** The first four letters of each word, and each pair of them ("gaut|stud"): pairs stay selective when words are common. */
function stems(name: string): string[] {
  const single = [
    ...new Set(
      nameTokens(name)
        .filter((w) => w.length >= 3)
        .map((w) => w.slice(0, 4)),
    ),
  ].sort();
  const pairs = single.flatMap((a, i) => single.slice(i + 1).map((b) => `${a}|${b}`));
  return [...single, ...pairs];
}

export function buildClientIndex(clients: ClientHint[]): ClientIndex {
  const index: ClientIndex = { hints: new Map(), byIban: new Map(), byStem: new Map(), byGroup: new Map() };
  for (const c of clients) {
    index.hints.set(c.client_id, c);
    for (const iban of c.ibans) push(index.byIban, compactIban(iban), c.client_id);
    for (const stem of new Set([c.name, ...c.aliases].flatMap(stems))) push(index.byStem, stem, c.client_id);
    if (c.group_id) push(index.byGroup, c.group_id, c.client_id);
  }
  return index;
}

/** The clients the line's payer may be (by IBAN, by name words), and the other members of their groups. */
export function payerCandidates(index: ClientIndex, line: BankLine): ClientHint[] {
  const ids = new Set<string>();
  if (line.counterparty_iban !== null) {
    for (const id of index.byIban.get(compactIban(line.counterparty_iban)) ?? []) ids.add(id);
  }
  const name = payerNameOf(line);
  for (const stem of name === null ? [] : stems(name)) {
    const list = index.byStem.get(stem) ?? [];
    if (list.length <= COMMON) for (const id of list) ids.add(id);
  }
  for (const id of [...ids]) {
    const group = index.hints.get(id)?.group_id;
    if (group) for (const member of index.byGroup.get(group) ?? []) ids.add(member);
  }
  return [...ids].flatMap((id) => index.hints.get(id) ?? []);
}
