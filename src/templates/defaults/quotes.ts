/**
 * The default quote messages (devis, docs/quotes.md), French and English: the e-mail that sends the quote, its PDF
 * attached (`quote.sent`), and the reminder a few days before its validity date (`quote.expiry`). They name the
 * quote, its amount TTC, its validity and the deposit (acompte) asked on acceptance; the client portal's link when
 * the context has one (`portal_url`). Courteous: an offer, not a claim.
 */
import type { TemplateSpec } from "./compose.js";

const Q = "quote";
export type QuoteMessage = "sent" | "expiry";

export const QUOTE_FR: Record<QuoteMessage, TemplateSpec> = {
  sent: {
    subject: `Devis n° {{ ${Q}.number }} – {{ organization.name }}`,
    greeting: "friendly",
    body: [
      `Veuillez trouver ci-joint notre devis n° {{ ${Q}.number }} du {{ ${Q}.issue_date | day }}, d'un montant de {{ ${Q}.total_ttc_cents | money }} TTC ({{ ${Q}.total_ht_cents | money }} HT).`,
      {
        when: `${Q}.valid_until`,
        text: `Cette proposition est valable jusqu'au {{ ${Q}.valid_until | day }}.`,
      },
      {
        when: `${Q}.deposit_percent > 0`,
        text: `Un acompte de {{ ${Q}.deposit_percent }} %, soit {{ ${Q}.deposit_cents | money }}, vous sera facturé à l'acceptation du devis.`,
      },
      "Pour l'accepter, il vous suffit de nous retourner le devis daté et signé, avec la mention « Bon pour accord ».",
      {
        when: "portal_url",
        text: "Vous pouvez aussi le consulter et l'accepter en ligne : {{ portal_url }}",
      },
      "Nous restons à votre disposition pour toute question.",
    ],
    closing: "Bien cordialement,",
  },
  expiry: {
    subject: `Votre devis n° {{ ${Q}.number }} expire le {{ ${Q}.valid_until | short_day }}`,
    greeting: "friendly",
    body: [
      `Pour mémoire, notre devis n° {{ ${Q}.number }} du {{ ${Q}.issue_date | day }}, d'un montant de {{ ${Q}.total_ttc_cents | money }} TTC, est valable jusqu'au {{ ${Q}.valid_until | day }}. Vous le trouverez de nouveau ci-joint.`,
      "Si vous souhaitez y donner suite, il vous suffit de nous le retourner daté et signé, avec la mention « Bon pour accord », d'ici cette date.",
      {
        when: `${Q}.deposit_percent > 0`,
        text: `Un acompte de {{ ${Q}.deposit_percent }} %, soit {{ ${Q}.deposit_cents | money }}, vous sera facturé à l'acceptation.`,
      },
      {
        when: "portal_url",
        text: "Vous pouvez aussi le consulter et l'accepter en ligne : {{ portal_url }}",
      },
      "Si vous nous avez déjà répondu, merci de ne pas tenir compte de ce message. N'hésitez pas à nous contacter pour toute question ou adaptation.",
    ],
    closing: "Bien cordialement,",
  },
};

export const QUOTE_EN: Record<QuoteMessage, TemplateSpec> = {
  sent: {
    subject: `Quote {{ ${Q}.number }} – {{ organization.name }}`,
    greeting: "friendly",
    body: [
      `Please find attached our quote {{ ${Q}.number }} of {{ ${Q}.issue_date | day }}, for {{ ${Q}.total_ttc_cents | money }} including VAT ({{ ${Q}.total_ht_cents | money }} excluding VAT).`,
      { when: `${Q}.valid_until`, text: `This offer stands until {{ ${Q}.valid_until | day }}.` },
      {
        when: `${Q}.deposit_percent > 0`,
        text: `A deposit of {{ ${Q}.deposit_percent }}%, that is {{ ${Q}.deposit_cents | money }}, will be invoiced when you accept it.`,
      },
      "To accept it, simply send it back to us dated and signed, with the words « Bon pour accord » (approved).",
      { when: "portal_url", text: "You can also view and accept it online: {{ portal_url }}" },
      "Please let us know if you have any question.",
    ],
    closing: "Kind regards,",
  },
  expiry: {
    subject: `Your quote {{ ${Q}.number }} expires on {{ ${Q}.valid_until | short_day }}`,
    greeting: "friendly",
    body: [
      `As a reminder, our quote {{ ${Q}.number }} of {{ ${Q}.issue_date | day }}, for {{ ${Q}.total_ttc_cents | money }} including VAT, stands until {{ ${Q}.valid_until | day }}. You will find it attached again.`,
      "If you wish to go ahead, simply send it back to us dated and signed, with the words « Bon pour accord » (approved), by that date.",
      {
        when: `${Q}.deposit_percent > 0`,
        text: `A deposit of {{ ${Q}.deposit_percent }}%, that is {{ ${Q}.deposit_cents | money }}, will be invoiced on acceptance.`,
      },
      { when: "portal_url", text: "You can also view and accept it online: {{ portal_url }}" },
      "If you have already answered, please disregard this message. Do not hesitate to contact us with any question or change.",
    ],
    closing: "Kind regards,",
  },
};
