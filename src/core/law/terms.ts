/**
 * Payment terms (délais de paiement): parsing, due date, and the statutory caps of the Code de commerce
 * (L441-10, L441-11) and of public procurement (LAW.md §1, §2b). Pure: the caller gives the dates.
 *
 * A term beyond a cap is a compliance warning for the user (their own terms are unlawful), never an exception
 * nor a blocking error.
 */
import {
  addDays,
  compareDates,
  endOfMonth,
  formatDate,
  type PlainDate,
  Temporal,
  toIso,
} from "../calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../messages.js";
import { fail, ok, type Result } from "../result.js";

export type PaymentTerm =
  /** N days after the invoice date ("30 jours", "net 30"). */
  | { kind: "days"; days: number }
  /** N days after the invoice date, then the end of that month ("45 jours fin de mois"). */
  | { kind: "days_end_of_month"; days: number }
  /** The end of the invoice month, then N days ("fin de mois + 10", "fin de mois le 10"). */
  | { kind: "end_of_month_plus"; days: number }
  /** Payable on receipt of the invoice ("à réception", "comptant"). */
  | { kind: "on_receipt" };

export type Debtor = "business" | "consumer" | "public";
export type Sector = "general" | "perishable_food" | "transport" | "periodic_invoice";

/** A warning or a note for the user: a message code and its parameters. */
export interface LawWarning {
  code: MessageCode;
  params: Record<string, string | number>;
}

export const MAX_TERM_DAYS = 365;

function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const DAYS = `(?:j|jr|jrs|jour|jours|d|day|days)`;
const EOM = `(?:fin de mois|fdm|end of month|eom)`;
const RECEIPT = [
  /^(?:a|des|des la|a la)? ?reception(?: de (?:la )?facture)?$/,
  /^(?:paiement )?comptant$/,
  /^(?:due |payable |paid )?(?:on|upon) receipt(?: of invoice)?$/,
  /^immediat$/,
];
const GRAMMAR: { re: RegExp; make: (n: number) => PaymentTerm; dayOfMonth?: boolean }[] = [
  // "30", "30 jours", "30 j", "30 days", "net 30", "30 jours net", "30 jours date de facture"
  {
    re: new RegExp(
      String.raw`^(?:net )?(\d{1,4})(?: ?${DAYS})?(?: net)?(?: (?:date de facture|a date de facture|from invoice date|invoice date))?$`,
    ),
    make: (n) => ({ kind: "days", days: n }),
  },
  // "45 jours fin de mois", "45 j fdm", "45 days end of month", "net 45 eom"
  {
    re: new RegExp(String.raw`^(?:net )?(\d{1,4})(?: ?${DAYS})? ${EOM}$`),
    make: (n) => ({ kind: "days_end_of_month", days: n }),
  },
  // "fin de mois + 10", "fin de mois + 10 jours", "fin de mois plus 10 jours", "end of month + 10 days", "eom+10"
  {
    re: new RegExp(String.raw`^${EOM} ?(?:\+|plus) ?(\d{1,4})(?: ?${DAYS})?$`),
    make: (n) => ({ kind: "end_of_month_plus", days: n }),
  },
  // "fin de mois le 10", "end of month on the 10th": the Nth of the following month = end of month + N days
  {
    re: new RegExp(String.raw`^${EOM} (?:le|on the|the) (\d{1,2})(?:th|st|nd|rd)?$`),
    make: (n) => ({ kind: "end_of_month_plus", days: n }),
    dayOfMonth: true,
  },
  // "fin de mois", "end of month": the last day of the invoice month
  { re: new RegExp(`^${EOM}()$`), make: () => ({ kind: "end_of_month_plus", days: 0 }) },
];

/**
 * Parses a payment term typed by a user. The grammar (case, accents and spacing ignored; N from 0 to 365):
 *
 * - `N`, `N j`, `N jours`, `N days`, `net N`, `N jours net`, `N jours date de facture` → N days after the invoice date;
 * - `N jours fin de mois`, `N j fdm`, `N days end of month`, `N days eom` → N days, then the end of that month;
 * - `fin de mois + N [jours]`, `fin de mois plus N`, `end of month + N [days]`, `eom + N` → the end of the invoice
 *   month, then N days; `fin de mois le N` / `end of month on the Nth` (N from 1 to 28) is the same thing
 *   (the Nth of the following month); `fin de mois` / `end of month` alone is the end of the invoice month;
 * - `à réception`, `dès réception`, `à réception de facture`, `comptant`, `immédiat`, `on receipt`,
 *   `upon receipt`, `due on receipt` → payable on receipt.
 */
export function parsePaymentTerm(text: string): Result<PaymentTerm> {
  const value = text.trim();
  const s = normalize(text);
  if (s === "") return fail("field.required");
  if (RECEIPT.some((re) => re.test(s))) return ok({ kind: "on_receipt" });
  for (const rule of GRAMMAR) {
    const m = rule.re.exec(s);
    if (!m) continue;
    const n = m[1] === undefined || m[1] === "" ? 0 : Number(m[1]);
    if (rule.dayOfMonth && (n < 1 || n > 28)) return fail("terms.day_of_month_invalid", { value });
    if (n > MAX_TERM_DAYS) return fail("terms.out_of_range", { value, max: MAX_TERM_DAYS });
    return ok(rule.make(n));
  }
  return fail("terms.invalid", { value });
}

