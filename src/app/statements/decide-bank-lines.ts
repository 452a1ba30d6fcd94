import { matchLine } from "../../core/matching/match-line.js";
import { looseReferencesIn, referencesIn, referenceText } from "../../core/matching/references.js";
import type { BankLine, Decision } from "../../core/matching/types.js";
import type { Dialect } from "../../db/connect.js";
import {
  clientNames,
  declaredPaymentsByAmounts,
  openInvoicesByIds,
  openInvoicesByKeys,
  openInvoicesByTotals,
  openInvoicesOfClients,
  partlyPaidByBalances,
  payerAliases,
} from "../../db/repositories/matching.js";
import type { BankTransaction, Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { CandidatePool } from "./candidate-pool.js";
import { PayerIndex } from "./payer-index.js";

/** Open invoices fetched per amount, and per recognised client, at most. */
const PER_AMOUNT = 20;
const PER_CLIENT = 100;
/**
 * Lines taken together (in date order): their payers recognised, their clients' invoices asked for, then — while
 * the next ones are recognised — decided and handed to `onDecided`. On PostgreSQL a batch is recorded while the
 * next is decided: small batches keep both sides busy; on SQLite nothing overlaps (one thread), and each batch
 * recorded costs a commit written to disk: larger batches.
 */
export const LINES_PER_BATCH: Record<Dialect, number> = { postgres: 1_000, sqlite: 5_000 };

/** Computation between two yields to pending I/O, at most (ms): a query's reply waits no longer than this. */
const SLICE_MS = 5;

/**
 * Lets pending database I/O proceed once a stretch of computation has lasted SLICE_MS: on PostgreSQL each reply (a
 * fetch, a statement of the batch being recorded) is handled within a few milliseconds, so the queries in flight
 * follow one another while the lines are decided instead of one per thousand lines.
 */
function ioYielder(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

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

interface PerLine {
  t: BankTransaction;
  line: BankLine;
  keys: string[];
  loose: string[];
  clients: string[];
}

const byDate = (a: PerLine, b: PerLine) =>
  a.t.booking_date < b.t.booking_date
    ? -1
    : a.t.booking_date > b.t.booking_date
      ? 1
      : a.t.position - b.t.position;

/**
 * Every line's decision (core/matching), with the candidates fetched through indexed queries: invoices whose number
 * key a line names, open invoices whose total (partly paid ones whose balance) is a line's amount, the payments
 * announced with that amount (a cheque recorded on receipt, a portal declaration) and their invoices — asked for
 * once for all the lines —, and the open invoices of the clients a payer is recognised as. Lines go in date order
 * by batches (LINES_PER_BATCH): their payers are recognised and their clients' invoices asked for; then, while the next
 * lines' payers are recognised, they are decided, an automatic match lowering the balances (and using up the
 * announced payment) the next lines see, and `onDecided` receives the batch: the caller records it while the next
 * lines are recognised and decided (on PostgreSQL, the database works while Node computes).
 */
export async function decideBankLines(
  ctx: AppContext,
  org: Organization,
  lines: BankTransaction[],
  options: { onDecided?: (batch: Decided[]) => void; linesPerBatch?: number } = {},
): Promise<Decided[]> {
  const { onDecided } = options;
  const perBatch = options.linesPerBatch ?? LINES_PER_BATCH[ctx.dialect];
  const perLine: PerLine[] = lines
    .map((t) => {
      const line = bankLine(t);
      const text = referenceText(line);
      return { t, line, keys: referencesIn(text), loose: looseReferencesIn(text), clients: [] as string[] };
    })
    .sort(byDate);
  const amounts = [...new Set(perLine.map((l) => l.line.amount_cents))];
  const pool = new CandidatePool();
  // the lookups that need only the lines go out together: on PostgreSQL they run on other connections while the
  // first payers are recognised here
  const fetched = Promise.all([
    openInvoicesByKeys(
      ctx.db,
      ctx.dialect,
      org.id,
      [...new Set(perLine.flatMap((l) => l.keys))],
      [...new Set(perLine.flatMap((l) => l.loose))],
    ),
    openInvoicesByTotals(ctx.db, ctx.dialect, org.id, amounts, PER_AMOUNT),
    partlyPaidByBalances(ctx.db, ctx.dialect, org.id, amounts, PER_AMOUNT),
    declaredPaymentsByAmounts(ctx.db, org.id, amounts),
  ]).then(async ([named, byTotal, partlyPaid, announced]) => {
    pool.addNamed(named);
    pool.addByAmount(byTotal, "total");
    pool.addByAmount(partlyPaid, "balance");
    pool.addDeclared(announced);
    const ids = [...new Set(announced.map((d) => d.invoice_id))].filter((id) => !pool.has(id));
    pool.addOther(await openInvoicesByIds(ctx.db, ctx.dialect, org.id, ids));
  });
  fetched.catch(() => undefined); // awaited below; a failure is thrown there
  const [names, aliases] = await Promise.all([clientNames(ctx.db, org.id), payerAliases(ctx.db, org.id)]);
  const payers = new PayerIndex(names, aliases);
  // each batch's clients' invoices, asked for as soon as its payers are recognised, go into the pool in order
  const requested = new Set<string>();
  let loaded: Promise<void> = fetched;
  const requestClients = (part: PerLine[]): Promise<void> => {
    const fresh = new Set<string>();
    for (const l of part) for (const id of l.clients) if (!requested.has(id)) fresh.add(id);
    for (const id of fresh) requested.add(id);
    if (fresh.size > 0) {
      const rows = openInvoicesOfClients(ctx.db, ctx.dialect, org.id, [...fresh], PER_CLIENT);
      rows.catch(() => undefined); // awaited below; a failure is thrown there
      loaded = loaded.then(async () => pool.addOfClients(await rows));
      loaded.catch(() => undefined);
    }
    return loaded;
  };
  const pause = ioYielder();
  const ownIbans = org.iban ? [org.iban] : [];
  const out: Decided[] = [];
  const decide = async (part: PerLine[], ready: Promise<void>) => {
    await ready;
    const batch: Decided[] = [];
    for (const { t, line, keys, loose, clients } of part) {
      const candidates = pool.candidates(line.amount_cents, keys, loose, clients);
      const hints = [...new Set([...clients, ...candidates.map((i) => i.client_id)])]
        .map((id) => payers.hint(id))
        .filter((h) => h !== undefined);
      const decision = matchLine(line, {
        invoices: candidates,
        clients: hints,
        ownIbans,
        declared: pool.announced(line.amount_cents),
      });
      // the next lines see what this one pays, and no longer the announced payment it was
      if (decision.kind === "auto" && decision.best) pool.paid(line.amount_cents, decision.best.invoices);
      batch.push({ t, decision });
      await pause();
    }
    out.push(...batch);
    onDecided?.(batch);
  };
  let previous: { part: PerLine[]; ready: Promise<void> } | null = null;
  for (let i = 0; i < perLine.length; i += perBatch) {
    const part = perLine.slice(i, i + perBatch);
    for (const l of part) {
      l.clients = payers.clientsOf(l.line);
      await pause();
    }
    await fetched;
    // a line naming one invoice of a client may pay several of them (a grouped payment): that client's invoices too
    for (const l of part) l.clients = [...new Set([...l.clients, ...pool.clientsNamed(l.keys, l.loose)])];
    const ready = requestClients(part);
    if (previous) await decide(previous.part, previous.ready);
    previous = { part, ready };
  }
  if (previous) await decide(previous.part, previous.ready);
  return out;
}
