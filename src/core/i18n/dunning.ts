/** Messages of the dunning run, the outbox and the dispatcher (French first; `en` has the same codes). */
export const dunningFr = {
  "hold.set.dispute": "Client en litige : relances suspendues. {reason}",
  "hold.set.promise": "Promesse de paiement jusqu'au {until} : relances suspendues. {reason}",
  "hold.set.manual": "Relances en pause (jusqu'au {until}). {reason}",
  "hold.lifted": "Relances reprises",
  "hold.dispute_on_invoice":
    "Le litige d'une facture se déclare avec « Litige » sur la facture ; ici : promesse ou pause",
  "hold.held_by_plan":
    "Les relances de la facture {number} sont suspendues par un échéancier en cours : elles reprennent d'elles-mêmes, à la mise en demeure, s'il n'est pas respecté (déchéance du terme).",
  "hold.held_by_bill":
    "Les relances de la facture {number} sont suspendues par une lettre de change à échéance du {due} : enregistrez son paiement ou son impayé, ou annulez-la.",
  "hold.held_by_recovery":
    "Les relances de la facture {number} sont suspendues par le dossier de recouvrement judiciaire ouvert le {date} : elles reprennent à sa clôture.",
  "dunning.step_fired": "{code} — {step}",
  "dunning.step_skipped": "Étape passée ({code}) : {step} — une étape plus récente était déjà due",
  "dunning.cancelled_settled": "Annulé : plus rien n'est dû sur {numbers} (payé ou avoir)",
  "dunning.cancelled_written_off": "Annulé : {numbers} passée(s) en perte (dossier de recouvrement clos)",
  "dunning.cancelled_held":
    "Annulé : {numbers} en suspens (litige, promesse, pause, échéancier, lettre de change ou dossier de recouvrement)",
  "dunning.cancelled_by_user": "Annulé par {user}",
  "dunning.dropped": "Retiré du message : {numbers} (réglé ou en suspens entre-temps)",
  "dunning.no_address":
    "Aucune adresse e-mail pour « {client} » : ajoutez un contact de facturation, puis renvoyez",
  "dunning.failed_task": "Envoi échoué — {client} : {error}",
  "dunning.uncertain_task":
    "Envoi incertain — {client} : le serveur a peut-être reçu le message avant l'interruption ; vérifiez avant de renvoyer",
  "dunning.formal_notice_sent": "Mise en demeure établie ({step}) : lettre recommandée à poster",
  "dunning.letter_task": "Poster la lettre — {client} : {step}",
  "dunning.registered_letter_task":
    "Envoyer en recommandé avec AR — {client} : {step} ; saisissez ensuite le numéro et les dates",
  "dunning.not_awaiting_approval": "Ce message n'attend pas d'approbation (état : {state})",
  "dunning.not_retryable": "Ce message ne peut pas être renvoyé (état : {state})",
  "dunning.not_cancellable": "Ce message ne peut plus être annulé (état : {state})",
  "dunning.not_a_letter": "Ce message n'est pas une lettre recommandée",
  "dunning.letter_dates_order": "Les dates doivent se suivre : envoi, présentation, réception",
  "dunning.outbox_not_found": "Message introuvable",
  "dunning.task_not_found": "Tâche introuvable",
  "dunning.hold_until_required": "Indiquez jusqu'à quelle date (promesse de paiement ou pause)",
  "dunning.hold_until_past": "La date de fin ({date}) est déjà passée",
  "dunning.run_done":
    "Relances du {date} : {planned} envoi(s) ou tâche(s) planifié(s), {skipped} étape(s) passée(s), {awaiting} en attente d'approbation, {sent} envoyé(s).",
  "dunning.run_dry": "Simulation, rien n'a été écrit.",
  "dunning.future_run":
    "Un jour à venir ne peut être lancé qu'en simulation (dry_run) : les relances partiraient en avance.",
  "dunning.run_nothing": "Rien à faire le {date}.",
  "dunning.smtp_saved": "Serveur SMTP enregistré : {url}",
  "dunning.smtp_from_environment":
    "Le serveur SMTP est fixé par la variable d'environnement RELANCE_SMTP_URL : changez-la sur le serveur.",
  "dunning.smtp_cleared": "Serveur SMTP supprimé : les messages restent dans la boîte d'envoi de Relance.",
  "dunning.secret_key_missing":
    "RELANCE_SECRET_KEY n'est pas défini : impossible de chiffrer le mot de passe SMTP. Définissez une clé (64 caractères hexadécimaux) ou utilisez RELANCE_SMTP_URL.",
} as const;

