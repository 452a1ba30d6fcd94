/**
 * Default numbers of the invoices made from quote `number`, in order of preference, like credit notes'
 * `AV-<number>`: the deposit invoice (facture d'acompte) `AC-<number>`, then `AC-<number>-2`…; the final invoice
 * (facture de solde) `F-<number>`, then `F-<number>-2`…. A user with a sequential series gives the number instead.
 */
export function quoteInvoiceNumbers(prefix: "AC" | "F", number: string, count = 20): string[] {
  const out: string[] = [];
  for (let k = 1; k <= count; k++) out.push(k === 1 ? `${prefix}-${number}` : `${prefix}-${number}-${k}`);
  return out;
}
