import type { Allocation, DeclaredPayment, OpenInvoice } from "../../core/matching/types.js";
import type { OpenInvoiceRow } from "../../db/repositories/matching.js";

type Row = OpenInvoiceRow & { number_key?: string | null; number_loose_key?: string | null };

function add<K>(map: Map<K, string[]>, key: K, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
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
  private readonly byKey = new Map<string, string[]>();
  private readonly byLooseKey = new Map<string, string[]>();
  private readonly byAmount = new Map<number, string[]>();
  private readonly byClient = new Map<string, string[]>();
  private readonly declared = new Map<number, DeclaredPayment[]>();

  has(id: string): boolean {
    return this.invoices.has(id);
  }

  private keep(r: Row): void {
    if (this.invoices.has(r.id)) return;
    this.invoices.set(r.id, {
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
  }

  /** Invoices whose number key (or loose key) a line names. */
  addNamed(rows: readonly Row[]): void {
    for (const r of rows) {
      this.keep(r);
      if (r.number_key) add(this.byKey, r.number_key, r.id);
      if (r.number_loose_key) add(this.byLooseKey, r.number_loose_key, r.id);
    }
  }

  /** Invoices whose total (`by: "total"`) or balance (partly paid ones) is a line's amount. */
  addByAmount(rows: readonly OpenInvoiceRow[], by: "total" | "balance"): void {
    for (const r of rows) {
      this.keep(r);
      add(this.byAmount, by === "total" ? r.total_cents : r.balance_cents, r.id);
    }
  }

  /** Invoices of declared payments, found through the payments themselves. */
  addOther(rows: readonly OpenInvoiceRow[]): void {
    for (const r of rows) this.keep(r);
  }

  /** The open invoices of some clients (all of them, up to the query's limit per client). */
  addOfClients(rows: readonly OpenInvoiceRow[]): void {
    for (const r of rows) {
      this.keep(r);
      add(this.byClient, r.client_id, r.id);
    }
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
    for (const k of keys) for (const id of this.byKey.get(k) ?? []) out.push(this.clientOf(id));
    for (const k of loose) for (const id of this.byLooseKey.get(k) ?? []) out.push(this.clientOf(id));
    return out;
  }

  private clientOf(id: string): string {
    return (this.invoices.get(id) as OpenInvoice).client_id;
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
    const ids = new Set<string>();
    for (const k of keys) for (const id of this.byKey.get(k) ?? []) ids.add(id);
    for (const k of loose) for (const id of this.byLooseKey.get(k) ?? []) ids.add(id);
    for (const id of this.byAmount.get(amount) ?? []) ids.add(id);
    for (const c of clients) for (const id of this.byClient.get(c) ?? []) ids.add(id);
    for (const d of this.announced(amount)) ids.add(d.invoice_id);
    const out: OpenInvoice[] = [];
    for (const id of ids) {
      const i = this.invoices.get(id);
      if (i !== undefined && i.balance_cents > 0) out.push(i);
    }
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
