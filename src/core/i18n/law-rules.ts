/**
 * Messages of the law rules (src/core/law: terms, prescription, eligibility, compliance). French first; `en`
 * must have the same codes and placeholders.
 */
export const lawRulesFr = {
  // payment terms (terms.ts)
  "terms.invalid":
    "Délai de paiement non reconnu : « {value} » (exemples : « 30 jours », « 45 jours fin de mois », « fin de mois + 10 », « à réception »)",
  "terms.out_of_range": "Délai de paiement hors limites : « {value} » (au plus {max} jours)",
  "terms.day_of_month_invalid": "Jour du mois invalide dans « {value} » (de 1 à 28)",
  "terms.label.on_receipt": "à réception",
  "terms.label.days": "{days} jours",
  "terms.label.days_end_of_month": "{days} jours fin de mois",
  "terms.label.end_of_month": "fin de mois",
  "terms.label.end_of_month_plus": "fin de mois + {days} jours",
  "terms.cap.b2b":
    "Délai de paiement « {term} » au-delà du plafond légal entre professionnels : 60 jours après la date de facture, ou 45 jours fin de mois si le contrat le prévoit (article L441-10 du Code de commerce ; amende jusqu'à 2 M€, L441-16). Facture du {issue} : échéance le {due}, au plus tard le {latest}.",
  "terms.cap.periodic_invoice":
    "Délai de paiement « {term} » au-delà du plafond légal pour une facture périodique : 45 jours après la date d'émission (article L441-10 du Code de commerce). Facture du {issue} : échéance le {due}, au plus tard le {latest}.",
  "terms.cap.perishable_food":
    "Délai de paiement « {term} » au-delà du plafond légal pour les denrées périssables : 30 jours après la livraison (article L441-11 du Code de commerce). Livraison du {from} : échéance le {due}, au plus tard le {latest}.",
  "terms.cap.transport":
    "Délai de paiement « {term} » au-delà du plafond légal pour le transport et la location de véhicules : 30 jours après la date de facture (article L441-11 du Code de commerce). Facture du {issue} : échéance le {due}, au plus tard le {latest}.",
  "terms.cap.public":
    "Délai de paiement « {term} » au-delà du délai applicable aux acheteurs publics : 30 jours (article R2192-10 du Code de la commande publique). Facture du {issue} : échéance le {due}, au plus tard le {latest}.",
  "terms.delivery_unknown":
    "Date de livraison inconnue : le délai est compté à partir de la date de facture.",
  "terms.rule_unconfirmed":
    "Règle à vérifier ({article}) : ce plafond n'est pas confirmé ; vous pouvez le modifier dans les paramètres.",
  // prescription (prescription.ts)
  "prescription.event_before_due":
    "L'événement du {date} précède l'échéance : la prescription n'avait pas commencé, il est ignoré.",
  "prescription.event_after_expiry":
    "L'événement du {date} est postérieur à la prescription : il ne la fait pas revivre (une reconnaissance tardive peut valoir renonciation, articles 2250 et 2251 du Code civil, à apprécier au cas par cas).",
  "prescription.mediation_end_without_start":
    "Fin de médiation le {date} sans début de médiation enregistré : ignorée.",
  "prescription.court_claim":
    "Demande en justice du {date} : l'interruption dure jusqu'à la fin de l'instance (article 2242 du Code civil) ; la date affichée est la plus prudente, comptée à partir de la demande.",
  "prescription.public_unconfirmed":
    "Débiteur public : déchéance quadriennale (loi n° 68-1250 du 31 décembre 1968), 4 ans à compter du 1er janvier suivant l'échéance ; toute réclamation écrite l'interrompt. Règle à vérifier.",
  "prescription.suspended":
    "Médiation en cours depuis le {since} : la prescription est suspendue ; elle reprendra à la fin de la médiation pour au moins 6 mois (article 2238 du Code civil).",
  "prescription.long_stop":
    "Délai butoir de 20 ans à compter de l'échéance : prescription au plus tard le {date} (article 2232 du Code civil).",
  // procedures (eligibility.ts)
  "procedure.nothing_due": "Aucun montant à réclamer.",
  "procedure.debtor_merchant_unknown":
    "La qualité de commerçant du client n'est pas renseignée : le tribunal judiciaire est retenu. Si le client et vous êtes commerçants, indiquez-le sur sa fiche : la requête irait au tribunal de commerce.",
  "procedure.public_debtor":
    "Débiteur public : les voies d'exécution de droit commun ne s'appliquent pas aux personnes publiques ; le paiement d'une condamnation passe par le mandatement d'office (loi n° 80-539 du 16 juillet 1980).",
  "procedure.small_claims_ok":
    "Procédure simplifiée de recouvrement des petites créances possible : {amount} en principal et intérêts, jusqu'à {limit} (article L125-1 du Code des procédures civiles d'exécution).",
  "procedure.small_claims_over":
    "Procédure simplifiée de recouvrement des petites créances impossible : {amount} en principal et intérêts dépasse {limit} (article L125-1 du Code des procédures civiles d'exécution).",
  "procedure.small_claims_abroad":
    "Procédure simplifiée de recouvrement des petites créances impossible : le débiteur n'est pas établi en France ({country}).",
  "procedure.ip_commerce":
    "Injonction de payer devant le président du tribunal de commerce (créance entre commerçants), formulaire Cerfa n° {cerfa}, pour {amount} (articles 1405 et suivants du Code de procédure civile).",
  "procedure.ip_judiciaire":
    "Injonction de payer devant le président du tribunal judiciaire, formulaire Cerfa n° {cerfa}, pour {amount} (articles 1405 et suivants du Code de procédure civile).",
  "procedure.ip_abroad":
    "Injonction de payer française impossible : le tribunal compétent est celui du domicile du débiteur, établi hors de France ({country}).",
  "procedure.ip_serve_within_3_months":
    "Ordonnance rendue depuis le 1er septembre 2026 : à signifier dans les 3 mois (décret n° 2026-96).",
  "procedure.lawyer_required":
    "Avocat obligatoire : {amount} en principal et intérêts dépasse {limit} (articles 761 et 853 du Code de procédure civile).",
  "procedure.lawyer_not_required":
    "Avocat non obligatoire : {amount} en principal et intérêts, jusqu'à {limit} (articles 761 et 853 du Code de procédure civile).",
  "procedure.eop_ok":
    "Injonction de payer européenne possible : débiteur établi dans un autre État membre ({country}) (règlement (CE) n° 1896/2006, formulaire A).",
  "procedure.eop_domestic":
    "Injonction de payer européenne inutile : le débiteur est établi en France (procédure réservée aux litiges transfrontaliers).",
  "procedure.eop_denmark":
    "Injonction de payer européenne impossible : le Danemark n'applique pas le règlement (CE) n° 1896/2006.",
  "procedure.eop_outside_eu":
    "Injonction de payer européenne impossible : le débiteur est établi hors de l'Union européenne ({country}).",
  "procedure.uncontested_info":
    "Pour information : la loi du 23 avril 2026 crée une procédure de recouvrement des créances commerciales incontestées entre commerçants ; son décret d'application n'est pas confirmé.",
  "procedure.uncontested_not_merchants":
    "Procédure de recouvrement des créances commerciales incontestées réservée aux créances entre commerçants établis en France (loi du 23 avril 2026).",
  "procedure.uncontested_not_yet":
    "La procédure de recouvrement des créances commerciales incontestées n'existait pas à cette date (loi du 23 avril 2026).",
  // invoice mentions (compliance.ts)
  "mention.number": "Numéro de facture absent (numéro unique et chronologique).",
  "mention.issue_date": "Date d'émission absente.",
  "mention.seller_name": "Nom ou dénomination du vendeur absent.",
  "mention.seller_address": "Adresse du vendeur absente.",
  "mention.buyer_name": "Nom ou dénomination du client absent.",
  "mention.buyer_address": "Adresse du client absente.",
  "mention.seller_siren": "SIREN ou SIRET du vendeur absent.",
  "mention.seller_vat_number": "Numéro de TVA intracommunautaire du vendeur absent.",
  "mention.vat_exemption":
    "Mention « TVA non applicable, art. 293 B du CGI » absente (franchise en base de TVA).",
  "mention.vat_charged_in_franchise":
    "De la TVA est facturée alors que le vendeur est en franchise en base (article 293 B du CGI).",
  "mention.sale_date":
    "Date de la vente ou de la prestation absente (obligatoire lorsqu'elle diffère de la date de facture).",
  "mention.lines": "Aucune ligne : désignation, quantité et prix unitaire HT obligatoires.",
  "mention.line_description": "Ligne {position} : désignation absente.",
  "mention.vat_per_rate": "Montant de TVA par taux absent.",
  "mention.totals": "Totaux HT, TVA et TTC absents.",
  "mention.due_date": "Date d'échéance du paiement absente (article L441-9 du Code de commerce).",
  "mention.discount_terms":
    "Conditions d'escompte pour paiement anticipé absentes (ou la mention « pas d'escompte ») (article L441-9 du Code de commerce).",
  "mention.penalty_rate": "Taux des pénalités de retard absent (article L441-9 du Code de commerce).",
  "mention.recovery_indemnity":
    "Mention de l'indemnité forfaitaire de 40 € pour frais de recouvrement absente (articles L441-9 et D441-5 du Code de commerce).",
  "mention.buyer_siren": "SIREN du client absent (obligatoire pour les factures émises à partir du {from}).",
  "mention.indemnity_for_consumer":
    "L'indemnité forfaitaire de 40 € ne peut pas être réclamée à un consommateur : retirez cette mention (article L111-8 du Code des procédures civiles d'exécution).",
} as const;

