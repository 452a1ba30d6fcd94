import type { BankLine, DeclaredPayment, OpenInvoice } from "../../src/core/matching/types.js";
import { bankName, typo } from "./names.js";
import { Prng } from "./prng.js";
import { isoDay, makeWorld, type SynthClient, type World } from "./world.js";

/**
 * The labelled synthetic set of the matching benchmark: French bank labels over a ledger of open invoices, each
 * line with its truth (the invoices it pays, or "none"). Deterministic (seeded PRNG). The kinds and their shares
 * follow issue 9: references exact and mangled, typos, remaining balances, payments without reference, cheques,
 * grouped and partial payments, bank fees (some above the caps), parent companies paying for subsidiaries, and
 * credits that are not invoice payments (tax refunds, own transfers, interest, refunds, a paid invoice paid again).
 */
export interface LabelledLine {
  line: BankLine;
  truth: string[] | "none";
  kind: string;
}

export interface MatchingSet extends World {
  lines: LabelledLine[];
  /** The cheque register: cheques recorded on receipt (« Chèque reçu »), some not deposited yet. */
  declared: DeclaredPayment[];
}

/**
 * The share of the cheques whose receipt the user recorded before depositing them (the rest arrive unannounced), and
 * the cheques recorded and not yet in this statement (they share amounts with other lines: traps for precision).
 * Chosen, not measured: a user who opens the mail with Relance records most cheques; the benchmark prints the
 * recall of cheque remittances so that the effect of this share is visible.
 */
const CHEQUES_RECORDED = 0.6;
const CHEQUES_PENDING = 300;

const KINDS: [string, number][] = [
  ["ref_exact", 26],
  ["ref_mangled", 10],
  ["ref_typo", 4],
  ["remaining_balance", 4],
  ["no_ref_named", 12],
  ["cheque", 7],
  ["grouped", 8],
  ["partial", 4],
  ["fees", 5],
  ["parent_pays", 4],
  ["non_invoice", 8],
  ["unrelated_credit", 6],
  ["paid_already", 2],
];

function pickKind(r: Prng): string {
  let x = r.next() * KINDS.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of KINDS) {
    x -= w;
    if (x < 0) return kind;
  }
  return "ref_exact";
}

/** The number as a payer may write it. */
function mangle(number: string, r: Prng): string {
  const [, prefix = "F", year = "", seq = ""] = /^([A-Z]+)(\d{4})-(\d+)$/.exec(number) ?? [];
  const bare = String(Number(seq));
  return r.pick([
    `${prefix}${year} ${seq}`,
    `${prefix} ${year}.${seq}`,
    `${year}-${seq}`,
    `${year}/${bare}`,
    `${prefix}${year}-${bare}`,
    `${prefix.toLowerCase()}${year}-${seq}`,
    `${prefix}${year}-${seq}`.replace(/0/g, "O"),
    `${prefix}${year}${seq}`,
    `FACTURE N° ${year}-${seq}`,
    `FACT ${year} ${seq}`,
  ]);
}

function misspell(number: string, r: Prng): string {
  const m = /^(.*-)(\d+)$/.exec(number);
  if (m === null) return number;
  const seq = m[2] ?? "";
  const k = r.int(0, seq.length - 2);
  const d = seq.split("");
  if (r.chance(0.5)) [d[k], d[k + 1]] = [d[k + 1] ?? "", d[k] ?? ""];
  else d[k + 1] = String((Number(d[k + 1]) + r.int(1, 9)) % 10);
  return `${m[1]}${d.join("")}`;
}

