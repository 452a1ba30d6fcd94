import { formatIsoDate, parseIsoDate } from "../core/calendar.js";
import type { LetterCase, Wording } from "./wording.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "26 November 2026". */
function longDate(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d.ok) return iso;
  return `${d.value.day} ${MONTHS[d.value.month - 1]} ${d.value.year}`;
}

const plural = (c: LetterCase, one: string, many: string) => (c.count > 1 ? many : one);

export const wordingEn: Wording = {
  longDate,
  shortDate: (iso) => formatIsoDate(iso, "en"),
  placeDate: (place, iso) => (place ? `${place}, ${longDate(iso)}` : longDate(iso)),
  registered: (number) =>
    `Registered letter with acknowledgement of receipt (lettre recommandée avec accusé de réception)${number ? ` No.\u00A0${number.replace(/ /g, "\u00A0")}` : ""}`,
  object: (c, first) => {
    const which = c.count > 1 ? `${c.count} unpaid invoices` : `invoice ${first}`;
    return c.kind === "mise_en_demeure"
      ? `Subject: Formal notice to pay (mise en demeure de payer) – ${which}`
      : `Subject: Reminder – ${c.count > 1 ? which : `unpaid ${which}`}`;
  },
  attention: (name) => `For the attention of ${name}`,
  salutation: (contact) => (contact ? `Dear ${contact},` : "Dear Sir or Madam,"),
  opening: (c) =>
    c.kind === "mise_en_demeure"
      ? plural(
          c,
          "Unless we are mistaken, the invoice below, now past its due date, remains unpaid despite our previous reminders.",
          `Unless we are mistaken, the ${c.count} invoices below, now past their due dates, remain unpaid despite our previous reminders.`,
        )
      : plural(
          c,
          "Unless we are mistaken, we have not yet received payment of the invoice below, which is now past its due date.",
          `Unless we are mistaken, we have not yet received payment of the ${c.count} invoices below, which are now past their due dates.`,
        ),
  columns: {
    number: "Invoice",
    issue: "Date",
    due: "Due date",
    total: "Amount incl. VAT",
    balance: "Balance due",
    late: "Days late",
  },
  breakdownTitle: "Statement of the sums due",
  principal: "Principal outstanding",
  penalties: (rate) =>
    `Late-payment penalties (pénalités de retard, art. L441-10 C. com., ${rate ?? "ECB rate + 10 points unless contractual"})`,
  indemnity: (perInvoice) =>
    `Fixed recovery indemnity (indemnité forfaitaire, art. D441-5 C. com.${perInvoice ? ", €40 per invoice" : ""})`,
  interest: "Statutory interest (intérêts au taux légal, art. 1231-6 and 1344-1 C. civ.)",
  total: "Total due",
  demand: (c, total, deadline) =>
    c.kind === "mise_en_demeure"
      ? `This letter is a formal notice (mise en demeure) to pay us the total sum of ${total} no later than ${deadline}.`
      : `We would be grateful if you could pay the sum of ${total} no later than ${deadline}.`,
  legal: (c) => {
    if (c.kind === "mise_en_demeure") {
      return c.professional
        ? "Late-payment penalties (pénalités de retard) are due by operation of law from the day after the due date, without any reminder being necessary (Code de commerce art. L441-10), and continue to run until full payment."
        : "Under articles 1231-6 and 1344-1 of the Code civil, this formal notice makes statutory interest (intérêts au taux légal) run on the sums due until full payment.";
    }
    return c.professional
      ? "Please note that under article L441-10 of the Code de commerce, any late payment automatically incurs late-payment penalties (pénalités de retard) and a fixed recovery indemnity of €40 (indemnité forfaitaire pour frais de recouvrement, Code de commerce art. D441-5)."
      : null;
  },
  payment: {
    title: "Payment by bank transfer",
    beneficiary: "Beneficiary:",
    iban: "IBAN:",
    bic: "BIC:",
    reference: "Reference to quote:",
    qr: "Payment QR code (EPC)",
  },
  nextStep: (c) =>
    c.kind === "mise_en_demeure"
      ? "Failing full payment within this time, we will start court recovery proceedings (procédure de recouvrement judiciaire) without further notice: an application for an order for payment (injonction de payer) to the competent court, or recourse to a judicial officer (commissaire de justice)."
      : "If you have paid in the meantime, please disregard this letter.",
  portal: "See your invoices, pay or report a payment online:",
  contact: (email, phone) => {
    const ways = [email && `at ${email}`, phone && `on ${phone}`].filter(Boolean).join(" or ");
    return ways ? `For any question, you can reach us ${ways}.` : null;
  },
  closing: (_c, contact) => (contact ? "Yours sincerely," : "Yours faithfully,"),
  runningHead: (c, iso) =>
    `${c.kind === "mise_en_demeure" ? "Formal notice (mise en demeure)" : "Reminder"} of ${formatIsoDate(iso, "en")}`,
  identity: { siren: "SIREN", vat: "VAT No.", phone: "Tel." },
};
