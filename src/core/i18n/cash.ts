/**
 * Messages of the aging balance (balance âgée) and the « Encaissée » export (docs/cash.md): French first; `en` has
 * the same codes.
 */
export const cashFr = {
  "aging.title": "Balance âgée au {date}",
  "aging.col.client": "Client",
  "aging.col.invoices": "Factures",
  "aging.col.total": "Total",
  "aging.total": "Total",
  "aging.empty": "Aucune créance ouverte à cette date.",
  "aging.sheet": "Balance âgée",
  "aging.footer":
    "Solde de chaque facture au {date} : paiements et avoirs datés de ce jour ou avant ; factures annulées ou passées en perte exclues.",
  "collected.missing_date": "Date manquante : « {field} » (AAAA-MM-JJ).",
  "collected.range_reversed": "La période est inversée : du {from} au {to}.",
  "collected.invalid_format": "Format d'export inconnu : « {format} » (csv ou json).",
};

export const cashEn: Record<keyof typeof cashFr, string> = {
  "aging.title": "Aging balance as of {date}",
  "aging.col.client": "Client",
  "aging.col.invoices": "Invoices",
  "aging.col.total": "Total",
  "aging.total": "Total",
  "aging.empty": "Nothing owed on that day.",
  "aging.sheet": "Aging balance",
  "aging.footer":
    "Each invoice's balance on {date}: payments and credit notes dated that day or before; cancelled and written-off invoices left out.",
  "collected.missing_date": 'Missing date: "{field}" (YYYY-MM-DD).',
  "collected.range_reversed": "The period is reversed: from {from} to {to}.",
  "collected.invalid_format": 'Unknown export format: "{format}" (csv or json).',
};
