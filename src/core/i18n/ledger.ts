/** Messages of the ledger capability (French first; `en` must have the same codes). */
export const ledgerFr = {} as const;

export const ledgerEn: Record<keyof typeof ledgerFr, string> = {};
