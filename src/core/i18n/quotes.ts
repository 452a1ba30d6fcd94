/** Messages of quotes (devis) and their deposits (acomptes) — French first; `en` has the same codes. */
export const quotesFr = {
  "quote.move.already_final": "Le devis {number} est déjà {status} : il ne change plus.",
  "quote.move.not_sent": "Le devis {number} est un brouillon : envoyez-le d'abord.",
  "quote.move.already_sent": "Le devis {number} est déjà envoyé.",
  "quote.move.past_validity":
    "Le devis {number} n'est plus valable depuis le {date} : il ne peut plus être accepté. Faites un nouveau devis.",
  "quote.move.back_to_draft": "Un devis envoyé ne revient pas au brouillon.",
  "quote.invoice_number_taken": "Aucun numéro libre pour une facture du devis {number} : indiquez-en un.",
  "quote.not_accepted": "Le devis {number} n'est pas accepté : pas de facture de solde.",
  "quote.final_exists": "Le devis {number} a déjà sa facture de solde ({invoice}).",
  "quote.work_blocked": "Ne pas commencer les travaux : acompte non réglé.",
  "timeline.deposit_invoice":
    "Facture d'acompte {invoice} ({percent} %) émise sur le devis {number} : {amount} TTC",
  "timeline.final_invoice": "Facture de solde {invoice} émise sur le devis {number} : {amount} TTC",
  "quote.cli_state": "Devis {number} : {status}.",
  "quote.cli_deposit": "Facture d'acompte {invoice} : {amount} TTC, reste dû {balance}.",
  "quote.cli_final": "Facture de solde {invoice} : {amount} TTC.",
  "quote.cli_none": "Aucun devis.",
  "quote.cli_pdf": "Devis {number} écrit dans {path}",
  "quote.no_email":
    "Le client {client} n'a pas d'adresse e-mail : ajoutez un contact de facturation avec son e-mail, puis envoyez le devis. Rien n'a été envoyé.",
  "quote.email_expired":
    "Le devis {number} n'est plus valable depuis le {date} : il n'est pas envoyé par e-mail. Faites un nouveau devis.",
  "quote.message_cancelled": "Annulé : le devis {number} est {status}",
  "timeline.quote_email": "Devis {number} mis en envoi par e-mail à {address}",
  "timeline.quote_expiry_reminder":
    "Rappel de l'expiration du devis {number} (valable jusqu'au {date}) mis en envoi",
} as const;

export const quotesEn: Record<keyof typeof quotesFr, string> = {
  "quote.move.already_final": "Quote {number} is already {status}: it no longer changes.",
  "quote.move.not_sent": "Quote {number} is a draft: send it first.",
  "quote.move.already_sent": "Quote {number} is already sent.",
  "quote.move.past_validity":
    "Quote {number} has not been valid since {date}: it can no longer be accepted. Make a new quote.",
  "quote.move.back_to_draft": "A sent quote does not go back to draft.",
  "quote.invoice_number_taken": "No free number for an invoice of quote {number}: give one.",
  "quote.not_accepted": "Quote {number} is not accepted: no final invoice.",
  "quote.final_exists": "Quote {number} already has its final invoice ({invoice}).",
  "quote.work_blocked": "Do not start the work: deposit not paid.",
  "timeline.deposit_invoice":
    "Deposit invoice {invoice} ({percent}%) issued on quote {number}: {amount} incl. VAT",
  "timeline.final_invoice": "Final invoice {invoice} issued on quote {number}: {amount} incl. VAT",
  "quote.cli_state": "Quote {number}: {status}.",
  "quote.cli_deposit": "Deposit invoice {invoice}: {amount} incl. VAT, {balance} still due.",
  "quote.cli_final": "Final invoice {invoice}: {amount} incl. VAT.",
  "quote.cli_none": "No quotes.",
  "quote.cli_pdf": "Quote {number} written to {path}",
  "quote.no_email":
    "Client {client} has no e-mail address: add a billing contact with an e-mail, then send the quote. Nothing was sent.",
  "quote.email_expired":
    "Quote {number} has not been valid since {date}: it is not sent by e-mail. Make a new quote.",
  "quote.message_cancelled": "Cancelled: quote {number} is {status}",
  "timeline.quote_email": "Quote {number} queued for e-mail to {address}",
  "timeline.quote_expiry_reminder": "Reminder that quote {number} expires (valid until {date}) queued",
};
