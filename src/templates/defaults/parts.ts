/**
 * Liquid snippets shared by the default templates, in each locale: the invoice list (text) and table (HTML),
 * the amounts, the payment details, the parties. Inline styles only: mail clients drop <style>.
 */
import type { Locale } from "../../core/messages.js";

export type InvoiceColumns = "due" | "late";
/** balance: what is left to pay; claim: + B2B penalties, indemnity, interest; consumer: + interest only. */
export type Amounts = "due" | "balance" | "claim" | "consumer";

/** `{% if invoices.size > 1 %}many{% else %}one{% endif %}` */
export const plural = (one: string, many: string) =>
  `{% if invoices.size > 1 %}${many}{% else %}${one}{% endif %}`;

export const NUMBERS = `{{ invoices | map: "number" | join: ", " }}`;

const S = {
  th: "padding:6px 8px;border-bottom:2px solid #cccccc;text-align:left;font-weight:bold;",
  thRight: "padding:6px 8px;border-bottom:2px solid #cccccc;text-align:right;font-weight:bold;",
  td: "padding:6px 8px;border-bottom:1px solid #e5e5e5;",
  tdRight: "padding:6px 8px;border-bottom:1px solid #e5e5e5;text-align:right;white-space:nowrap;",
  foot: "padding:8px 8px;font-weight:bold;",
  footRight: "padding:8px 8px;font-weight:bold;text-align:right;white-space:nowrap;",
  label: "padding:2px 24px 2px 0;",
  amount: "padding:2px 0;text-align:right;white-space:nowrap;",
  totalLabel: "padding:6px 24px 2px 0;border-top:1px solid #cccccc;font-weight:bold;",
  totalAmount:
    "padding:6px 0 2px;border-top:1px solid #cccccc;text-align:right;white-space:nowrap;font-weight:bold;",
};
export const P_STYLE = "margin:0 0 16px;";

interface Words {
  invoice: string;
  date: string;
  due: string;
  late: string;
  total: string;
  balance: string;
  totalBalance: string;
  days: string;
  line: Record<InvoiceColumns, string>;
  amounts: {
    due: string;
    balance: string;
    penalties: string;
    indemnity: string;
    interest: string;
    claim: string;
  };
  payment: { intro: string; reference: string; noIban: string; qrAlt: string; qrHint: string };
  /** The line before the client portal's URL. */
  portal: string;
  creditor: string;
  debtor: string;
  siren: string;
  contactUs: string;
}

const days = (unit: string, units: string) =>
  `{{ invoice.days_late }} {% if invoice.days_late > 1 %}${units}{% else %}${unit}{% endif %}`;
const partial = (word: string) =>
  `{% if invoice.balance_cents != invoice.total_cents %} ${word} {{ invoice.total_cents | money }}{% endif %}`;

const WORDS: Record<Locale, Words> = {
  fr: {
    invoice: "Facture",
    date: "Date",
    due: "Échéance",
    late: "Retard",
    total: "Montant TTC",
    balance: "Reste dû",
    totalBalance: "Total restant dû",
    days: days("jour", "jours"),
    line: {
      due: `Facture n° {{ invoice.number }} du {{ invoice.issue_date | short_day }}, échéance le {{ invoice.due_date | short_day }} : {{ invoice.balance_cents | money }}${partial("restant dû sur")}`,
      late: `Facture n° {{ invoice.number }} du {{ invoice.issue_date | short_day }}, échue le {{ invoice.due_date | short_day }} (${days("jour", "jours")} de retard) : {{ invoice.balance_cents | money }} restant dû${partial("sur")}`,
    },
    amounts: {
      due: "Montant à régler",
      balance: "Montant restant dû",
      penalties: "Pénalités de retard (art. L441-10 du Code de commerce)",
      indemnity: "Indemnité forfaitaire pour frais de recouvrement (art. D441-5 du Code de commerce)",
      interest: "Intérêts au taux légal",
      claim: "Total dû",
    },
    payment: {
      intro: "Coordonnées bancaires pour votre virement :",
      reference: "Référence à indiquer",
      noIban: "Merci d'indiquer la référence {{ payment.reference }} avec votre règlement.",
      qrAlt: "QR code de paiement",
      qrHint: "Scannez ce QR code avec l'application de votre banque pour préremplir le virement.",
    },
    creditor: "Créancier",
    debtor: "Débiteur",
    siren: "SIREN",
    portal: "Consultez vos factures, payez ou signalez un paiement en ligne :",
    contactUs:
      "contactez-nous{% if organization.phone %} au {{ organization.phone }}{% elsif organization.email %} à {{ organization.email }}{% endif %}",
  },
  en: {
    invoice: "Invoice",
    date: "Date",
    due: "Due date",
    late: "Overdue",
    total: "Total incl. VAT",
    balance: "Balance",
    totalBalance: "Total balance due",
    days: days("day", "days"),
    line: {
      due: `Invoice {{ invoice.number }} dated {{ invoice.issue_date | short_day }}, due on {{ invoice.due_date | short_day }}: {{ invoice.balance_cents | money }}${partial("outstanding out of")}`,
      late: `Invoice {{ invoice.number }} dated {{ invoice.issue_date | short_day }}, due on {{ invoice.due_date | short_day }} (${days("day", "days")} overdue): {{ invoice.balance_cents | money }} outstanding${partial("out of")}`,
    },
    amounts: {
      due: "Amount to pay",
      balance: "Balance due",
      penalties: "Late-payment penalties (art. L441-10, French Commercial Code)",
      indemnity: "Fixed indemnity for recovery costs (art. D441-5, French Commercial Code)",
      interest: "Interest at the legal rate",
      claim: "Total due",
    },
    payment: {
      intro: "Bank details for your transfer:",
      reference: "Reference to quote",
      noIban: "Please quote the reference {{ payment.reference }} with your payment.",
      qrAlt: "Payment QR code",
      qrHint: "Scan this QR code with your banking app to fill in the transfer.",
    },
    creditor: "Creditor",
    debtor: "Debtor",
    siren: "SIREN",
    portal: "See your invoices, pay or report a payment online:",
    contactUs:
      "contact us{% if organization.phone %} on {{ organization.phone }}{% elsif organization.email %} at {{ organization.email }}{% endif %}",
  },
};

