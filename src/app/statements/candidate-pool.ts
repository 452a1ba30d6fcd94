import type { Allocation, DeclaredPayment, OpenInvoice } from "../../core/matching/types.js";
import type { OpenInvoiceRow } from "../../db/repositories/matching.js";

type Row = OpenInvoiceRow & { number_key?: string | null; number_loose_key?: string | null };

function add<K>(map: Map<K, OpenInvoice[]>, key: K, invoice: OpenInvoice): void {
  const list = map.get(key);
  if (list) list.push(invoice);
  else map.set(key, [invoice]);
}

/**
 * The open invoices fetched for the lines of a statement, one OpenInvoice per invoice whichever query brought it
 * (an automatic match lowers its balance for the next lines), found by number key, by amount (total, or balance of
 * a partly paid one) and by client; and the payments announced per amount (a cheque recorded on receipt, a portal
 * declaration), used up as lines confirm them. An invoice fetched again later keeps the balance the decisions gave
 * it.
 */
export class CandidatePool {
  private readonly invoices = new Map<string, OpenInvoice>();
  private readonly byKey = new Map<string, OpenInvoice[]>();
  private readonly byLooseKey = new Map<string, OpenInvoice[]>();
  private readonly byAmount = new Map<number, OpenInvoice[]>();
  private readonly byClient = new Map<string, OpenInvoice[]>();
  private readonly declared = new Map<number, DeclaredPayment[]>();

  has(id: string): boolean {
    return this.invoices.has(id);
  }

  /** The pool's OpenInvoice of the row: the one already there, or a new one. */
  private keep(r: Row): OpenInvoice {
    const known = this.invoices.get(r.id);
    if (known !== undefined) return known;
    const invoice: OpenInvoice = {
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
    };
    this.invoices.set(r.id, invoice);
    return invoice;
  }

  /** Invoices whose number key (or loose key) a line names. */
  addNamed(rows: readonly Row[]): void {
    for (const r of rows) {
      const invoice = this.keep(r);
      if (r.number_key) add(this.byKey, r.number_key, invoice);
      if (r.number_loose_key) add(this.byLooseKey, r.number_loose_key, invoice);
    }
  }

  /** Invoices whose total (`by: "total"`) or balance (partly paid ones) is a line's amount. */
  addByAmount(rows: readonly OpenInvoiceRow[], by: "total" | "balance"): void {
    for (const r of rows) add(this.byAmount, by === "total" ? r.total_cents : r.balance_cents, this.keep(r));
  }

  /** Invoices of declared payments, found through the payments themselves. */
  addOther(rows: readonly OpenInvoiceRow[]): void {
    for (const r of rows) this.keep(r);
  }

  /** The open invoices of some clients (all of them, up to the query's limit per client). */
  addOfClients(rows: readonly OpenInvoiceRow[]): void {
    for (const r of rows) add(this.byClient, r.client_id, this.keep(r));
  }

  addDeclared(payments: readonly DeclaredPayment[]): void {
    for (const d of payments) {
      const list = this.declared.get(d.amount_cents);
      if (list) list.push(d);
      else this.declared.set(d.amount_cents, [d]);
    }
  }

  /** The clients of the invoices a line names (a line naming one of them may pay several: a grouped payment). */
  clientsNamed(keys: readonly string[], loose: readonly string[]): string[] {
    const out: string[] = [];
    for (const k of keys) for (const i of this.byKey.get(k) ?? []) out.push(i.client_id);
    for (const k of loose) for (const i of this.byLooseKey.get(k) ?? []) out.push(i.client_id);
    return out;
  }

  /** The payments announced with this amount and not used up yet. */
  announced(amount: number): DeclaredPayment[] {
    return this.declared.get(amount) ?? [];
  }

  /**
   * A line's candidates with something left to pay: the invoices it names, those of its amount, those of its
   * clients and those of the payments announced with its amount.
   */
  candidates(amount: number, keys: readonly string[], loose: readonly string[], clients: readonly string[]) {
    const found = new Set<OpenInvoice>();
    for (const k of keys) for (const i of this.byKey.get(k) ?? []) found.add(i);
    for (const k of loose) for (const i of this.byLooseKey.get(k) ?? []) found.add(i);
    for (const i of this.byAmount.get(amount) ?? []) found.add(i);
    for (const c of clients) for (const i of this.byClient.get(c) ?? []) found.add(i);
    for (const d of this.announced(amount)) {
      const i = this.invoices.get(d.invoice_id);
      if (i !== undefined) found.add(i);
    }
    const out: OpenInvoice[] = [];
    for (const i of found) if (i.balance_cents > 0) out.push(i);
    return out;
  }

  /** What an automatic match pays: lower balances, and the announced payments of this amount it was, used up. */
  paid(amount: number, allocations: readonly Allocation[]): void {
    const announced = this.announced(amount);
    for (const a of allocations) {
      const inv = this.invoices.get(a.id);
      if (inv) inv.balance_cents -= a.amount_cents;
      const used = announced.findIndex((d) => d.invoice_id === a.id);
      if (used >= 0) announced.splice(used, 1);
    }
  }
}
