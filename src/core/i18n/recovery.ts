/** Messages of the judicial recovery capability (docs/recovery.md): French first; `en` has the same codes. */
export const recoveryFr = {
  "recovery.case_not_found": "Dossier de recouvrement introuvable.",
  "recovery.no_open_case": "Ce client n'a pas de dossier de recouvrement ouvert.",
  "recovery.procedure_not_found": "Procédure introuvable dans ce dossier.",
  "recovery.case_already_open": "{client} a déjà un dossier de recouvrement ouvert.",
  "recovery.case_closed": "Ce dossier est clos depuis le {date} : il ne peut plus être modifié.",
  "recovery.prescribed":
    "Action refusée : les {n} facture(s) encore dues par {client} ({amount}) sont prescrites — la facture {number} ne pouvait plus être réclamée après le {date} ({basis}, {years} ans). Aucune procédure n'est possible.",
  "recovery.nothing_owed": "{client} n'a aucune facture échue impayée : rien à recouvrer.",
  "recovery.all_disputed":
    "Action refusée : les factures encore dues par {client} sont contestées ({numbers}). Une procédure ne vise qu'une créance non contestée : réglez d'abord le litige.",
  "recovery.prescribed_at_step":
    "Date refusée : le {date}, toutes les factures du dossier étaient prescrites (dernier jour pour agir : {last}).",
  "recovery.mandatee_required": "Indiquez le nom du commissaire de justice ou de l'avocat mandaté.",
  "recovery.close_paid_owed":
    "Des factures du dossier restent dues ({numbers}) : enregistrez leur paiement, ou clôturez « accord trouvé » ou « passé en perte ».",
  "recovery.bad_outcome": "Issue inconnue : « {value} » (payé, accord ou perte).",
  "recovery.court_abroad":
    "Débiteur établi hors de France ({country}) : la juridiction française n'est pas désignée ici ; voyez l'injonction de payer européenne.",
  "recovery.court_no_address":
    "Adresse du débiteur incomplète : le tribunal est celui du lieu où il demeure (CPC 1406) — complétez son code postal et sa ville.",
  "recovery.court_alsace_moselle":
    "Alsace-Moselle : pas de tribunal de commerce, la requête va à la chambre commerciale du tribunal judiciaire (à vérifier).",
  "recovery.court_unverified":
    "Siège du tribunal déduit du code postal du débiteur à partir d'une table non vérifiée ({source}) : contrôlez-le avant de déposer.",
  "recovery.court_lookup":
    "Tribunal du lieu où demeure le débiteur ({place}) : cherchez la juridiction compétente dans l'annuaire des juridictions (justice.fr) et indiquez-la sur la procédure.",
  "recovery.evidence.invoices": "Factures",
  "recovery.evidence.agreement": "Devis signé, contrat ou bon de commande",
  "recovery.evidence.delivery": "Bons de livraison ou procès-verbal de réception",
  "recovery.evidence.reminders": "Relances envoyées",
  "recovery.evidence.formal_notice": "Mise en demeure et son accusé de réception",
  "recovery.evidence.invoices_found": "{n} facture(s) : {numbers}",
  "recovery.evidence.invoices_none": "Aucune facture échue non prescrite",
  "recovery.evidence.invoices_why": "Indispensables : elles fondent la créance et son montant.",
  "recovery.evidence.documents_found": "{n} pièce(s) : {files}",
  "recovery.evidence.agreement_none":
    "Manquant : aucun devis signé, contrat, bon de commande ou reconnaissance de dette dans le dossier du client",
  "recovery.evidence.agreement_why":
    "Prouve l'accord du débiteur sur la prestation et le prix : sans lui, le juge peut rejeter la requête ou le débiteur contester.",
  "recovery.evidence.delivery_none": "Manquant : aucun bon de livraison dans le dossier du client",
  "recovery.evidence.delivery_why":
    "Prouve que la prestation a été exécutée ou la marchandise livrée : répond d'avance à l'argument « rien reçu ».",
  "recovery.evidence.reminders_found": "{n} relance(s) du {first} au {last}",
  "recovery.evidence.reminders_none": "Manquant : aucune relance envoyée par Relance",
  "recovery.evidence.reminders_why":
    "Montre que le débiteur a été sollicité à l'amiable ; non obligatoire mais apprécié par le juge.",
  "recovery.evidence.notice_received": "Envoyée le {sent}, reçue le {received} (LRAR {number})",
  "recovery.evidence.notice_no_receipt":
    "Envoyée le {sent}, date de réception (AR) non enregistrée : saisissez-la dans la boîte d'envoi",
  "recovery.evidence.notice_none": "Manquant : aucune mise en demeure envoyée",
  "recovery.evidence.notice_why":
    "Non exigée avant une injonction de payer (avis Cass. 25/09/2025), mais c'est la preuve que le débiteur a été mis en demeure ; l'accusé de réception la date.",
  "recovery.evidence.notice_why_consumer":
    "Pour un particulier, les intérêts au taux légal ne courent qu'à compter de la mise en demeure (C. civ. 1231-6, 1344-1) : sa date de réception compte.",
  "recovery.step_wrong_kind": "Le champ {field} n'existe pas pour une procédure de ce type ({kind}).",
  "recovery.step_in_future": "La date {date} est dans le futur.",
  "recovery.step_order": "{field} ne peut pas précéder {before} ({date}).",
  "recovery.step_accepted_and_refused": "L'invitation ne peut pas être à la fois acceptée et refusée.",
  "recovery.step_title_needs_acceptance":
    "Le titre exécutoire n'est délivré qu'après l'accord du débiteur : indiquez d'abord la date d'acceptation.",
  "recovery.step_needs": "Indiquez d'abord : {field}.",
  "recovery.step_after_answer_deadline":
    "Acceptation refusée : le débiteur avait jusqu'au {deadline} pour répondre (1 mois, L125-1 CPCE) ; son silence vaut refus.",
  "recovery.step_order_lapsed":
    "Signification refusée : l'ordonnance devait être signifiée au plus tard le {deadline} ({months} mois) ; elle est non avenue, une nouvelle requête est nécessaire.",
  "recovery.step_opposition_running":
    "Le délai d'opposition (1 mois après la signification, CPC 1416) court jusqu'au {deadline} : la formule exécutoire ne peut être demandée qu'après.",
  "recovery.next.answer_deadline": "Réponse du débiteur attendue au plus tard le {date}",
  "recovery.next.service_deadline": "À signifier au plus tard le {date}",
  "recovery.next.opposition_deadline": "Délai d'opposition jusqu'au {date}",
  "recovery.status.draft": "à lancer",
  "recovery.status.sent": "demande envoyée",
  "recovery.status.invited": "débiteur invité",
  "recovery.status.accepted": "accord du débiteur",
  "recovery.status.refused": "refusée",
  "recovery.status.refused_silence": "refusée (silence d'un mois)",
  "recovery.status.title": "titre exécutoire délivré",
  "recovery.status.filed": "requête déposée",
  "recovery.status.order": "ordonnance rendue",
  "recovery.status.lapsed": "ordonnance non signifiée à temps",
  "recovery.status.served": "signifiée, opposition possible",
  "recovery.status.opposition_over": "délai d'opposition expiré",
  "recovery.status.enforceable": "exécutoire",
  "recovery.status.mandated": "mandat confié",
  "recovery.kind.small_claims": "Procédure simplifiée (petites créances)",
  "recovery.kind.injunction": "Injonction de payer",
  "recovery.kind.bailiff": "Commissaire de justice",
  "recovery.kind.lawyer": "Avocat",
  "recovery.stage.review": "à l'étude",
  "recovery.stage.small_claims": "petites créances",
  "recovery.stage.injunction": "injonction de payer",
  "recovery.stage.handed_over": "confié",
  "recovery.stage.closed": "clos",
  "recovery.outcome.paid": "payé",
  "recovery.outcome.settled": "accord trouvé",
  "recovery.outcome.written_off": "passé en perte (irrécouvrable)",
  "recovery.field.sent_on": "demande envoyée",
  "recovery.field.debtor_invited_on": "débiteur invité",
  "recovery.field.accepted_on": "acceptée",
  "recovery.field.refused_on": "refusée",
  "recovery.field.title_on": "titre exécutoire",
  "recovery.field.filed_on": "requête déposée",
  "recovery.field.order_on": "ordonnance",
  "recovery.field.served_on": "signification",
  "recovery.field.enforceable_on": "formule exécutoire",
  "recovery.field.deadline_on": "fin du délai de réponse du débiteur",
  "recovery.field.service_deadline_on": "à signifier au plus tard le",
  "recovery.field.opposition_deadline_on": "fin du délai d'opposition",
  "recovery.field.mandate_on": "mandat",
  "recovery.field.fees_cents": "frais",
  "recovery.timeline.opened": "Dossier de recouvrement judiciaire ouvert : {n} facture(s), {amount}",
  "recovery.timeline.court_claim":
    "Requête en injonction de payer déposée le {date} (prescription interrompue)",
  "recovery.timeline.procedure_added": "Recouvrement : {kind}",
  "recovery.timeline.procedure_updated": "Recouvrement, {kind} : {steps}",
  "recovery.timeline.details": "détails mis à jour",
  "recovery.timeline.closed": "Dossier de recouvrement clos : {outcome}",
  "recovery.timeline.hold": "Relances suspendues : dossier de recouvrement judiciaire ouvert le {date}",
  "recovery.timeline.hold_lifted": "Relances reprises : dossier de recouvrement clos ({outcome})",
  "recovery.timeline.written_off":
    "Facture passée en perte : {amount} irrécouvrable (dossier de recouvrement clos le {date})",
  "recovery.hold_reason":
    "Dossier de recouvrement judiciaire ouvert le {date} : la procédure remplace les relances jusqu'à sa clôture.",
  "recovery.invoice_in_plan":
    "La facture {number} fait partie d'un échéancier en cours : un dossier de recouvrement ne peut être ouvert qu'après sa rupture (déchéance du terme), ou son annulation s'il n'a pas commencé.",
  "recovery.invoice_on_bill":
    "La facture {number} est couverte par une lettre de change en cours (échéance du {due}) : enregistrez son paiement ou son impayé, ou annulez-la, avant d'ouvrir un dossier de recouvrement.",
  "recovery.cli_opened": "Dossier {id} ouvert pour {client} : {n} facture(s), {amount}.",
  "recovery.cli_closed": "Dossier {id} clos : {outcome}.",
  "recovery.cli_file": "Dossier écrit dans {path} ({n} pièce(s)).",
  "recovery.cli_step": "Dossier {id} : {kind} — {status}.",
  "recovery.cli_bad_kind": "Type de procédure inconnu : « {value} » (attendu : {allowed}).",
  "recovery.cli_no_procedure": "Ce dossier n'a pas encore de procédure « {kind} » : ajoutez-la avec --new.",
} as const;

