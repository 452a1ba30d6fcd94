import { buildClientIndex, type ClientIndex, payerCandidates } from "../../core/matching/client-index.js";
import { payerOf } from "../../core/matching/names.js";
import { compactIban } from "../../core/matching/non-invoice.js";
import { recognisePayer } from "../../core/matching/payer.js";
import type { BankLine, ClientHint } from "../../core/matching/types.js";

/** Recognised payers whose invoices are fetched per line: the best ones, within a few points of the first. */
const TOP_PAYERS = 5;
const WITHIN_POINTS = 5;

/**
 * The clients of an organization as payers (their names, learned aliases and IBANs) in core/matching's client index
 * (by IBAN and by word stems), so that each bank line is compared with the few clients it may come from instead of
 * all of them; of those, the payers recognised best are the ones whose open invoices are fetched.
 */
export class PayerIndex {
  private readonly index: ClientIndex;
  /** Lines of one payer (same IBAN, same payer text) are recognised once: a statement repeats its regular payers. */
  private readonly recognised = new Map<string, string[]>();

  constructor(
    clients: readonly { id: string; name: string }[],
    aliases: readonly { client_id: string; kind: "name" | "iban"; value: string }[],
  ) {
    const hints = new Map<string, ClientHint>();
    for (const c of clients)
      hints.set(c.id, { client_id: c.id, name: c.name, aliases: [], ibans: [], group_id: null });
    for (const a of aliases) {
      const hint = hints.get(a.client_id);
      if (!hint) continue;
      if (a.kind === "iban") hint.ibans.push(a.value);
      else hint.aliases.push(a.value);
    }
    this.index = buildClientIndex([...hints.values()]);
  }

  hint(clientId: string): ClientHint | undefined {
    return this.index.hints.get(clientId);
  }

  /** The clients the line's payer is recognised as (by IBAN, learned alias or name), the best first. */
  clientsOf(line: BankLine): string[] {
    const payer = payerOf(line);
    const key = `${line.counterparty_iban === null ? "" : compactIban(line.counterparty_iban)}\u0000${payer?.loose ? "~" : ""}${payer?.name ?? ""}`;
    let clients = this.recognised.get(key);
    if (clients === undefined) {
      clients = this.rank(line);
      this.recognised.set(key, clients);
    }
    return [...clients];
  }

  private rank(line: BankLine): string[] {
    const ranked = [...recognisePayer(line, payerCandidates(this.index, line)).values()].sort(
      (a, b) => b.points - a.points,
    );
    const top = ranked[0]?.points ?? 0;
    return ranked
      .filter((p) => p.points >= top - WITHIN_POINTS)
      .slice(0, TOP_PAYERS)
      .map((p) => p.client_id);
  }
}
