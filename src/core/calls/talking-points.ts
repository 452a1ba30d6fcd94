import { addDays, formatDate, isWeekend, type PlainDate, toIso } from "../calendar.js";
import type { PaymentScore, PaymentTone } from "../clients/payment-score.js";
import type { Locale } from "../messages.js";
import { type Cents, formatEuros } from "../money.js";

/** What the caller knows before dialling: the client's behaviour and what it owes today. */
export interface CallSituation {
  score: PaymentScore;
  client_kind: "business" | "consumer" | "public";
  /** Open invoices past their due date. */
  overdue_invoices: number;
  /** Σ balances of the open invoices. */
  balance_cents: number;
  /** Penalties, indemnities and interest the law engine adds to the balance. */
  extras_cents: number;
  max_days_late: number;
  disputed_invoices: number;
  /** Promises still open (a promise made and not yet due). */
  open_promises: number;
  today: PlainDate;
}

export type ProposalKind = "payment_date" | "plan" | "bill";

export interface Proposal {
  kind: ProposalKind;
  /** A payment date (payment_date only). */
  date: string | null;
  text: string;
}

export interface CallScript {
  tone: PaymentTone;
  opening: string;
  points: string[];
  proposals: Proposal[];
}

/** A balance from which a payment plan (échéancier) is proposed, and a number of late invoices. */
export const PLAN_BALANCE_CENTS = 300_000;
export const PLAN_LATE_INVOICES = 3;
/** The payment date proposed: in so many days by tone, moved off a weekend to the Monday. */
export const PAYMENT_DATE_DAYS: Record<PaymentTone, number> = { friendly: 8, firm: 5, formal: 3 };

type Text = Record<Locale, string>;

const OPENINGS: Record<PaymentTone, Text> = {
  friendly: {
    fr: "Ton cordial : c'est un bon client, le retard est sans doute un oubli. Prenez des nouvelles, puis parlez de la facture.",
    en: "Friendly tone: a good client, the delay is most likely an oversight. Ask how things are, then mention the invoice.",
  },
  firm: {
    fr: "Ton ferme et compréhensif : rappelez les faits et les montants, écoutez la raison du retard, obtenez une date précise.",
    en: "Firm but understanding: state the facts and amounts, listen to the reason for the delay, get a precise date.",
  },
  formal: {
    fr: "Ton formel : retards répétés. Restez courtois, rappelez les conséquences (pénalités, mise en demeure) et n'acceptez qu'un engagement daté.",
    en: "Formal tone: repeated delays. Stay courteous, recall the consequences (penalties, formal notice) and accept only a dated commitment.",
  },
};

/** Talking points as data: each says when it applies; `{…}` are filled from the situation. */
const POINTS: readonly { when: (s: CallSituation) => boolean; text: Text }[] = [
  {
    when: (s) => s.score.first_delay || (s.score.grade === "A" && s.overdue_invoices > 0),
    text: {
      fr: "Premier retard d'un bon payeur : demandez s'il a bien reçu la facture et s'il y a un souci.",
      en: "A good payer's first delay: ask whether the invoice was received and whether anything is wrong.",
    },
  },
  {
    when: (s) => s.overdue_invoices > 0,
    text: {
      fr: "Dû aujourd'hui : {balance} sur {overdue} facture(s) échue(s), jusqu'à {days} jours de retard.",
      en: "Owed today: {balance} on {overdue} overdue invoice(s), up to {days} days late.",
    },
  },
  {
    when: (s) => s.extras_cents > 0 && s.score.tone !== "friendly",
    text: {
      fr: "Pénalités et indemnités déjà dues : {extras} — à mentionner, à abandonner si le paiement arrive à la date convenue.",
      en: "Penalties and indemnities already due: {extras} — mention them; they can be waived if payment comes on the agreed date.",
    },
  },
  {
    when: (s) => s.score.late_invoices > 1 && s.score.average_days_late !== null,
    text: {
      fr: "Habitude : {late} factures en retard sur 12 mois, {average} jours en moyenne, au plus {longest} jours.",
      en: "Pattern: {late} late invoices over 12 months, {average} days on average, {longest} days at most.",
    },
  },
  {
    when: (s) => s.score.trend === "worsening",
    text: {
      fr: "Les retards s'allongent depuis six mois : demandez si la trésorerie est tendue.",
      en: "Delays have been growing for six months: ask whether cash is tight.",
    },
  },
  {
    when: (s) => s.score.trend === "improving",
    text: {
      fr: "Les délais s'améliorent : saluez-le, c'est un levier pour obtenir une date proche.",
      en: "Payment times are improving: acknowledge it, it helps to get an early date.",
    },
  },
  {
    when: (s) => s.score.broken_promises > 0,
    text: {
      fr: "{broken} promesse(s) non tenue(s) en 12 mois : ne vous contentez pas d'une promesse, demandez un virement daté ou une lettre de change.",
      en: "{broken} broken promise(s) in 12 months: do not settle for a promise, ask for a dated transfer or a bill of exchange.",
    },
  },
  {
    when: (s) => s.open_promises > 0,
    text: {
      fr: "Une promesse de paiement est en cours : rappelez-la plutôt que d'en demander une nouvelle.",
      en: "A promise to pay is open: remind them of it rather than asking for a new one.",
    },
  },
  {
    when: (s) => s.disputed_invoices > 0,
    text: {
      fr: "{disputed} facture(s) en litige : faites préciser la contestation, elle ne justifie pas de retenir les autres factures.",
      en: "{disputed} invoice(s) disputed: get the objection stated precisely; it does not justify holding back the other invoices.",
    },
  },
  {
    when: (s) => s.score.tone === "formal",
    text: {
      fr: "Annoncez la suite sans menacer : sans paiement à la date convenue, la mise en demeure partira.",
      en: "Announce the next step without threatening: without payment on the agreed date, the formal notice (mise en demeure) will go.",
    },
  },
];