export const lawRulesEn: Record<keyof typeof lawRulesFr, string> = {
  "terms.invalid":
    'Unrecognised payment term: "{value}" (examples: "30 days", "45 days end of month", "end of month + 10", "on receipt")',
  "terms.out_of_range": 'Payment term out of range: "{value}" (at most {max} days)',
  "terms.day_of_month_invalid": 'Invalid day of the month in "{value}" (from 1 to 28)',
  "terms.label.on_receipt": "on receipt",
  "terms.label.days": "{days} days",
  "terms.label.days_end_of_month": "{days} days end of month",
  "terms.label.end_of_month": "end of month",
  "terms.label.end_of_month_plus": "end of month + {days} days",
  "terms.cap.b2b":
    'Payment term "{term}" beyond the legal cap between businesses: 60 days from the invoice date, or 45 days end of month if the contract says so (Code de commerce L441-10; fine up to €2M, L441-16). Invoice of {issue}: due {due}, at the latest {latest}.',
  "terms.cap.periodic_invoice":
    'Payment term "{term}" beyond the legal cap for a periodic invoice: 45 days from the issue date (Code de commerce L441-10). Invoice of {issue}: due {due}, at the latest {latest}.',
  "terms.cap.perishable_food":
    'Payment term "{term}" beyond the legal cap for perishable foodstuffs: 30 days after delivery (Code de commerce L441-11). Delivered {from}: due {due}, at the latest {latest}.',
  "terms.cap.transport":
    'Payment term "{term}" beyond the legal cap for transport and vehicle rental: 30 days from the invoice date (Code de commerce L441-11). Invoice of {issue}: due {due}, at the latest {latest}.',
  "terms.cap.public":
    'Payment term "{term}" beyond the term that applies to public buyers: 30 days (Code de la commande publique R2192-10). Invoice of {issue}: due {due}, at the latest {latest}.',
  "terms.delivery_unknown": "Delivery date unknown: the term is counted from the invoice date.",
  "terms.rule_unconfirmed":
    "Rule to verify ({article}): this cap is not confirmed; you can change it in the settings.",
  "prescription.event_before_due":
    "The event of {date} is before the due date: prescription had not started, it is ignored.",
  "prescription.event_after_expiry":
    "The event of {date} is after the claim was prescribed: it does not revive it (a late acknowledgement may amount to a waiver, Code civil 2250 and 2251, case by case).",
  "prescription.mediation_end_without_start": "Mediation ended on {date} without a recorded start: ignored.",
  "prescription.court_claim":
    "Court claim of {date}: the interruption lasts until the proceedings end (Code civil 2242); the date shown is the safest one, counted from the claim.",
  "prescription.public_unconfirmed":
    "Public debtor: four-year lapse (loi n° 68-1250 of 31 December 1968), 4 years from 1 January after the due date; any written claim interrupts it. Rule to verify.",
  "prescription.suspended":
    "Mediation under way since {since}: prescription is suspended; it resumes when the mediation ends, for at least 6 months (Code civil 2238).",
  "prescription.long_stop":
    "20-year long stop from the due date: prescribed at the latest on {date} (Code civil 2232).",
  "procedure.nothing_due": "Nothing to claim.",
  "procedure.debtor_merchant_unknown":
    "Whether the client is a commerçant (merchant) is not recorded: the tribunal judiciaire is assumed. If both you and the client are merchants, say so on its page: the request would go to the tribunal de commerce.",
  "procedure.public_debtor":
    "Public debtor: ordinary enforcement measures do not apply to public persons; a judgment is paid through mandatory payment orders (loi n° 80-539 of 16 July 1980).",
  "procedure.small_claims_ok":
    "Simplified small-claims recovery possible: {amount} in principal and interest, up to {limit} (CPCE L125-1).",
  "procedure.small_claims_over":
    "Simplified small-claims recovery not possible: {amount} in principal and interest exceeds {limit} (CPCE L125-1).",
  "procedure.small_claims_abroad":
    "Simplified small-claims recovery not possible: the debtor is not established in France ({country}).",
  "procedure.ip_commerce":
    "Order for payment (injonction de payer) from the president of the commercial court (claim between merchants), form Cerfa {cerfa}, for {amount} (Code de procédure civile 1405 ff.).",
  "procedure.ip_judiciaire":
    "Order for payment (injonction de payer) from the president of the tribunal judiciaire, form Cerfa {cerfa}, for {amount} (Code de procédure civile 1405 ff.).",
  "procedure.ip_abroad":
    "French order for payment not possible: the competent court is the debtor's, established outside France ({country}).",
  "procedure.ip_serve_within_3_months":
    "Order issued from 1 September 2026: serve it within 3 months (décret 2026-96).",
  "procedure.lawyer_required":
    "Lawyer required: {amount} in principal and interest exceeds {limit} (Code de procédure civile 761 and 853).",
  "procedure.lawyer_not_required":
    "No lawyer required: {amount} in principal and interest, up to {limit} (Code de procédure civile 761 and 853).",
  "procedure.eop_ok":
    "European order for payment possible: debtor established in another member state ({country}) (Regulation (EC) 1896/2006, form A).",
  "procedure.eop_domestic":
    "European order for payment not applicable: the debtor is established in France (cross-border cases only).",
  "procedure.eop_denmark":
    "European order for payment not possible: Denmark does not apply Regulation (EC) 1896/2006.",
  "procedure.eop_outside_eu":
    "European order for payment not possible: the debtor is established outside the European Union ({country}).",
  "procedure.uncontested_info":
    "For information: the law of 23 April 2026 creates a procedure for uncontested commercial claims between merchants; its implementing decree is not confirmed.",
  "procedure.uncontested_not_merchants":
    "The uncontested commercial claims procedure is for claims between merchants established in France (law of 23 April 2026).",
  "procedure.uncontested_not_yet":
    "The uncontested commercial claims procedure did not exist at that date (law of 23 April 2026).",
  "mention.number": "Invoice number missing (unique and sequential).",
  "mention.issue_date": "Issue date missing.",
  "mention.seller_name": "Seller's name missing.",
  "mention.seller_address": "Seller's address missing.",
  "mention.buyer_name": "Client's name missing.",
  "mention.buyer_address": "Client's address missing.",
  "mention.seller_siren": "Seller's SIREN or SIRET missing.",
  "mention.seller_vat_number": "Seller's VAT number missing.",
  "mention.vat_exemption": 'The mention "TVA non applicable, art. 293 B du CGI" is missing (VAT franchise).',
  "mention.vat_charged_in_franchise":
    "VAT is charged although the seller is in the VAT franchise (CGI 293 B).",
  "mention.sale_date": "Date of sale or service missing (required when it differs from the invoice date).",
  "mention.lines": "No lines: description, quantity and unit price excl. VAT are required.",
  "mention.line_description": "Line {position}: description missing.",
  "mention.vat_per_rate": "VAT amount per rate missing.",
  "mention.totals": "Totals (excl. VAT, VAT, incl. VAT) missing.",
  "mention.due_date": "Payment due date missing (Code de commerce L441-9).",
  "mention.discount_terms":
    'Early-payment discount terms missing (or "pas d\'escompte") (Code de commerce L441-9).',
  "mention.penalty_rate": "Late-payment penalty rate missing (Code de commerce L441-9).",
  "mention.recovery_indemnity":
    "The €40 fixed recovery indemnity mention is missing (Code de commerce L441-9 and D441-5).",
  "mention.buyer_siren": "Client's SIREN missing (required on invoices issued from {from}).",
  "mention.indemnity_for_consumer":
    "The €40 fixed indemnity cannot be claimed from a consumer: remove this mention (Code des procédures civiles d'exécution L111-8).",
};
