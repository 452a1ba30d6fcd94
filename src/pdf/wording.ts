/**
 * The words of the dunning letters, one implementation per locale (wording-fr.ts, wording-en.ts). English letters
 * keep the French legal terms, glossed, because they are what a French court and debtor recognise (LAW.md §5).
 */
import type { Locale } from "../core/messages.js";
import { wordingEn } from "./wording-en.js";
import { wordingFr } from "./wording-fr.js";

export type LetterKind = "reminder" | "mise_en_demeure";
export type DebtorKind = "business" | "consumer" | "public";

/** What the sentences depend on. */
export interface LetterCase {
  kind: LetterKind;
  /** `public` is worded like `business` for now: the public-buyer rules of LAW.md §2b are unconfirmed. */
  professional: boolean;
  /** Number of invoices in the letter. */
  count: number;
}

export interface Wording {
  longDate(iso: string): string;
  shortDate(iso: string): string;
  placeDate(place: string | null, iso: string): string;
  registered(number: string | null): string;
  object(c: LetterCase, firstNumber: string): string;
  attention(name: string): string;
  salutation(contact: string | null): string;
  opening(c: LetterCase): string;
  columns: { number: string; issue: string; due: string; total: string; balance: string; late: string };
  breakdownTitle: string;
  principal: string;
  penalties(rate: string | null): string;
  indemnity(perInvoice: boolean): string;
  interest: string;
  total: string;
  demand(c: LetterCase, total: string, deadline: string): string;
  legal(c: LetterCase): string | null;
  payment: { title: string; beneficiary: string; iban: string; bic: string; reference: string; qr: string };
  nextStep(c: LetterCase): string;
  contact(email: string | null, phone: string | null): string | null;
  /** The line before the client portal's URL. */
  portal: string;
  closing(c: LetterCase, contact: string | null): string;
  runningHead(c: LetterCase, iso: string): string;
  identity: { siren: string; vat: string; phone: string };
}

export function wordingFor(locale: Locale): Wording {
  return locale === "en" ? wordingEn : wordingFr;
}