export function generate(seed = 9, clients = 8_000, invoices = 100_000, lineCount = 10_000): MatchingSet {
  const world = makeWorld(seed, clients, invoices);
  const r = new Prng(seed * 7919 + 1);
  const byId = new Map(world.clients.map((c) => [c.hint.client_id, c]));
  const byClient = new Map<string, OpenInvoice[]>();
  for (const inv of world.open) byClient.set(inv.client_id, [...(byClient.get(inv.client_id) ?? []), inv]);
  const used = new Set<string>();
  const lines: LabelledLine[] = [];
  const last = 700 + 40;

  const freeInvoice = (accept: (i: OpenInvoice) => boolean = () => true): OpenInvoice => {
    for (;;) {
      const inv = r.pick(world.open);
      if (!used.has(inv.id) && accept(inv)) {
        used.add(inv.id);
        return inv;
      }
    }
  };
  const bookingFor = (inv: OpenInvoice): string => {
    const issue = (Date.parse(inv.issue_date) - Date.UTC(2025, 0, 1)) / 86_400_000;
    const due = (Date.parse(inv.due_date) - Date.UTC(2025, 0, 1)) / 86_400_000;
    return isoDay(Math.min(last, Math.max(issue + 1, due + r.int(-20, 60))));
  };
  const sepa = (
    id: string,
    date: string,
    amount: number,
    payer: SynthClient | null,
    motif: string,
  ): BankLine => {
    const name =
      payer === null
        ? "PARTICULIER"
        : r.chance(0.6) && payer.bankAlias !== null
          ? payer.bankAlias
          : bankName(payer.hint.name, payer.person, r);
    const structured = r.chance(0.6);
    const label = r.pick([
      `VIR SEPA RECU /DE ${name} /MOTIF ${motif}`,
      `VIR SEPA RECU /DE ${name} /MOTIF ${motif} /REF ${r.int(1e9, 9e9)}${r.int(1e5, 9e5)}`,
      `VIR RECU ${name.slice(0, 20)} ${motif}`.trim(),
      `VIREMENT DE ${name} ${motif}`.trim(),
    ]);
    return {
      id,
      booking_date: date,
      amount_cents: amount,
      label,
      remittance: structured ? motif : "",
      creditor_reference: null,
      end_to_end_id: structured ? r.pick(["NOTPROVIDED", `E2E${r.int(1e6, 9e6)}`]) : null,
      counterparty_name: structured ? name : null,
      counterparty_iban: structured && payer !== null ? r.pick(payer.accounts) : null,
      cheque_number: null,
    };
  };
  const clientOf = (inv: OpenInvoice): SynthClient => byId.get(inv.client_id) as SynthClient;
  const refMotif = (n: string) =>
    r.pick([
      `FACT ${n}`,
      `FACTURE ${n}`,
      n,
      `REGLEMENT ${n}`,
      `PAIEMENT FACTURE ${n} DU ${r.int(10, 28)}/1${r.int(0, 2)}/2025`,
    ]);
  const plain = () =>
    r.pick(["REGLEMENT", "PAIEMENT", "VIREMENT", "HONORAIRES", "PRESTATION OCTOBRE 2025", "SOLDE", ""]);

  for (let i = 0; i < lineCount; i++) {
    const id = `l${i}`;
    const kind = pickKind(r);
    let line: BankLine;
    let truth: string[] | "none";
    switch (kind) {
      case "ref_exact":
      case "ref_mangled":
      case "ref_typo":
      case "remaining_balance": {
        const inv = freeInvoice((x) => (kind === "remaining_balance") === x.balance_cents < x.total_cents);
        const n =
          kind === "ref_mangled"
            ? mangle(inv.number, r)
            : kind === "ref_typo"
              ? misspell(inv.number, r)
              : inv.number;
        line = sepa(id, bookingFor(inv), inv.balance_cents, clientOf(inv), refMotif(n));
        truth = [inv.id];
        break;
      }
      case "no_ref_named": {
        const inv = freeInvoice();
        line = sepa(id, bookingFor(inv), inv.balance_cents, clientOf(inv), plain());
        truth = [inv.id];
        break;
      }
      case "cheque": {
        const inv = freeInvoice();
        const no = String(r.int(1_000_000, 9_999_999));
        line = {
          id,
          booking_date: bookingFor(inv),
          amount_cents: inv.balance_cents,
          label: r.pick([`REMISE CHEQUE N ${no}`, `REM CHQ ${no} 1 CHQ`, `REMISE DE CHEQUES ${no}`]),
          remittance: "",
          creditor_reference: null,
          end_to_end_id: null,
          counterparty_name: null,
          counterparty_iban: null,
          cheque_number: no,
        };
        truth = [inv.id];
        break;
      }
      case "grouped": {
        const first = freeInvoice(
          (x) => (byClient.get(x.client_id)?.filter((y) => !used.has(y.id)).length ?? 0) >= 3,
        );
        const pool = (byClient.get(first.client_id) ?? [])
          .filter((y) => !used.has(y.id))
          .sort((a, b) => (a.due_date < b.due_date ? -1 : 1));
        const group = [first, ...pool.slice(0, r.int(1, Math.min(4, pool.length)))];
        for (const g of group) used.add(g.id);
        const sum = group.reduce((s, g) => s + g.balance_cents, 0);
        const how = r.next();
        const motif =
          how < 0.5
            ? `FACT ${group.map((g) => g.number).join(" ")}`
            : how < 0.75
              ? `FACT ${group[0]?.number ?? ""} ET AUTRES`
              : "REGLEMENT FACTURES";
        const latest = group.reduce((a, g) => (g.due_date > a.due_date ? g : a), first);
        line = sepa(id, bookingFor(latest), sum, clientOf(first), motif);
        truth = group.map((g) => g.id).sort();
        break;
      }
      case "partial": {
        const inv = freeInvoice((x) => x.balance_cents >= 10_000);
        const paid = Math.round((inv.balance_cents * (0.3 + 0.4 * r.next())) / 100) * 100;
        line = sepa(
          id,
          bookingFor(inv),
          paid,
          clientOf(inv),
          r.pick([
            `ACOMPTE SUR FACT ${inv.number}`,
            `PAIEMENT PARTIEL ${inv.number}`,
            `FACT ${inv.number} 1ER VERSEMENT`,
          ]),
        );
        truth = [inv.id];
        break;
      }
      case "fees": {
        const inv = freeInvoice((x) => x.balance_cents >= 20_000);
        const fee = r.pick([250, 500, 800, 1200, 1500, 2000, Math.round(inv.balance_cents * 0.006)]);
        line = sepa(
          id,
          bookingFor(inv),
          inv.balance_cents - fee,
          clientOf(inv),
          r.chance(0.7) ? `INV ${inv.number}` : "PAYMENT",
        );
        truth = [inv.id];
        break;
      }
      case "parent_pays": {
        const inv = freeInvoice((x) => clientOf(x).parent !== null);
        const parent = byId.get(clientOf(inv).parent ?? "") as SynthClient;
        line = sepa(
          id,
          bookingFor(inv),
          inv.balance_cents,
          parent,
          r.chance(0.6) ? `FACT ${inv.number}` : plain(),
        );
        truth = [inv.id];
        break;
      }
      case "non_invoice": {
        const date = isoDay(r.int(30, last));
        const round = r.chance(0.5);
        const amount = round ? r.int(2, 100) * 5000 : r.int(100, 500_000);
        const label = r.pick([
          "VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT CREDIT TVA",
          "VIR SEPA RECU /DE DRFIP ILE DE FRANCE /MOTIF IMPOTS REMBT",
          `VIR INTERNE DE CPTE ${r.int(10000000, 99999999)}`,
          "INTERETS CREDITEURS",
          "VIR SEPA RECU /DE CAF DE PARIS /MOTIF PRESTATIONS",
          `VIR SEPA RECU /DE CPAM /MOTIF REMBT ${r.int(100000, 999999)}`,
          "DEBLOCAGE PRET 000123",
        ]);
        line = {
          id,
          booking_date: date,
          amount_cents: amount,
          label,
          remittance: "",
          creditor_reference: null,
          end_to_end_id: null,
          counterparty_name: null,
          counterparty_iban: null,
          cheque_number: null,
        };
        truth = "none";
        break;
      }
      case "unrelated_credit": {
        const date = isoDay(r.int(30, last));
        const amount = r.chance(0.5) ? r.pick(world.open).balance_cents : r.int(100, 300_000);
        const who = r.pick([
          "AMAZON EU SARL",
          "JEAN DUPONT",
          "SNCF",
          "ORANGE SA",
          `${typo("ASSURANCES MUTUELLES", r)}`,
          "LEBONCOIN",
        ]);
        line = sepa(
          id,
          date,
          amount,
          null,
          r.pick([
            "REMBOURSEMENT",
            `REMBT COMMANDE ${r.int(100, 999)}-${r.int(1000000, 9999999)}`,
            "AVOIR",
            "REGLEMENT",
          ]),
        );
        line.label = line.label.replace("PARTICULIER", who);
        line.counterparty_name = line.counterparty_name === null ? null : who;
        truth = "none";
        break;
      }
      default: {
        // paid_already: a paid invoice paid a second time, its number in the label
        const inv = r.pick(world.closed);
        line = sepa(id, bookingFor(inv), inv.total_cents, clientOf(inv), refMotif(inv.number));
        truth = "none";
      }
    }
    lines.push({ line, truth, kind });
  }
  return { ...world, lines, declared: chequeRegister(seed, lines, world.open, used, last) };
}

