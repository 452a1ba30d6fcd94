import { matchLine } from "../../core/matching/match-line.js";
import { looseReferencesIn, referencesIn, referenceText } from "../../core/matching/references.js";
import type { BankLine, Decision, DeclaredPayment, OpenInvoice } from "../../core/matching/types.js";
import {
  clientNames,
  declaredPaymentsByAmounts,
  type OpenInvoiceRow,
  openInvoicesByIds,
  openInvoicesByKeys,
  openInvoicesByTotals,
  openInvoicesOfClients,
  partlyPaidByBalances,
  payerAliases,
} from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { PayerIndex } from "./payer-index.js";

/** Open invoices fetched per amount, and per recognised client, at most. */
const PER_AMOUNT = 20;
const PER_CLIENT = 100;
/** Lines whose payers are recognised before their clients' invoices are asked for. */
const RECOGNISED_PER_FETCH = 1_000;
/** Lines decided between two yields to pending I/O, and handed to `onDecided` together. */
export const DECIDED_PER_BATCH = 1_000;

/** Lets pending database I/O proceed between two stretches of computation. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Decided {
  t: BankTransaction;
  decision: Decision;
}

function bankLine(t: BankTransaction): BankLine {
  return {
    id: t.id,
    booking_date: t.booking_date,
    amount_cents: Number(t.amount_cents),
    label: t.label,
    remittance: t.remittance,
    creditor_reference: t.creditor_reference,
    end_to_end_id: t.end_to_end_id,
    counterparty_name: t.counterparty_name,
    counterparty_iban: t.counterparty_iban,
    cheque_number: t.cheque_number,
  };
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/**
 * Every line's decision (core/matching), with the candidates fetched once for all of them through indexed queries:
 * invoices whose number key a line names, open invoices whose total (partly paid ones whose balance) is a line's
 * amount, the payments announced with that amount (a cheque recorded on receipt, a portal declaration) and their
 * invoices, and the open invoices of the clients a payer is recognised as. Lines are decided in date order, an
 * automatic match lowering the balances (and using up the announced payment) the next lines see. `onDecided`
 * receives the decisions by DECIDED_PER_BATCH, in that order, as they are made: the caller records them while the
 * next lines are decided.
 */
