/** Messages of the law capability (src/core/law; French first; `en` must have the same codes). */
export const lawFr = {
  // rate kinds (labels for the {kind} parameters below)
  "law.kind.ecb_refi": "taux des opérations principales de refinancement de la BCE",
  "law.kind.legal_individual": "taux de l'intérêt légal (créancier particulier)",
  "law.kind.legal_other": "taux de l'intérêt légal (tous les autres cas)",
  // rate table
  "law.rate_unknown":
    "Taux inconnu pour le semestre {semester} ({kind}) : complétez la table des taux avant de calculer cette période.",
  "law.rate_kind_invalid": "Type de taux inconnu : « {value} » (ecb_refi, legal_individual ou legal_other).",
  "law.rate_date_invalid": "Date de validité invalide dans la table des taux : « {value} » (AAAA-MM-JJ).",
  "law.rate_range_inverted": "Taux {kind} : la période commence le {from} et finit avant, le {to}.",
  "law.rate_overlap": "Taux {kind} : les périodes commençant le {first} et le {second} se chevauchent.",
  "law.rate_value_invalid": "Taux {kind} du {from} invalide : {value} (un nombre entier de points de base).",
  // penalty clauses
  "law.clause_invalid":
    "Clause de pénalités non reconnue : « {value} » (formes acceptées : default, fixed:<pb>, ecb+<pb>).",
  "law.clause_rate_out_of_range":
    "Taux de la clause de pénalités hors limites : « {value} » (entre {min} et {max} points de base).",
  // claim inputs
  "law.principal_not_positive": "Le montant dû doit être positif (ici {value} centimes).",
  "law.payment_not_positive": "Le paiement du {date} doit être positif (ici {value} centimes).",
  "law.payments_exceed_principal":
    "Les paiements ({paid} centimes) dépassent le montant dû ({principal} centimes).",
  "law.as_of_before_due": "La date de calcul ({as_of}) précède l'échéance ({due}).",
  "law.proven_costs_invalid": "Frais de recouvrement justifiés invalides : {value} centimes.",
  "law.day_count_invalid": "Convention de décompte des jours inconnue : « {value} ».",
  "law.debtor_invalid": "Type de débiteur inconnu : « {value} ».",
  // claim warnings
  "law.rate_below_minimum":
    "Le taux de pénalités ({rate}) est inférieur au minimum légal de 3 fois le taux de l'intérêt légal ({minimum}) au semestre {semester} : vos conditions ne sont pas conformes (C. com. L441-10).",
  "law.minimum_above_default":
    "Au semestre {semester}, 3 fois le taux de l'intérêt légal ({minimum}) dépasse le taux par défaut BCE + 10 points ({default}) : le calcul utilise le taux par défaut ; vérifiez lequel réclamer.",
  "law.minimum_unknown":
    "Taux de l'intérêt légal inconnu au semestre {semester} : le minimum légal des pénalités n'a pas pu être vérifié.",
  "law.rate_unconfirmed":
    "Le taux utilisé pour le semestre {semester} ({kind}) n'est pas confirmé : vérifiez-le avant de réclamer ce montant.",
  "law.public_rules_unconfirmed":
    "Acheteur public : intérêts moratoires au taux BCE du semestre où le retard a commencé ({semester}) + 8 points, soit {rate}, fixe pendant tout le retard, et l'indemnité de 40 € (Code de la commande publique, R2192-31 et D2192-35 : à vérifier).",
  "law.b2c_no_notice":
    "Client particulier : les intérêts au taux légal ne courent qu'à partir de la mise en demeure ; indiquez sa date pour les calculer.",
} as const;

export const lawEn: Record<keyof typeof lawFr, string> = {
  "law.kind.ecb_refi": "ECB main refinancing operations rate",
  "law.kind.legal_individual": "statutory interest rate (private individual creditor)",
  "law.kind.legal_other": "statutory interest rate (all other cases)",
  "law.rate_unknown":
    "Unknown rate for semester {semester} ({kind}): complete the rates table before computing this period.",
  "law.rate_kind_invalid": 'Unknown rate kind: "{value}" (ecb_refi, legal_individual or legal_other).',
  "law.rate_date_invalid": 'Invalid validity date in the rates table: "{value}" (YYYY-MM-DD).',
  "law.rate_range_inverted": "{kind} rate: the period starts on {from} and ends before that, on {to}.",
  "law.rate_overlap": "{kind} rate: the periods starting on {first} and {second} overlap.",
  "law.rate_value_invalid": "Invalid {kind} rate from {from}: {value} (a whole number of basis points).",
  "law.clause_invalid":
    'Unrecognised penalty clause: "{value}" (accepted forms: default, fixed:<bp>, ecb+<bp>).',
  "law.clause_rate_out_of_range":
    'Penalty clause rate out of range: "{value}" (between {min} and {max} basis points).',
  "law.principal_not_positive": "The amount due must be positive (here {value} cents).",
  "law.payment_not_positive": "The payment of {date} must be positive (here {value} cents).",
  "law.payments_exceed_principal": "The payments ({paid} cents) exceed the amount due ({principal} cents).",
  "law.as_of_before_due": "The computation date ({as_of}) is before the due date ({due}).",
  "law.proven_costs_invalid": "Invalid proven recovery costs: {value} cents.",
  "law.day_count_invalid": 'Unknown day-count convention: "{value}".',
  "law.debtor_invalid": 'Unknown debtor type: "{value}".',
  "law.rate_below_minimum":
    "The penalty rate ({rate}) is below the legal minimum of 3 times the statutory interest rate ({minimum}) in semester {semester}: your terms are not compliant (C. com. L441-10).",
  "law.minimum_above_default":
    "In semester {semester}, 3 times the statutory interest rate ({minimum}) exceeds the default rate ECB + 10 points ({default}): the computation uses the default rate; check which one to claim.",
  "law.minimum_unknown":
    "Statutory interest rate unknown for semester {semester}: the legal minimum penalty rate could not be checked.",
  "law.rate_unconfirmed":
    "The rate used for semester {semester} ({kind}) is not confirmed: check it before claiming this amount.",
  "law.public_rules_unconfirmed":
    "Public buyer: late-payment interest (intérêts moratoires) at the ECB rate of the semester in which the delay began ({semester}) + 8 points, i.e. {rate}, fixed for the whole delay, and the 40 € indemnity (Code de la commande publique, R2192-31 and D2192-35: to be verified).",
  "law.b2c_no_notice":
    "Consumer client: statutory interest only runs from the formal notice (mise en demeure); enter its date to compute it.",
};