/** The cheques recorded on receipt: most of the statement's, and others still to deposit (their own PRNG). */
function chequeRegister(
  seed: number,
  lines: LabelledLine[],
  open: OpenInvoice[],
  used: Set<string>,
  last: number,
): DeclaredPayment[] {
  const r = new Prng(seed * 104_729 + 3);
  const out: DeclaredPayment[] = [];
  const day = (iso: string) => Math.round((Date.parse(iso) - Date.UTC(2025, 0, 1)) / 86_400_000);
  const record = (invoice_id: string, amount_cents: number, date: string) =>
    out.push({
      payment_id: `dp${out.length}`,
      invoice_id,
      amount_cents,
      method: "cheque",
      reference: String(r.int(1_000_000, 9_999_999)),
      date,
    });
  for (const l of lines) {
    if (l.kind !== "cheque" || l.truth === "none" || !r.chance(CHEQUES_RECORDED)) continue;
    record(l.truth[0] as string, l.line.amount_cents, isoDay(day(l.line.booking_date) - r.int(1, 12)));
  }
  for (let n = 0; n < CHEQUES_PENDING; ) {
    const inv = r.pick(open);
    if (used.has(inv.id)) continue;
    used.add(inv.id);
    record(inv.id, inv.balance_cents, isoDay(r.int(30, last)));
    n++;
  }
  return out;
}
