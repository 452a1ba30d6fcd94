import { nameTokens, normalizePayerName, payerNameOf } from "../../core/matching/names.js";
import { compactIban } from "../../core/matching/non-invoice.js";
import type { BankLine, ClientHint } from "../../core/matching/types.js";

/** A word shared by more clients than this tells nothing about who paid ("boulangerie", "garage"). */
const COMMON_WORD = 50;
/** Clients looked at per line, at most. */
const MAX_CLIENTS = 20;

/**
 * The clients of an organization as payers: their names, learned aliases and IBANs, indexed by word and by IBAN, so
 * that each bank line is compared with the few clients it may come from instead of all of them.
 */
export class PayerIndex {
  private readonly hints = new Map<string, ClientHint>();
  private readonly byWord = new Map<string, Set<string>>();
  private readonly byIban = new Map<string, Set<string>>();

  constructor(
    clients: readonly { id: string; name: string }[],
    aliases: readonly { client_id: string; kind: "name" | "iban"; value: string }[],
  ) {
    for (const c of clients) {
      this.hints.set(c.id, { client_id: c.id, name: c.name, aliases: [], ibans: [], group_id: null });
      this.indexWords(c.id, c.name);
    }
    for (const a of aliases) {
      const hint = this.hints.get(a.client_id);
      if (!hint) continue;
      if (a.kind === "iban") {
        hint.ibans.push(a.value);
        const set = this.byIban.get(a.value) ?? new Set<string>();
        set.add(a.client_id);
        this.byIban.set(a.value, set);
      } else {
        hint.aliases.push(a.value);
        this.indexWords(a.client_id, a.value);
      }
    }
  }

  private indexWords(clientId: string, name: string): void {
    for (const word of nameTokens(name)) {
      if (word.length < 2) continue;
      const set = this.byWord.get(word) ?? new Set<string>();
      set.add(clientId);
      this.byWord.set(word, set);
    }
  }

  hint(clientId: string): ClientHint | undefined {
    return this.hints.get(clientId);
  }

  /** The clients the line may come from: by the payer's IBAN, then by the rarer words of the payer's name. */
  clientsOf(line: BankLine): string[] {
    const found = new Set<string>();
    if (line.counterparty_iban)
      for (const id of this.byIban.get(compactIban(line.counterparty_iban)) ?? []) found.add(id);
    const payer = payerNameOf(line);
    const words = payer ? normalizePayerName(payer).split(" ") : [];
    const sets = words
      .map((w) => this.byWord.get(w))
      .filter((s): s is Set<string> => s !== undefined && s.size <= COMMON_WORD)
      .sort((a, b) => a.size - b.size);
    for (const set of sets) {
      for (const id of set) {
        if (found.size >= MAX_CLIENTS) break;
        found.add(id);
      }
    }
    return [...found];
  }
}