const PROPOSALS: Record<ProposalKind, Text> = {
  payment_date: {
    fr: "Proposez un paiement du solde au plus tard le {date}.",
    en: "Propose payment of the balance by {date} at the latest.",
  },
  plan: {
    fr: "Si le montant pose problème, proposez un échéancier (reconnaissance de dette) plutôt que d'attendre.",
    en: "If the amount is a problem, offer a payment plan (échéancier, with an acknowledgement of debt) rather than waiting.",
  },
  bill: {
    fr: "Client professionnel : une lettre de change (LCR) à échéance fixe sécurise la date de paiement.",
    en: "Business client: a bill of exchange (lettre de change, LCR) on a fixed date secures the payment date.",
  },
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** The payment date to propose: in a few days by tone, a weekend moved to the Monday. */
export function proposedPaymentDate(tone: PaymentTone, today: PlainDate): PlainDate {
  let date = addDays(today, PAYMENT_DATE_DAYS[tone]);
  while (isWeekend(date)) date = addDays(date, 1);
  return date;
}

/**
 * The call script from the situation: the tone (the score's), an opening, the talking points that apply and what
 * to propose — a payment date always, a payment plan when the balance is large or several invoices are late, a
 * bill of exchange to business clients only.
 */
export function talkingPoints(situation: CallSituation, locale: Locale): CallScript {
  const s = situation;
  const tone = s.score.tone;
  const values = {
    balance: formatEuros(s.balance_cents as Cents, locale),
    extras: formatEuros(s.extras_cents as Cents, locale),
    overdue: s.overdue_invoices,
    days: s.max_days_late,
    late: s.score.late_invoices,
    average:
      s.score.average_days_late === null
        ? "—"
        : String(s.score.average_days_late).replace(".", locale === "fr" ? "," : "."),
    longest: s.score.longest_delay_days,
    broken: s.score.broken_promises,
    disputed: s.disputed_invoices,
  };
  const points = POINTS.filter((p) => p.when(s)).map((p) => fill(p.text[locale], values));
  const proposals: Proposal[] = [];
  if (s.balance_cents > 0) {
    const date = proposedPaymentDate(tone, s.today);
    proposals.push({
      kind: "payment_date",
      date: toIso(date),
      text: fill(PROPOSALS.payment_date[locale], { date: formatDate(date, locale) }),
    });
    if (s.balance_cents >= PLAN_BALANCE_CENTS || s.score.late_invoices >= PLAN_LATE_INVOICES) {
      proposals.push({ kind: "plan", date: null, text: PROPOSALS.plan[locale] });
    }
    if (s.client_kind === "business")
      proposals.push({ kind: "bill", date: null, text: PROPOSALS.bill[locale] });
  }
  return { tone, opening: OPENINGS[tone][locale], points, proposals };
}
