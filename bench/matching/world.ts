import type { ClientHint, OpenInvoice } from "../../src/core/matching/types.js";
import { bankName, clientName, PLACES, SURNAMES } from "./names.js";
import { Prng } from "./prng.js";

/** The synthetic ledger: clients (some in groups), open invoices, and invoices already paid (for traps). */
export interface SynthClient {
  hint: ClientHint;
  person: boolean;
  /** The accounts the client pays from; the hint knows some of them. */
  accounts: string[];
  /** How its bank writes its name, when an alias was learned from it. */
  bankAlias: string | null;
  parent: string | null;
}

export interface World {
  clients: SynthClient[];
  open: OpenInvoice[];
  closed: OpenInvoice[];
}

const DAY0 = Date.UTC(2025, 0, 1);

export function isoDay(n: number): string {
  return new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
}

function iban(r: Prng): string {
  let digits = "";
  for (let i = 0; i < 23; i++) digits += String(r.int(0, 9));
  return `FR76${digits}`;
}

function makeClients(r: Prng, count: number): SynthClient[] {
  const clients: SynthClient[] = [];
  let groups = 0;
  while (clients.length < count) {
    const id = `c${clients.length}`;
    if (r.chance(0.03)) {
      // a parent company and two or three subsidiaries
      const sur = r.pick(SURNAMES);
      const group = `g${groups++}`;
      const known = r.chance(0.7);
      const parentName = r.chance(0.5) ? `${sur} HOLDING SAS` : `GROUPE ${sur}`;
      clients.push(client(r, id, parentName, false, known ? group : null, null));
      for (let k = r.int(2, 3); k > 0; k--) {
        const sub = `${sur} ${r.pick(PLACES)} SARL`;
        clients.push(client(r, `c${clients.length}`, sub, false, known ? group : null, id));
      }
      continue;
    }
    const { name, person } = clientName(r);
    clients.push(client(r, id, name, person, null, null));
  }
  return clients.slice(0, count);
}

function client(
  r: Prng,
  id: string,
  name: string,
  person: boolean,
  group: string | null,
  parent: string | null,
) {
  const accounts = [iban(r), ...(r.chance(0.3) ? [iban(r)] : [])];
  const bankAlias = r.chance(0.15) ? bankName(name, person, r) : null;
  const hint: ClientHint = {
    client_id: id,
    name,
    aliases: bankAlias === null ? [] : [bankAlias],
    ibans: r.chance(0.5) ? [accounts[0] ?? ""] : [],
    group_id: group,
  };
  return { hint, person, accounts, bankAlias, parent };
}

function amount(r: Prng): number {
  if (r.chance(0.35)) return r.int(2, 100) * 5000; // round amounts: 100 € to 5,000 €, they collide
  if (r.chance(0.2)) return r.int(1, 20) * 45_000; // days × a daily rate
  return r.int(5_000, 1_500_000);
}

export function makeWorld(seed: number, clientCount: number, openCount: number): World {
  const r = new Prng(seed);
  const clients = makeClients(r, clientCount);
  const all: OpenInvoice[] = [];
  const total = Math.round(openCount * 1.3);
  const seq = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const day = Math.floor((i / total) * 700);
    const issue = isoDay(day);
    const deposit = r.chance(0.05);
    const year = issue.slice(0, 4);
    const prefix = deposit ? "AC" : "F";
    const n = (seq.get(prefix + year) ?? 0) + 1;
    seq.set(prefix + year, n);
    const c = clients[Math.floor(clients.length * r.next() ** 1.6)] ?? clients[0];
    const t = amount(r);
    all.push({
      id: `i${i}`,
      number: `${prefix}${year}-${String(n).padStart(5, "0")}`,
      client_id: c?.hint.client_id ?? "c0",
      issue_date: issue,
      due_date: isoDay(day + r.pick([0, 30, 30, 45, 60])),
      total_cents: t,
      balance_cents: r.chance(0.12) ? t - Math.round(t * (0.2 + 0.5 * r.next())) : t,
      kind: deposit ? "deposit" : "invoice",
    });
  }
  const open: OpenInvoice[] = [];
  const closed: OpenInvoice[] = [];
  for (const inv of all) (r.chance(openCount / total) ? open : closed).push(inv);
  return { clients, open, closed };
}