export const recoveryEn: Record<keyof typeof recoveryFr, string> = {
  "recovery.case_not_found": "Recovery case not found.",
  "recovery.no_open_case": "This client has no open recovery case.",
  "recovery.procedure_not_found": "Procedure not found in this case.",
  "recovery.case_already_open": "{client} already has an open recovery case.",
  "recovery.case_closed": "This case was closed on {date}: it can no longer change.",
  "recovery.prescribed":
    "Refused: the {n} invoice(s) {client} still owes ({amount}) are time-barred (prescrites) — invoice {number} could no longer be claimed after {date} ({basis}, {years} years). No procedure is possible.",
  "recovery.nothing_owed": "{client} has no overdue unpaid invoice: nothing to recover.",
  "recovery.all_disputed":
    "Refused: the invoices {client} still owes are disputed ({numbers}). A procedure is only for an undisputed debt: settle the dispute first.",
  "recovery.prescribed_at_step":
    "Date refused: on {date} every invoice of the case was time-barred (last day to act: {last}).",
  "recovery.mandatee_required": "Give the name of the commissaire de justice or lawyer instructed.",
  "recovery.close_paid_owed":
    "Invoices of the case are still owed ({numbers}): record their payment, or close as settled or written off.",
  "recovery.bad_outcome": 'Unknown outcome: "{value}" (paid, settled or written_off).',
  "recovery.court_abroad":
    "Debtor established outside France ({country}): no French court is designated here; see the European order for payment.",
  "recovery.court_no_address":
    "Incomplete debtor address: the court is the one where the debtor lives (CPC 1406) — add its postcode and town.",
  "recovery.court_alsace_moselle":
    "Alsace-Moselle: no tribunal de commerce, the requête goes to the commercial chamber of the tribunal judiciaire (to verify).",
  "recovery.court_unverified":
    "Court seat derived from the debtor's postcode using an unverified table ({source}): check it before filing.",
  "recovery.court_lookup":
    "Court of the place where the debtor lives ({place}): look up the competent court in the court directory (justice.fr) and enter it on the procedure.",
  "recovery.evidence.invoices": "Invoices",
  "recovery.evidence.agreement": "Signed quote, contract or purchase order",
  "recovery.evidence.delivery": "Delivery notes or acceptance report",
  "recovery.evidence.reminders": "Reminders sent",
  "recovery.evidence.formal_notice": "Mise en demeure (formal notice) and its receipt",
  "recovery.evidence.invoices_found": "{n} invoice(s): {numbers}",
  "recovery.evidence.invoices_none": "No overdue invoice that is not time-barred",
  "recovery.evidence.invoices_why": "Indispensable: they found the claim and its amount.",
  "recovery.evidence.documents_found": "{n} piece(s): {files}",
  "recovery.evidence.agreement_none":
    "Missing: no signed quote, contract, purchase order or acknowledgement of debt in the client file",
  "recovery.evidence.agreement_why":
    "Proves the debtor agreed to the work and the price: without it the judge may reject the requête or the debtor dispute it.",
  "recovery.evidence.delivery_none": "Missing: no delivery note in the client file",
  "recovery.evidence.delivery_why":
    'Proves the work was done or the goods delivered: answers the "nothing received" defence in advance.',
  "recovery.evidence.reminders_found": "{n} reminder(s) from {first} to {last}",
  "recovery.evidence.reminders_none": "Missing: no reminder sent through Relance",
  "recovery.evidence.reminders_why":
    "Shows the debtor was asked amicably; not required but valued by the judge.",
  "recovery.evidence.notice_received": "Sent {sent}, received {received} (registered letter {number})",
  "recovery.evidence.notice_no_receipt":
    "Sent {sent}, receipt (AR) date not recorded: enter it in the outbox",
  "recovery.evidence.notice_none": "Missing: no mise en demeure sent",
  "recovery.evidence.notice_why":
    "Not required before an injonction de payer (Cass. opinion 25/09/2025), but it proves the debtor was given formal notice; the receipt dates it.",
  "recovery.evidence.notice_why_consumer":
    "For a consumer, interest at the legal rate runs only from the mise en demeure (Code civil 1231-6, 1344-1): its receipt date matters.",
  "recovery.step_wrong_kind": "Field {field} does not exist for a procedure of this kind ({kind}).",
  "recovery.step_in_future": "The date {date} is in the future.",
  "recovery.step_order": "{field} cannot come before {before} ({date}).",
  "recovery.step_accepted_and_refused": "The invitation cannot be both accepted and refused.",
  "recovery.step_title_needs_acceptance":
    "The enforceable title comes only after the debtor agreed: enter the acceptance date first.",
  "recovery.step_needs": "Enter first: {field}.",
  "recovery.step_after_answer_deadline":
    "Acceptance refused: the debtor had until {deadline} to answer (1 month, L125-1 CPCE); silence is a refusal.",
  "recovery.step_order_lapsed":
    "Service refused: the order had to be served by {deadline} ({months} months); it is void (non avenue), a new requête is needed.",
  "recovery.step_opposition_running":
    "The opposition period (1 month after service, CPC 1416) runs until {deadline}: the enforceable formula can be asked only after it.",
  "recovery.next.answer_deadline": "Debtor's answer due by {date}",
  "recovery.next.service_deadline": "To be served by {date}",
  "recovery.next.opposition_deadline": "Opposition possible until {date}",
  "recovery.status.draft": "to start",
  "recovery.status.sent": "request sent",
  "recovery.status.invited": "debtor invited",
  "recovery.status.accepted": "debtor agreed",
  "recovery.status.refused": "refused",
  "recovery.status.refused_silence": "refused (one month of silence)",
  "recovery.status.title": "enforceable title issued",
  "recovery.status.filed": "requête filed",
  "recovery.status.order": "order issued",
  "recovery.status.lapsed": "order not served in time",
  "recovery.status.served": "served, opposition possible",
  "recovery.status.opposition_over": "opposition period over",
  "recovery.status.enforceable": "enforceable",
  "recovery.status.mandated": "mandate given",
  "recovery.kind.small_claims": "Small-claims procedure",
  "recovery.kind.injunction": "Injonction de payer (order for payment)",
  "recovery.kind.bailiff": "Commissaire de justice (bailiff)",
  "recovery.kind.lawyer": "Lawyer",
  "recovery.stage.review": "under review",
  "recovery.stage.small_claims": "small claims",
  "recovery.stage.injunction": "injonction de payer",
  "recovery.stage.handed_over": "handed over",
  "recovery.stage.closed": "closed",
  "recovery.outcome.paid": "paid",
  "recovery.outcome.settled": "settled",
  "recovery.outcome.written_off": "written off (irrecoverable)",
  "recovery.field.sent_on": "request sent",
  "recovery.field.debtor_invited_on": "debtor invited",
  "recovery.field.accepted_on": "accepted",
  "recovery.field.refused_on": "refused",
  "recovery.field.title_on": "enforceable title",
  "recovery.field.filed_on": "requête filed",
  "recovery.field.order_on": "order",
  "recovery.field.served_on": "service",
  "recovery.field.enforceable_on": "enforceable formula",
  "recovery.field.deadline_on": "end of the debtor's time to answer",
  "recovery.field.service_deadline_on": "to be served by",
  "recovery.field.opposition_deadline_on": "end of the opposition period",
  "recovery.field.mandate_on": "mandate",
  "recovery.field.fees_cents": "fees",
  "recovery.timeline.opened": "Judicial recovery case opened: {n} invoice(s), {amount}",
  "recovery.timeline.court_claim": "Injonction de payer requête filed on {date} (prescription interrupted)",
  "recovery.timeline.procedure_added": "Recovery: {kind}",
  "recovery.timeline.procedure_updated": "Recovery, {kind}: {steps}",
  "recovery.timeline.details": "details updated",
  "recovery.timeline.closed": "Recovery case closed: {outcome}",
  "recovery.timeline.hold": "Reminders suspended: judicial recovery case opened on {date}",
  "recovery.timeline.hold_lifted": "Reminders resumed: recovery case closed ({outcome})",
  "recovery.timeline.written_off":
    "Invoice written off: {amount} irrecoverable (recovery case closed on {date})",
  "recovery.hold_reason":
    "Judicial recovery case opened on {date}: the procedure replaces the reminders until it is closed.",
  "recovery.invoice_in_plan":
    "Invoice {number} is part of a payment plan (échéancier) in progress: a recovery case can be opened only once it is broken (déchéance du terme), or cancelled if it has not started.",
  "recovery.invoice_on_bill":
    "Invoice {number} is covered by a pending bill of exchange (due {due}): record its payment or non-payment, or cancel it, before opening a recovery case.",
  "recovery.cli_opened": "Case {id} opened for {client}: {n} invoice(s), {amount}.",
  "recovery.cli_closed": "Case {id} closed: {outcome}.",
  "recovery.cli_file": "File written to {path} ({n} piece(s)).",
  "recovery.cli_step": "Case {id}: {kind} — {status}.",
  "recovery.cli_bad_kind": 'Unknown procedure kind: "{value}" (expected: {allowed}).',
  "recovery.cli_no_procedure": 'This case has no "{kind}" procedure yet: add it with --new.',
};
