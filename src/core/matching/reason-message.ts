import { formatIsoDate } from "../calendar.js";
import type { matchingFr } from "../i18n/matching.js";
import type { Locale } from "../messages.js";
import { cents, formatEuros } from "../money.js";
import type { MatchReason } from "./types.js";

export type MatchingMessageCode = keyof typeof matchingFr;

/** The params of reasons that are amounts in cents. */
const MONEY = new Set(["amount", "total", "balance", "shortfall", "paid", "excess"]);

/** The message code of a reason (src/core/i18n/matching.ts) and its params, amounts formatted for the locale. */
export function reasonMessage(
  reason: MatchReason,
  locale: Locale,
): { code: MatchingMessageCode; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(reason.params)) {
    params[k] = MONEY.has(k) && typeof v === "number" ? formatEuros(cents(v), locale) : v;
  }
  const { code } = reason;
  if (code === "amount_unique")
    return { code: `matching.amount_unique.${params.among === "client" ? "client" : "all"}`, params };
  if (code === "declared_payment") {
    const cheque = params.method === "cheque";
    params.date = formatIsoDate(String(params.date), locale);
    const number = reason.params.reference;
    params.reference = number === undefined ? "" : locale === "en" ? ` no. ${number}` : ` n° ${number}`;
    return { code: `matching.declared_payment.${cheque ? "cheque" : "declared"}`, params };
  }
  if (code === "non_invoice_credit") {
    const kind = String(params.kind);
    const known = ["tax_refund", "own_transfer", "interest", "social_body", "loan"] as const;
    return { code: `matching.non_invoice_credit.${known.find((k) => k === kind) ?? "tax_refund"}`, params };
  }
  return { code: `matching.${code}`, params };
}
