import type { BankLine, DeclaredPayment, MatchReason, OpenInvoice } from "./types.js";

/** How long after its declaration a payment may still arrive on the account (a cheque deposited late). */
const DECLARED_WINDOW_DAYS = 90;
/**
 * An announced payment arriving within this many days is taken without asking (when it is the only one the line can
 * be); later, it is only proposed: a cheque is deposited within days, and an old announcement of a common amount
 * is more likely someone else's.
 */
const DECLARED_AUTO_DAYS = 21;

const CHEQUE_WORDS = /\b(?:CHQ|CHQS|CHEQUES?|CHÈQUES?)\b/i;

/** A remittance of cheques (remise de chèques): the bank's cheque number, or the words of the label. */
export function isChequeRemittance(line: BankLine): boolean {
  return line.cheque_number !== null || CHEQUE_WORDS.test(line.label);
}

function days(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
  );
}

/**
 * A payment declared for the invoice — a cheque the staff recorded on receipt (« Chèque reçu »), or a payment the
 * client declared on the portal — that the line can be: the same amount, declared on or before the booking date
 * and not more than DECLARED_WINDOW_DAYS before it, a cheque for a cheque remittance and anything else for any other
 * line. `only` says whether it is the only declared payment of that amount the line could be, `recent` whether it
 * was declared at most DECLARED_AUTO_DAYS before the booking date (an automatic match needs both).
 */
export function declaredPaymentFor(
  inv: OpenInvoice,
  line: BankLine,
  declared: readonly DeclaredPayment[],
): { reason: MatchReason; only: boolean; recent: boolean } | null {
  const cheque = isChequeRemittance(line);
  const booked = days(line.booking_date);
  const fitting = declared.filter((d) => {
    const age = booked - days(d.date);
    return (
      d.amount_cents === line.amount_cents &&
      age >= 0 &&
      age <= DECLARED_WINDOW_DAYS &&
      (d.method === "cheque") === cheque
    );
  });
  const own = fitting.find((d) => d.invoice_id === inv.id);
  if (own === undefined) return null;
  const params: Record<string, string | number> = { method: own.method, date: own.date };
  if (own.reference) params.reference = own.reference;
  const recent = booked - days(own.date) <= DECLARED_AUTO_DAYS;
  return { reason: { code: "declared_payment", params }, only: fitting.length === 1, recent };
}
