/**
 * Amounts written out in French words, as a bill of exchange (lettre de change), a cheque or an acknowledgement of
 * debt (reconnaissance de dette) print them beside the figures: 1 234,56 € → « mille deux cent trente-quatre euros
 * et cinquante-six centimes ».
 *
 * Traditional spelling (the one banks and notaries still use): hyphens only between tens and units under a hundred,
 * « et » in 21, 31, 41, 51, 61 and 71, « quatre-vingts » and « deux cents » take an s only when nothing follows,
 * « mille » never does, « million » and « milliard » are nouns (plural s, « d'euros » when nothing follows).
 */
import type { Cents } from "./money.js";

const UNITS = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
  "dix-sept",
  "dix-huit",
  "dix-neuf",
];
const TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

/** 0 … 99; `final`: nothing follows (quatre-vingts). */
function belowHundred(n: number, final: boolean): string {
  if (n < 20) return UNITS[n] ?? "";
  const ten = Math.floor(n / 10);
  const unit = n % 10;
  if (ten === 7 || ten === 9) {
    const base = ten === 7 ? "soixante" : "quatre-vingt";
    const rest = 10 + unit;
    return ten === 7 && unit === 1 ? `${base} et onze` : `${base}-${UNITS[rest]}`;
  }
  if (ten === 8)
    return unit === 0 ? (final ? "quatre-vingts" : "quatre-vingt") : `quatre-vingt-${UNITS[unit]}`;
  const base = TENS[ten] ?? "";
  if (unit === 0) return base;
  if (unit === 1) return `${base} et un`;
  return `${base}-${UNITS[unit]}`;
}

/** 0 … 999 (0 gives ""); `final`: nothing follows (deux cents, quatre-vingts). */
function belowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push("cent");
  else if (hundreds > 1) parts.push(`${UNITS[hundreds]} ${rest === 0 && final ? "cents" : "cent"}`);
  if (rest > 0) parts.push(belowHundred(rest, final));
  return parts.join(" ");
}

const MAX = 999_999_999_999;

/**
 * A whole number in French words, 0 … 999 999 999 999: 80 → « quatre-vingts », 1 000 → « mille », 2 000 000 →
 * « deux millions ».
 */
export function numberToFrenchWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX) throw new RangeError(`cannot write ${n} in words`);
  if (n === 0) return "zéro";
  const billions = Math.floor(n / 1_000_000_000);
  const millions = Math.floor(n / 1_000_000) % 1000;
  const thousands = Math.floor(n / 1000) % 1000;
  const rest = n % 1000;
  const parts: string[] = [];
  if (billions > 0) parts.push(`${belowThousand(billions, true)} milliard${billions > 1 ? "s" : ""}`);
  if (millions > 0) parts.push(`${belowThousand(millions, true)} million${millions > 1 ? "s" : ""}`);
  // « mille » is invariable and never preceded by « un »; the number before it is not final (deux cent mille)
  if (thousands === 1) parts.push("mille");
  else if (thousands > 1) parts.push(`${belowThousand(thousands, false)} mille`);
  if (rest > 0) parts.push(belowThousand(rest, true));
  return parts.join(" ");
}

/**
 * An amount of euros in French words: 123456 cents → « mille deux cent trente-quatre euros et cinquante-six
 * centimes »; 100 → « un euro »; 50 → « cinquante centimes »; 1 000 000 00 → « un million d'euros ».
 */
export function amountInFrenchWords(amount: Cents | number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`cannot write ${amount} in words`);
  const euros = Math.floor(amount / 100);
  const centimes = amount % 100;
  const euroWords = numberToFrenchWords(euros);
  // « un million d'euros », « deux milliards d'euros »: a noun followed directly by the currency takes « de »
  const unit =
    euros % 1_000_000 === 0 && euros > 0 ? "d'euros" : euros === 1 || euros === 0 ? "euro" : "euros";
  const centWords = `${numberToFrenchWords(centimes)} centime${centimes > 1 ? "s" : ""}`;
  if (euros === 0 && centimes > 0) return centWords;
  const main = `${euroWords} ${unit}`;
  return centimes > 0 ? `${main} et ${centWords}` : main;
}