export async function decideBankLines(
  ctx: AppContext,
  org: Organization,
  lines: BankTransaction[],
  onDecided?: (batch: Decided[]) => void,
): Promise<Decided[]> {
  const perLine = lines.map((t) => {
    const line = bankLine(t);
    const text = referenceText(line);
    return { t, line, keys: referencesIn(text), loose: looseReferencesIn(text), clients: [] as string[] };
  });
  const amounts = [...new Set(perLine.map((l) => l.line.amount_cents))];
  // the lookups that need only the lines go out together: on PostgreSQL they run on other connections while the
  // payers are recognised here
  const fetched = Promise.all([
    openInvoicesByKeys(
      ctx.db,
      org.id,
      [...new Set(perLine.flatMap((l) => l.keys))],
      [...new Set(perLine.flatMap((l) => l.loose))],
    ),
    openInvoicesByTotals(ctx.db, org.id, amounts, PER_AMOUNT),
    partlyPaidByBalances(ctx.db, org.id, amounts, PER_AMOUNT),
    // payments announced with a line's amount (a cheque recorded on receipt, a portal declaration)
    declaredPaymentsByAmounts(ctx.db, org.id, amounts),
  ]);
  fetched.catch(() => undefined); // awaited below; a failure is thrown there
  const [names, aliases] = await Promise.all([clientNames(ctx.db, org.id), payerAliases(ctx.db, org.id)]);
  const payers = new PayerIndex(names, aliases);
  // the open invoices of the recognised clients are fetched while the next lines' payers are recognised (on
  // PostgreSQL the queries run on other connections meanwhile; a yield lets them go out)
  const requested = new Set<string>();
  const clientFetches: Promise<OpenInvoiceRow[]>[] = [];
  const requestClients = (ids: Iterable<string>) => {
    const fresh: string[] = [];
    for (const id of ids)
      if (!requested.has(id)) {
        requested.add(id);
        fresh.push(id);
      }
    if (fresh.length === 0) return;
    const fetch = openInvoicesOfClients(ctx.db, org.id, fresh, PER_CLIENT);
    fetch.catch(() => undefined); // awaited below; a failure is thrown there
    clientFetches.push(fetch);
  };
  for (let i = 0; i < perLine.length; i += RECOGNISED_PER_FETCH) {
    const part = perLine.slice(i, i + RECOGNISED_PER_FETCH);
    for (const l of part) l.clients = payers.clientsOf(l.line);
    requestClients(part.flatMap((l) => l.clients));
    await yieldToIo();
  }
  const [named, byTotal, partlyPaid, announced] = await fetched;
  // one OpenInvoice per invoice for all the lines: an automatic match lowers its balance for the next lines
  const invoices = new Map<string, OpenInvoice>();
  const byKey = new Map<string, string[]>();
  const byAmount = new Map<string, string[]>();
  const byClient = new Map<string, string[]>();
  const keep = (r: OpenInvoiceRow & { number_key?: string | null; number_loose_key?: string | null }) => {
    if (invoices.has(r.id)) return;
    invoices.set(r.id, {
      id: r.id,
      number: r.number,
      client_id: r.client_id,
      issue_date: r.issue_date,
      due_date: r.due_date,
      total_cents: r.total_cents,
      balance_cents: r.balance_cents,
      kind: r.kind,
      ...(r.number_key ? { number_key: r.number_key } : {}),
      ...(r.number_loose_key ? { loose_key: r.number_loose_key } : {}),
    });
  };
  for (const r of named) {
    keep(r);
    if (r.number_key) add(byKey, `k:${r.number_key}`, r.id);
    if (r.number_loose_key) add(byKey, `l:${r.number_loose_key}`, r.id);
  }
  for (const r of byTotal) {
    keep(r);
    add(byAmount, String(r.total_cents), r.id);
  }
  for (const r of partlyPaid) {
    keep(r);
    add(byAmount, String(r.balance_cents), r.id);
  }
  const declared = new Map<number, DeclaredPayment[]>();
  for (const d of announced) declared.set(d.amount_cents, [...(declared.get(d.amount_cents) ?? []), d]);
  for (const r of await openInvoicesByIds(
    ctx.db,
    org.id,
    [...new Set(announced.map((d) => d.invoice_id))].filter((id) => !invoices.has(id)),
  ))
    keep(r);
  // a line naming one invoice of a client may pay several of them (a grouped payment): that client's invoices too
  for (const l of perLine) {
    for (const k of l.keys)
      for (const id of byKey.get(`k:${k}`) ?? []) l.clients.push((invoices.get(id) as OpenInvoice).client_id);
    for (const k of l.loose)
      for (const id of byKey.get(`l:${k}`) ?? []) l.clients.push((invoices.get(id) as OpenInvoice).client_id);
    l.clients = [...new Set(l.clients)];
  }
  requestClients(perLine.flatMap((l) => l.clients));
  for (const rows of await Promise.all(clientFetches))
    for (const r of rows) {
      keep(r);
      add(byClient, r.client_id, r.id);
    }

  const ownIbans = org.iban ? [org.iban] : [];
  perLine.sort((a, b) =>
    a.t.booking_date < b.t.booking_date
      ? -1
      : a.t.booking_date > b.t.booking_date
        ? 1
        : a.t.position - b.t.position,
  );
  const out: Decided[] = [];
  for (const { t, line, keys, loose, clients } of perLine) {
    const ids = new Set<string>([
      ...keys.flatMap((k) => byKey.get(`k:${k}`) ?? []),
      ...loose.flatMap((k) => byKey.get(`l:${k}`) ?? []),
      ...(byAmount.get(String(line.amount_cents)) ?? []),
      ...clients.flatMap((c) => byClient.get(c) ?? []),
      ...(declared.get(line.amount_cents) ?? []).map((d) => d.invoice_id),
    ]);
    const candidates: OpenInvoice[] = [];
    for (const id of ids) {
      const i = invoices.get(id);
      if (i !== undefined && i.balance_cents > 0) candidates.push(i);
    }
    const hints = [...new Set([...clients, ...candidates.map((i) => i.client_id)])]
      .map((id) => payers.hint(id))
      .filter((h) => h !== undefined);
    const announcedHere = declared.get(line.amount_cents) ?? [];
    const decision = matchLine(line, {
      invoices: candidates,
      clients: hints,
      ownIbans,
      declared: announcedHere,
    });
    if (decision.kind === "auto" && decision.best) {
      // the next lines see what this one pays, and no longer the announced payment it was
      for (const a of decision.best.invoices) {
        const inv = invoices.get(a.id);
        if (inv) inv.balance_cents -= a.amount_cents;
        const used = announcedHere.findIndex((d) => d.invoice_id === a.id);
        if (used >= 0) announcedHere.splice(used, 1);
      }
    }
    out.push({ t, decision });
    if (out.length % DECIDED_PER_BATCH === 0) {
      onDecided?.(out.slice(-DECIDED_PER_BATCH));
      await yieldToIo(); // what onDecided started (recording the automatic matches) goes on meanwhile
    }
  }
  const left = out.length % DECIDED_PER_BATCH;
  if (left > 0) onDecided?.(out.slice(-left));
  return out;
}
