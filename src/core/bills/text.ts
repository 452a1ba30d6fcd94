/**
 * The words a bill of exchange prints, in French whatever the user's language: a lettre de change is a French
 * instrument, read by French banks. The PDF prints them and missingMentions checks them: one source.
 */
import { formatEuros } from "../money.js";
import { amountInFrenchWords } from "../money-words.js";

export const BILL_TITLE = "LETTRE DE CHANGE";
export const LCR_SUBTITLE = "Lettre de change relevé (LCR)";

/** « Contre cette LETTRE DE CHANGE stipulée sans frais, veuillez payer la somme de 1 200,00 € (mille deux cents euros) à l'ordre de … ». */
export function billOrder(amountCents: number, payee: string): string {
  const figures = formatEuros(amountCents as Parameters<typeof formatEuros>[0], "fr");
  return `Contre cette ${BILL_TITLE} stipulée sans frais, veuillez payer la somme de ${figures} (${amountInFrenchWords(amountCents)}) à l'ordre de ${payee}.`;
}

/** Where the bill is paid: the drawee's bank (domiciliation) when named, else the drawee's address (L511-1 II). */
export function placeOfPayment(
  domiciliation: { bank: string | null; iban: string | null },
  draweeAddress: readonly string[],
): string {
  const bank = [domiciliation.bank?.trim(), domiciliation.iban ? `IBAN ${domiciliation.iban}` : null]
    .filter((s): s is string => !!s)
    .join(" – ");
  return bank || draweeAddress.filter((l) => l.trim() !== "").join(", ");
}