export const dunningEn: Record<keyof typeof dunningFr, string> = {
  "hold.set.dispute": "Client in dispute: reminders suspended. {reason}",
  "hold.set.promise": "Promise to pay until {until}: reminders suspended. {reason}",
  "hold.set.manual": "Reminders paused (until {until}). {reason}",
  "hold.lifted": "Reminders resumed",
  "hold.dispute_on_invoice":
    'An invoice\'s dispute is declared with "Dispute" on the invoice; here: a promise or a pause',
  "hold.held_by_plan":
    "Reminders of invoice {number} are suspended by a payment plan (échéancier) in progress: they resume by themselves, at the formal notice, if it is not kept (déchéance du terme).",
  "hold.held_by_bill":
    "Reminders of invoice {number} are suspended by a bill of exchange due {due}: record its payment or non-payment, or cancel it.",
  "hold.held_by_recovery":
    "Reminders of invoice {number} are suspended by the judicial recovery case opened on {date}: they resume when it is closed.",
  "dunning.step_fired": "{code} — {step}",
  "dunning.step_skipped": "Step passed over ({code}): {step} — a later step was already due",
  "dunning.cancelled_settled": "Cancelled: nothing is owed any more on {numbers} (paid or credited)",
  "dunning.cancelled_written_off": "Cancelled: {numbers} written off (recovery case closed)",
  "dunning.cancelled_held":
    "Cancelled: {numbers} on hold (dispute, promise, pause, payment plan, bill of exchange or recovery case)",
  "dunning.cancelled_by_user": "Cancelled by {user}",
  "dunning.dropped": "Removed from the message: {numbers} (settled or put on hold meanwhile)",
  "dunning.no_address": 'No e-mail address for "{client}": add a billing contact, then resend',
  "dunning.failed_task": "Sending failed — {client}: {error}",
  "dunning.uncertain_task":
    "Uncertain send — {client}: the server may have received the message before the interruption; check before resending",
  "dunning.formal_notice_sent": "Mise en demeure produced ({step}): registered letter to post",
  "dunning.letter_task": "Post the letter — {client}: {step}",
  "dunning.registered_letter_task":
    "Send by registered post with acknowledgement of receipt — {client}: {step}; then enter its number and dates",
  "dunning.not_awaiting_approval": "This message does not await approval (state: {state})",
  "dunning.not_retryable": "This message cannot be resent (state: {state})",
  "dunning.not_cancellable": "This message can no longer be cancelled (state: {state})",
  "dunning.not_a_letter": "This message is not a registered letter",
  "dunning.letter_dates_order": "The dates must follow each other: sent, presented, received",
  "dunning.outbox_not_found": "Message not found",
  "dunning.task_not_found": "Task not found",
  "dunning.hold_until_required": "Give the end date (promise to pay or pause)",
  "dunning.hold_until_past": "The end date ({date}) has already passed",
  "dunning.run_done":
    "Dunning for {date}: {planned} message(s) or task(s) planned, {skipped} step(s) passed over, {awaiting} awaiting approval, {sent} sent.",
  "dunning.run_dry": "Dry run, nothing written.",
  "dunning.future_run":
    "A future day can only be run as a simulation (dry_run): reminders would go out early.",
  "dunning.run_nothing": "Nothing to do on {date}.",
  "dunning.smtp_saved": "SMTP server saved: {url}",
  "dunning.smtp_from_environment":
    "The SMTP server is set by the RELANCE_SMTP_URL environment variable: change it on the server.",
  "dunning.smtp_cleared": "SMTP server removed: messages stay in Relance's outbox.",
  "dunning.secret_key_missing":
    "RELANCE_SECRET_KEY is not set: the SMTP password cannot be encrypted. Set a key (64 hex characters) or use RELANCE_SMTP_URL.",
};
