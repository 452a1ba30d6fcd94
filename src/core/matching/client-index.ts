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
  /** The same by position in `list` (what payerCandidates walks: no string set per line). */
  list: ClientHint[];
  slots: Map<string, number>;
  stemSlots: Map<string, number[]>;
  /** Per position, the last search that took it (payerCandidates takes each client once per line). */
  taken: Int32Array;
  search: number;
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
  const index: ClientIndex = {
    hints: new Map(),
    byIban: new Map(),
    byStem: new Map(),
    byGroup: new Map(),
    list: [],
    slots: new Map(),
    stemSlots: new Map(),
    taken: new Int32Array(0),
    search: 0,
  };
  for (const c of clients) {
    const slot = index.slots.get(c.client_id);
    if (slot === undefined) {
      index.slots.set(c.client_id, index.list.length);
      index.list.push(c);
    } else index.list[slot] = c;
    index.hints.set(c.client_id, c);
    for (const iban of c.ibans) push(index.byIban, compactIban(iban), c.client_id);
    for (const stem of new Set([c.name, ...c.aliases].flatMap(stems))) push(index.byStem, stem, c.client_id);
    if (c.group_id) push(index.byGroup, c.group_id, c.client_id);
  }
  for (const [stem, ids] of index.byStem)
    index.stemSlots.set(
      stem,
      ids.map((id) => index.slots.get(id) as number),
    );
  index.taken = new Int32Array(index.list.length);
  return index;
}

/** The clients the line's payer may be (by IBAN, by name words), and the other members of their groups. */
export function payerCandidates(index: ClientIndex, line: BankLine): ClientHint[] {
  const search = ++index.search;
  const found: number[] = [];
  const take = (slot: number | undefined) => {
    if (slot === undefined || index.taken[slot] === search) return;
    index.taken[slot] = search;
    found.push(slot);
  };
  if (line.counterparty_iban !== null) {
    for (const id of index.byIban.get(compactIban(line.counterparty_iban)) ?? []) take(index.slots.get(id));
  }
  const name = payerNameOf(line);
  for (const stem of name === null ? [] : stems(name)) {
    const slots = index.stemSlots.get(stem);
    if (slots !== undefined && slots.length <= COMMON) for (const slot of slots) take(slot);
  }
  const direct = found.length;
  for (let k = 0; k < direct; k++) {
    const group = index.list[found[k] as number]?.group_id;
    if (group) for (const member of index.byGroup.get(group) ?? []) take(index.slots.get(member));
  }
  return found.map((slot) => index.list[slot] as ClientHint);
}