export const words = (locale: Locale): Words => WORDS[locale];

/** "Label : " in French typography, "Label: " in English. */
const colon = (locale: Locale, label: string) => (locale === "fr" ? `${label} : ` : `${label}: `);

export function invoiceListText(locale: Locale, columns: InvoiceColumns): string {
  return `{% for invoice in invoices %}{% unless forloop.first %}\n{% endunless %}- ${WORDS[locale].line[columns]}{% endfor %}`;
}

export function invoiceTableHtml(locale: Locale, columns: InvoiceColumns): string {
  const w = WORDS[locale];
  const late = columns === "late";
  const head = [
    `<th style="${S.th}">${w.invoice}</th>`,
    `<th style="${S.th}">${w.date}</th>`,
    `<th style="${S.th}">${w.due}</th>`,
    late ? `<th style="${S.thRight}">${w.late}</th>` : "",
    `<th style="${S.thRight}">${w.total}</th>`,
    `<th style="${S.thRight}">${w.balance}</th>`,
  ].join("");
  const row = [
    `<td style="${S.td}">{{ invoice.number }}</td>`,
    `<td style="${S.td}white-space:nowrap;">{{ invoice.issue_date | short_day }}</td>`,
    `<td style="${S.td}white-space:nowrap;">{{ invoice.due_date | short_day }}</td>`,
    late ? `<td style="${S.tdRight}">${w.days}</td>` : "",
    `<td style="${S.tdRight}">{{ invoice.total_cents | money }}</td>`,
    `<td style="${S.tdRight}">{{ invoice.balance_cents | money }}</td>`,
  ].join("");
  return [
    `<table style="border-collapse:collapse;width:100%;margin:0 0 16px;font-size:14px;">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>{% for invoice in invoices %}`,
    `<tr>${row}</tr>{% endfor %}`,
    `</tbody>`,
    `<tfoot><tr><td colspan="${late ? 5 : 4}" style="${S.foot}">${w.totalBalance}</td>` +
      `<td style="${S.footRight}">{{ totals.balance_cents | money }}</td></tr></tfoot>`,
    `</table>`,
  ].join("\n");
}

type AmountLine = { when?: string; label: string; value: string; total?: boolean };

function amountLines(locale: Locale, kind: Amounts): AmountLine[] {
  const a = WORDS[locale].amounts;
  const balance = "{{ totals.balance_cents | money }}";
  if (kind === "due") return [{ label: a.due, value: balance }];
  if (kind === "balance") return [{ label: a.balance, value: balance }];
  const interest = {
    when: "totals.interest_cents > 0",
    label: a.interest,
    value: "{{ totals.interest_cents | money }}",
  };
  if (kind === "consumer") {
    const total = "{{ totals.balance_cents | plus: totals.interest_cents | money }}";
    return [
      { label: a.balance, value: balance },
      interest,
      { when: "totals.interest_cents > 0", label: a.claim, value: total, total: true },
    ];
  }
  return [
    { label: a.balance, value: balance },
    { when: "totals.penalty_cents > 0", label: a.penalties, value: "{{ totals.penalty_cents | money }}" },
    { when: "totals.indemnity_cents > 0", label: a.indemnity, value: "{{ totals.indemnity_cents | money }}" },
    interest,
    {
      when: "totals.claim_cents != totals.balance_cents",
      label: a.claim,
      value: "{{ totals.claim_cents | money }}",
      total: true,
    },
  ];
}

