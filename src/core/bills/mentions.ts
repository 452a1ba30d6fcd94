/**
 * The eight mandatory mentions of a bill of exchange (C. com. L511-1, LAW.md §6): without one of them the paper is
 * not a lettre de change. A pure check over what the bill will print; it returns the mentions missing, in the
 * article's order. Two of the article's fallbacks are not relied on: the place of payment may be the drawee's
 * address when no bank is named (L511-1 II), but something must be printed; the place of issue is always asked.
 */
import { compareDates, type PlainDate } from "../calendar.js";

export const BILL_MENTIONS = [
  "denomination",
  "order_to_pay",
  "drawee",
  "due_date",
  "place_of_payment",
  "payee",
  "issue_date_place",
  "drawer_signature",
] as const;
export type BillMention = (typeof BILL_MENTIONS)[number];

export interface BillText {
  /** The title and the order's sentence as printed: they must say « lettre de change ». */
  title: string;
  order: string;
  amount_cents: number;
  drawee_name: string;
  due_on: PlainDate | null;
  /** The domiciliation (the drawee's bank) or, without one, the drawee's address. */
  place_of_payment: string;
  payee_name: string;
  issue_on: PlainDate | null;
  issue_place: string;
  /** The drawer's name under the signature box. */
  drawer_name: string;
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";
const CONDITION = /\b(si|sous réserve|à condition|pourvu que|if|provided that|subject to)\b/i;

/** The mentions missing from a bill, in the order of L511-1 (empty: the bill is valid in form). */
export function missingMentions(bill: BillText): BillMention[] {
  const missing: BillMention[] = [];
  if (!/lettre de change/i.test(bill.title) || !/lettre de change/i.test(bill.order))
    missing.push("denomination");
  // « mandat pur et simple »: a sum, and no condition attached to the order
  if (!(bill.amount_cents > 0) || !/payer/i.test(bill.order) || CONDITION.test(bill.order)) {
    missing.push("order_to_pay");
  }
  if (blank(bill.drawee_name)) missing.push("drawee");
  if (!bill.due_on) missing.push("due_date");
  if (blank(bill.place_of_payment)) missing.push("place_of_payment");
  if (blank(bill.payee_name)) missing.push("payee");
  if (!bill.issue_on || blank(bill.issue_place)) missing.push("issue_date_place");
  if (blank(bill.drawer_name)) missing.push("drawer_signature");
  return missing;
}

export type DraweeKind = "business" | "consumer" | "public";

/** Bills of exchange are for professional debtors only (LAW.md §6); a due date before the issue date is no bill. */
export function issueProblem(
  kind: DraweeKind,
  issue: PlainDate,
  due: PlainDate,
): "bill.consumer_refused" | "bill.due_before_issue" | null {
  if (kind === "consumer") return "bill.consumer_refused";
  if (compareDates(due, issue) < 0) return "bill.due_before_issue";
  return null;
}