/** The term as a user reads it: "45 jours fin de mois", "end of month + 10 days". */
export function formatTerm(term: PaymentTerm, locale: Locale = "fr"): string {
  switch (term.kind) {
    case "on_receipt":
      return formatMessage(locale, "terms.label.on_receipt");
    case "days":
      return formatMessage(locale, "terms.label.days", { days: term.days });
    case "days_end_of_month":
      return formatMessage(locale, "terms.label.days_end_of_month", { days: term.days });
    case "end_of_month_plus":
      return term.days === 0
        ? formatMessage(locale, "terms.label.end_of_month")
        : formatMessage(locale, "terms.label.end_of_month_plus", { days: term.days });
  }
}

/**
 * The due date of an invoice issued on `issue`. "On receipt" is the invoice date (we take receipt to be the
 * day of issue: Relance cannot know when the client opened it).
 */
export function dueDate(issue: PlainDate, term: PaymentTerm): PlainDate {
  switch (term.kind) {
    case "on_receipt":
      return issue;
    case "days":
      return addDays(issue, term.days);
    case "days_end_of_month":
      return endOfMonth(addDays(issue, term.days));
    case "end_of_month_plus":
      return addDays(endOfMonth(issue), term.days);
  }
}

/** The stored form of a term: its French label, which `parsePaymentTerm` reads back. */
export function storedTerm(term: PaymentTerm): string {
  return formatTerm(term, "fr");
}

/**
 * The term that applies to a client's invoices: the client's own, else the organization's (both stored labels,
 * checked when written). A stored label that no longer parses counts as absent.
 */
export function effectiveTerm(organizationTerm: string, clientTerm?: string | null): PaymentTerm {
  for (const stored of [clientTerm, organizationTerm]) {
    if (!stored) continue;
    const term = parsePaymentTerm(stored);
    if (term.ok) return term.value;
  }
  return { kind: "days", days: 30 };
}

/** The statutory term when none was agreed: 30 days for businesses and public buyers, on receipt for consumers. */
export function defaultTerm(debtor: Debtor): PaymentTerm {
  return debtor === "consumer" ? { kind: "on_receipt" } : { kind: "days", days: 30 };
}

// --- caps --------------------------------------------------------------------------------------------------

export type TermRuleId = "b2b" | "periodic_invoice" | "perishable_food" | "transport" | "public";

/**
 * A statutory cap: data, so that a user can correct it without a release. `from` says where the days start
 * (the invoice date, or the delivery). `end_of_month_days` is the alternative "45 jours fin de mois" cap,
 * accepted when the agreed term is itself an end-of-month term.
 */
export interface TermRule {
  id: TermRuleId;
  days: number;
  from: "invoice" | "delivery";
  end_of_month_days?: number;
  article: string;
  source: string;
  confirmed: boolean;
}

export const TERM_RULES: readonly TermRule[] = [
  {
    id: "b2b",
    days: 60,
    from: "invoice",
    end_of_month_days: 45,
    article: "L441-10 C. com.",
    source: "Code de commerce L441-10 I; DGCCRF fiche « délais de paiement » (both end-of-month countings)",
    confirmed: true,
  },
  {
    id: "periodic_invoice",
    days: 45,
    from: "invoice",
    article: "L441-10 C. com.",
    source: "Code de commerce L441-10 I (facture périodique, CGI 289 I-3)",
    confirmed: true,
  },
  {
    id: "perishable_food",
    days: 30,
    from: "delivery",
    article: "L441-11 C. com.",
    source: "Code de commerce L441-11 II (denrées périssables)",
    confirmed: true,
  },
  {
    id: "transport",
    days: 30,
    from: "invoice",
    article: "L441-11 C. com.",
    source:
      "Code de commerce L441-11 (transport routier, location de véhicules, commission de transport); paragraph unconfirmed",
    confirmed: true,
  },
  {
    id: "public",
    days: 30,
    from: "invoice",
    article: "R2192-10 C. commande publique",
    source: "Code de la commande publique R2192-10 (État, collectivités) — unconfirmed, LAW.md §2b",
    confirmed: false,
  },
];

export interface TermContext {
  debtor: Debtor;
  sector?: Sector;
  /** The invoice date: when given the check is about this invoice, otherwise about every possible invoice date. */
  issue?: PlainDate;
  /** The delivery (for perishable food, the cap runs from it); the invoice date when unknown. */
  delivery?: PlainDate;
  locale?: Locale;
  rules?: readonly TermRule[];
}

export interface TermCheck {
  compliant: boolean;
  /** The cap that applies, `null` for consumers (no statutory cap). */
  rule: TermRule | null;
  /** The invoice checked: the one given, or the worst case found for a term checked in general. */
  example?: { issue: string; due: string; latest: string };
  warnings: LawWarning[];
}