export function amountsText(locale: Locale, kind: Amounts): string {
  return amountLines(locale, kind)
    .map((l, i) => {
      const line = `${i === 0 ? "" : "\n"}${colon(locale, l.label)}${l.value}`;
      return l.when ? `{% if ${l.when} %}${line}{% endif %}` : line;
    })
    .join("");
}

export function amountsHtml(locale: Locale, kind: Amounts): string {
  const rows = amountLines(locale, kind).map((l) => {
    const row = l.total
      ? `<tr><td style="${S.totalLabel}">${l.label}</td><td style="${S.totalAmount}">${l.value}</td></tr>`
      : `<tr><td style="${S.label}">${l.label}</td><td style="${S.amount}">${l.value}</td></tr>`;
    return l.when ? `{% if ${l.when} %}${row}{% endif %}` : row;
  });
  return [
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;">`,
    ...rows,
    "</table>",
  ].join("\n");
}

export function paymentText(locale: Locale): string {
  const p = WORDS[locale].payment;
  return (
    `{% if payment.iban %}${p.intro}\n${colon(locale, "IBAN")}{{ payment.iban | iban }}\n` +
    `{% if payment.bic %}${colon(locale, "BIC")}{{ payment.bic }}\n{% endif %}` +
    `${colon(locale, p.reference)}{{ payment.reference }}{% else %}${p.noIban}{% endif %}`
  );
}

export function paymentHtml(locale: Locale): string {
  const p = WORDS[locale].payment;
  return [
    `{% if payment.iban %}<p style="${P_STYLE}">${p.intro}<br>`,
    `${colon(locale, "IBAN")}<strong style="white-space:nowrap;">{{ payment.iban | iban }}</strong><br>`,
    `{% if payment.bic %}${colon(locale, "BIC")}{{ payment.bic }}<br>{% endif %}`,
    `${colon(locale, p.reference)}<strong>{{ payment.reference }}</strong></p>`,
    `{% else %}<p style="${P_STYLE}">${p.noIban.replace("{{ payment.reference }}", "<strong>{{ payment.reference }}</strong>")}</p>{% endif %}`,
    `{% if payment.qr_code_url %}<p style="${P_STYLE}"><img src="{{ payment.qr_code_url }}" width="160" height="160" alt="${p.qrAlt}" style="display:block;border:0;margin:0 0 4px;">`,
    `<span style="font-size:13px;color:#666666;">${p.qrHint}</span></p>{% endif %}`,
  ].join("\n");
}

/** The client portal's URL (`portal_url`, docs/portal.md); compose shows it only when there is one. */
export function portalText(locale: Locale): string {
  return `${WORDS[locale].portal} {{ portal_url }}`;
}

export function portalHtml(locale: Locale): string {
  return `<p style="${P_STYLE}">${WORDS[locale].portal} <a href="{{ portal_url }}">{{ portal_url }}</a></p>`;
}

/** The two parties, for letters and formal notices (Code civil 1344: the parties must be identified). */
export function partiesText(locale: Locale): string {
  const w = WORDS[locale];
  return (
    `${colon(locale, w.creditor)}{{ organization.name }}{% if organization.legal_form %} ({{ organization.legal_form }}){% endif %}` +
    `{% if organization.siren %}, ${w.siren} {{ organization.siren }}{% endif %}\n{{ organization.address }}\n` +
    `${colon(locale, w.debtor)}{{ client.name }}`
  );
}

export function partiesHtml(locale: Locale): string {
  const w = WORDS[locale];
  return (
    `<p style="${P_STYLE}font-size:14px;">${colon(locale, w.creditor)}<strong>{{ organization.name }}</strong>` +
    `{% if organization.legal_form %} ({{ organization.legal_form }}){% endif %}` +
    `{% if organization.siren %}, ${w.siren} {{ organization.siren }}{% endif %}<br>\n{{ organization.address | newline_to_br }}<br>\n` +
    `${colon(locale, w.debtor)}<strong>{{ client.name }}</strong></p>`
  );
}
