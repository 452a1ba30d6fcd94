/** How a bill's amount is spread over the invoices it settles. */

export interface OwedInvoice {
  id: string;
  due_date: string;
  balance_cents: number;
}

/**
 * The bill's amount over its invoices, the oldest due first, each up to its balance; invoices the amount does not
 * reach are left out. Throws when the amount is not a positive integer within the invoices' total.
 */
export function allocateBill(
  amount: number,
  invoices: readonly OwedInvoice[],
): { invoice_id: string; amount_cents: number }[] {
  const total = invoices.reduce((s, i) => s + i.balance_cents, 0);
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > total) {
    throw new RangeError(`bill amount ${amount} outside 1…${total}`);
  }
  const sorted = [...invoices].sort((a, b) =>
    a.due_date === b.due_date ? (a.id < b.id ? -1 : 1) : a.due_date < b.due_date ? -1 : 1,
  );
  const out: { invoice_id: string; amount_cents: number }[] = [];
  let left = amount;
  for (const invoice of sorted) {
    if (left === 0) break;
    const part = Math.min(left, invoice.balance_cents);
    if (part <= 0) continue;
    out.push({ invoice_id: invoice.id, amount_cents: part });
    left -= part;
  }
  return out;
}