function ruleFor(context: TermContext): TermRule | null {
  const rules = context.rules ?? TERM_RULES;
  let id: TermRuleId;
  if (context.debtor === "consumer") return null;
  if (context.debtor === "public") id = "public";
  else if (context.sector === "periodic_invoice") id = "periodic_invoice";
  else if (context.sector === "perishable_food") id = "perishable_food";
  else if (context.sector === "transport") id = "transport";
  else id = "b2b";
  return rules.find((r) => r.id === id) ?? null;
}

/**
 * The latest lawful due date for an invoice under a rule. For the "45 jours fin de mois" alternative both
 * DGCCRF countings are accepted: invoice date + 45 days then end of month, or end of month then + 45 days.
 */
export function latestDueDate(rule: TermRule, issue: PlainDate, from: PlainDate, endOfMonthAgreed: boolean) {
  let latest = addDays(from, rule.days);
  if (endOfMonthAgreed && rule.end_of_month_days !== undefined) {
    for (const d of [
      endOfMonth(addDays(issue, rule.end_of_month_days)),
      addDays(endOfMonth(issue), rule.end_of_month_days),
    ]) {
      if (compareDates(d, latest) > 0) latest = d;
    }
  }
  return latest;
}

const CAP_MESSAGE: Record<TermRuleId, MessageCode> = {
  b2b: "terms.cap.b2b",
  periodic_invoice: "terms.cap.periodic_invoice",
  perishable_food: "terms.cap.perishable_food",
  transport: "terms.cap.transport",
  public: "terms.cap.public",
};

/**
 * Checks a concrete due date against the cap. `endOfMonthAgreed`: whether the contract stipulates an
 * end-of-month term (the only case where "45 jours fin de mois" may be used instead of 60 days); when the
 * agreed term is unknown, pass `true` so that a lawful end-of-month term is not reported.
 */
export function checkDueDate(
  issue: PlainDate,
  due: PlainDate,
  context: TermContext & { endOfMonthAgreed?: boolean; term?: string },
): TermCheck {
  const rule = ruleFor(context);
  if (rule === null) return { compliant: true, rule: null, warnings: [] };
  const locale = context.locale ?? "fr";
  const warnings: LawWarning[] = [];
  let from = issue;
  if (rule.from === "delivery") {
    if (context.delivery) from = context.delivery;
    else warnings.push({ code: "terms.delivery_unknown", params: {} });
  }
  const latest = latestDueDate(rule, issue, from, context.endOfMonthAgreed ?? true);
  const compliant = compareDates(due, latest) <= 0;
  if (!compliant) {
    warnings.unshift({
      code: CAP_MESSAGE[rule.id],
      params: {
        term: context.term ?? formatTerm({ kind: "days", days: issue.until(due).days }, locale),
        issue: formatDate(issue, locale),
        from: formatDate(from, locale),
        due: formatDate(due, locale),
        latest: formatDate(latest, locale),
      },
    });
  }
  if (!rule.confirmed) warnings.push({ code: "terms.rule_unconfirmed", params: { article: rule.article } });
  return {
    compliant,
    rule,
    example: { issue: toIso(issue), due: toIso(due), latest: toIso(latest) },
    warnings,
  };
}

/** Invoice dates over a common year and a leap year: every month length and both Februaries. */
const SAMPLE_START = new Temporal.PlainDate(2027, 1, 1);
const SAMPLE_DAYS = 365 + 366;

/**
 * Checks an agreed term against the cap for the debtor and the sector (consumers: no cap).
 *
 * With `context.issue` the check is about that invoice. Without it, the term is lawful only if it is lawful for
 * every invoice date (checked over 2027 and 2028: every month length, both Februaries); the worst invoice date
 * found is reported as the example. Without a delivery date the perishable-food cap is counted from the invoice
 * date. The "45 jours fin de mois" alternative is only accepted for end-of-month terms (L441-10 requires it to be
 * expressly agreed), a plain "N jours" term is held to the 60 days.
 */
export function checkTerm(term: PaymentTerm, context: TermContext): TermCheck {
  const endOfMonthAgreed = term.kind === "days_end_of_month" || term.kind === "end_of_month_plus";
  const locale = context.locale ?? "fr";
  const label = formatTerm(term, locale);
  if (context.issue) {
    return checkDueDate(context.issue, dueDate(context.issue, term), {
      ...context,
      endOfMonthAgreed,
      term: label,
    });
  }
  const rule = ruleFor(context);
  if (rule === null) return { compliant: true, rule: null, warnings: [] };
  let worst: { issue: PlainDate; excess: number } | null = null;
  for (let i = 0; i < SAMPLE_DAYS; i++) {
    const issue = addDays(SAMPLE_START, i);
    const due = dueDate(issue, term);
    const latest = latestDueDate(rule, issue, issue, endOfMonthAgreed);
    const excess = latest.until(due).days;
    if (excess > 0 && (worst === null || excess > worst.excess)) worst = { issue, excess };
  }
  const sample = worst?.issue ?? SAMPLE_START;
  const check = checkDueDate(sample, dueDate(sample, term), {
    ...context,
    delivery: sample,
    endOfMonthAgreed,
    term: label,
  });
  return worst === null ? { ...check, example: undefined } : check;
}
