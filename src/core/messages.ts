/**
 * User-facing messages, French first. Add a code to `fr` and the same code to `en`
 * (the compiler enforces both); placeholders are written `{name}`.
 */
import { accountsEn, accountsFr } from "./i18n/accounts.js";
import { backupEn, backupFr } from "./i18n/backup.js";
import { billsEn, billsFr } from "./i18n/bills.js";
import { callsEn, callsFr } from "./i18n/calls.js";
import { cashEn, cashFr } from "./i18n/cash.js";
import { chequesEn, chequesFr } from "./i18n/cheques.js";
import { documentsEn, documentsFr } from "./i18n/documents.js";
import { dunningEn, dunningFr } from "./i18n/dunning.js";
import { dunningSettingsEn, dunningSettingsFr } from "./i18n/dunning-settings.js";
import { einvoiceEn, einvoiceFr } from "./i18n/einvoice.js";
import { einvoiceOutEn, einvoiceOutFr } from "./i18n/einvoice-out.js";
import { forecastEn, forecastFr } from "./i18n/forecast.js";
import { importsEn, importsFr } from "./i18n/imports.js";
import { lawEn, lawFr } from "./i18n/law.js";
import { lawInterfacesEn, lawInterfacesFr } from "./i18n/law-interfaces.js";
import { lawProceduresEn, lawProceduresFr } from "./i18n/law-procedures.js";
import { lawRulesEn, lawRulesFr } from "./i18n/law-rules.js";
import { ledgerEn, ledgerFr } from "./i18n/ledger.js";
import { mailEn, mailFr } from "./i18n/mail.js";
import { matchingEn, matchingFr } from "./i18n/matching.js";
import { paymentsQrEn, paymentsQrFr } from "./i18n/payments-qr.js";
import { plansEn, plansFr } from "./i18n/plans.js";
import { portalEn, portalFr } from "./i18n/portal.js";
import { quotesEn, quotesFr } from "./i18n/quotes.js";
import { recoveryEn, recoveryFr } from "./i18n/recovery.js";
import { statementsEn, statementsFr } from "./i18n/statements.js";

export type Locale = "fr" | "en";
export const LOCALES: readonly Locale[] = ["fr", "en"];
export const DEFAULT_LOCALE: Locale = "fr";

const fr = {
  // amounts
  "amount.invalid": "Montant invalide : « {value} »",
  "amount.too_many_decimals": "Montant avec plus de deux décimales : « {value} »",
  "amount.negative": "Le montant ne peut pas être négatif : {value}",
  "amount.zero": "Le montant ne peut pas être nul",
  "amount.out_of_range": "Montant hors limites : « {value} »",
  // dates
  "date.invalid": "Date non reconnue : « {value} » (formats acceptés : JJ/MM/AAAA, JJ/MM/AA, AAAA-MM-JJ)",
  "date.impossible": "Date impossible : {value} (le {day}/{month} n'existe pas en {year})",
  "date.out_of_range": "Date hors de la plage acceptée ({min}–{max}) : « {value} »",
  // identifiers
  "siren.invalid": "SIREN invalide : « {value} » (9 chiffres avec une clé de contrôle valide)",
  "siret.invalid": "SIRET invalide : « {value} » (14 chiffres avec une clé de contrôle valide)",
  "vat.invalid": "Numéro de TVA intracommunautaire invalide : « {value} »",
  "iban.invalid": "IBAN invalide : « {value} »",
  "bic.invalid": "BIC invalide : « {value} »",
  "email.invalid": "Adresse e-mail invalide : « {value} »",
  // generic
  "field.required": "Valeur obligatoire manquante",
  // aging buckets
  "aging.not_due": "Non échu",
  "aging.d1_30": "1–30 jours",
  "aging.d31_60": "31–60 jours",
  "aging.d61_90": "61–90 jours",
  "aging.over_90": "> 90 jours",
  // tracking sheet import (src/formats/tracking-sheet)
  "file.not_found": "Fichier introuvable : {path}",
  "file.unreadable": "Impossible de lire le fichier {path} ({reason})",
  "file.unsupported_format":
    "Format de fichier non pris en charge : « {extension} » (formats acceptés : .csv et .xlsx ; enregistrez un .xls au format .xlsx)",
  "file.invalid_xlsx": "Ce fichier n'est pas un classeur Excel .xlsx lisible",
  "file.xlsx_too_many_entries":
    "Classeur .xlsx refusé : il contient {count} fichiers internes, au plus {max} (fichier anormal)",
  "file.xlsx_part_too_large":
    "Classeur .xlsx refusé : une de ses parties dépasse {max} Mo une fois décompressée (fichier anormal ou « bombe zip »)",
  "file.xlsx_too_large":
    "Classeur .xlsx refusé : plus de {max} Mo une fois décompressé (fichier anormal ou « bombe zip »)",
  "file.unreadable_encoding":
    "Fichier illisible : ce n'est pas un texte CSV en UTF-8 ou Windows-1252 (fichier UTF-16, binaire, ou .xls/.pdf renommé ?). Enregistrez-le au format « CSV UTF-8 » ou .xlsx",
  "file.empty": "Le fichier est vide",
  "column.unknown":
    'Colonne inconnue « {column} » : utilisez --map "{column}=champ" ou --map "{column}=ignore"',
  "column.missing_required": "Colonne obligatoire absente : {field} (par exemple « {example} »)",
  "column.duplicate":
    'Les colonnes « {other} » et « {column} » désignent toutes deux le champ {field} : ignorez-en une avec --map "{column}=ignore"',
  "date.missing": "Date manquante : il faut une date d'échéance ou une date d'émission",
  "date.due_before_issue": "L'échéance ({due}) est antérieure à la date d'émission ({issue})",
  "amount.paid_exceeds_total": "Le montant payé ({paid}) dépasse le montant TTC ({total})",
  "amount.balance_exceeds_total": "Le reste à payer ({balance}) dépasse le montant TTC ({total})",
  "amount.paid_balance_mismatch":
    "Montant payé ({paid}) et reste à payer ({balance}) incohérents avec le montant TTC ({total})",
  "amount.ht_vat_mismatch": "HT ({ht}) + TVA ({vat}) = {sum}, différent du montant TTC ({total})",
  "kind.invalid":
    "Type de client non reconnu : « {value} » (valeurs acceptées : B2B/professionnel, B2C/particulier, public/administration)",
  "siret.siren_mismatch": "Le SIRET {siret} n'appartient pas au SIREN {siren}",
  "row.too_many_columns": "La ligne a {count} cellules pour {expected} colonnes d'en-tête",
  "row.unterminated_quote":
    "Guillemet non fermé : la cellule ouverte sur cette ligne va jusqu'à la fin du fichier",
  "map.invalid": 'Option --map invalide : « {spec} » (forme attendue : "En-tête=champ")',
  "map.unknown_field": "Champ inconnu « {field} » dans --map « {spec} » (champs possibles : {fields})",
  // application, CLI and HTTP
  "database.not_found":
    "Base de données introuvable : {path}. Créez-la avec « relance init --name NOM » (ou « relance demo »), ou indiquez --db.",
  "organization.choose": "Cette base contient plusieurs entreprises : précisez --org parmi {list}",
  "import.duplicate_in_file": "Facture {number} de « {client} » en double dans le fichier",
  "payment.date_before_issue": "La date de paiement {date} précède la date d'émission {issue}",
  "file.not_a_file": "Ce n'est pas un fichier : {path}",
  "organization.none":
    "Aucune entreprise dans cette base : lancez « relance init --name NOM » ou « relance demo »",
  "organization.not_found": "Entreprise introuvable : {id}",
  "organization.name_required": "Le nom de l'entreprise est obligatoire",
  "organization.exists": "Une entreprise avec le SIREN {siren} existe déjà dans cette base",
  "invoice.not_found": "Facture introuvable : {number}",
  "invoice.ambiguous": "Plusieurs clients ont une facture n° {number} ({clients}) : précisez --client",
  "invoice.not_open": "La facture {number} n'est pas ouverte (statut : {status})",
  "payment.date_in_future": "La date de paiement {date} est dans le futur (aujourd'hui : {today})",
  "payment.exceeds_balance": "Le paiement de {amount} dépasse le solde de la facture {number} ({balance})",
  "payment.invalid_method": "Moyen de paiement inconnu : « {value} » (possibles : {allowed})",
  "payment.recorded":
    "Paiement de {amount} enregistré sur la facture {number}. Solde : {balance} ({status}).",
  "status.open": "ouverte",
  "status.partially_paid": "payée en partie",
  "status.paid": "payée",
  "status.cancelled": "annulée",
  "status.written_off": "passée en perte",
  "import.done":
    "Import terminé : {imported} facture(s) importée(s), {skipped} déjà présente(s), {clients} client(s) créé(s), {payments} paiement(s) enregistré(s).",
  "import.dry_run_done":
    "Vérification terminée, rien n'a été écrit : {imported} facture(s) seraient importées, {skipped} déjà présente(s), {clients} client(s) seraient créés.",
  "import.refused": "Fichier refusé : {n} erreur(s). Rien n'a été importé ; corrigez le fichier et relancez.",
  "import.more_errors": "… et {n} autre(s) erreur(s).",
  "export.done": "Document de suivi écrit : {path} ({n} facture(s) ouvertes).",
  "export.xlsx_only": "Le document de suivi s'exporte en .xlsx : {path}",
  "export.dir_not_found": "Dossier introuvable pour {path}",
  "demo.loading": "Chargement de l'entreprise de démonstration…",
  "demo.loaded": "Démonstration chargée : {name}",
  "demo.loaded_counts": "Démonstration chargée : {name} ({clients} clients, {invoices} factures).",
  "demo.already_loaded":
    "La démonstration est déjà chargée : {name} ({clients} clients, {invoices} factures).",
  "serve.listening": "Relance est prêt sur {url} (base : {database})",
  "cli.error_prefix": "Erreur :",
  "cli.internal_error": "Erreur interne : {message}",
  "cli.init_done": "Entreprise « {name} » créée (id {id}) dans {database}.",
  "cli.invalid_status": "Statut inconnu : « {value} » (possibles : {allowed})",
  "cli.invalid_limit": "Limite invalide : « {value} » (un entier positif)",
  "cli.invalid_port": "Port invalide : « {value} »",
  "cli.invalid_interval": "Intervalle invalide : « {value} » (un nombre de secondes)",
  "cli.invalid_integer": "Nombre entier attendu pour {option} : « {value} »",
  "cli.importing": "Import",
  "cli.at_line": "Ligne {line} :",
  "cli.at_line_column": "Ligne {line}, colonne « {column} » :",
  "cli.count_clients": "{n} client(s)",
  "cli.count_invoices": "{n} facture(s)",
  "cli.col.client": "Client",
  "cli.col.invoices": "Factures",
  "cli.col.outstanding": "Encours",
  "cli.col.overdue": "En retard",
  "cli.col.number": "Numéro",
  "cli.col.issued": "Émise le",
  "cli.col.due": "Échéance",
  "cli.col.total": "TTC",
  "cli.col.paid": "Payé",
  "cli.col.balance": "Solde",
  "cli.col.status": "Statut",
  "cli.col.days_late": "Retard (j)",
  "http.invalid_request": "Requête invalide",
  "http.invalid_cursor": "Curseur de pagination invalide",
  // one file per capability under ./i18n (so that capabilities do not all edit this file)
  ...accountsFr,
  ...ledgerFr,
  ...documentsFr,
  ...importsFr,
  ...einvoiceFr,
  ...einvoiceOutFr,
  ...statementsFr,
  ...matchingFr,
  ...lawFr,
  ...lawRulesFr,
  ...lawInterfacesFr,
  ...lawProceduresFr,
  ...paymentsQrFr,
  ...mailFr,
  ...dunningFr,
  ...dunningSettingsFr,
  ...callsFr,
  ...plansFr,
  ...billsFr,
  ...recoveryFr,
  ...portalFr,
  ...quotesFr,
  ...forecastFr,
  ...cashFr,
  ...chequesFr,
  ...backupFr,
} as const;

export type MessageCode = keyof typeof fr;

const en: Record<MessageCode, string> = {
  "database.not_found":
    'Database not found: {path}. Create it with "relance init --name NAME" (or "relance demo"), or pass --db.',
  "organization.choose": "This database holds several organizations: add --org with one of {list}",
  "import.duplicate_in_file": 'Invoice {number} of "{client}" appears twice in the file',
  "payment.date_before_issue": "Payment date {date} is before the issue date {issue}",
  "amount.invalid": 'Invalid amount: "{value}"',
  "amount.too_many_decimals": 'Amount has more than two decimals: "{value}"',
  "amount.negative": "Amount cannot be negative: {value}",
  "amount.zero": "Amount cannot be zero",
  "amount.out_of_range": 'Amount out of range: "{value}"',
  "date.invalid": 'Unrecognised date: "{value}" (accepted formats: DD/MM/YYYY, DD/MM/YY, YYYY-MM-DD)',
  "date.impossible": "Impossible date: {value} ({day}/{month} does not exist in {year})",
  "date.out_of_range": 'Date outside the accepted range ({min}–{max}): "{value}"',
  "siren.invalid": 'Invalid SIREN: "{value}" (9 digits with a valid check digit)',
  "siret.invalid": 'Invalid SIRET: "{value}" (14 digits with a valid check digit)',
  "vat.invalid": 'Invalid VAT number: "{value}"',
  "iban.invalid": 'Invalid IBAN: "{value}"',
  "bic.invalid": 'Invalid BIC: "{value}"',
  "email.invalid": 'Invalid email address: "{value}"',
  "field.required": "Required value missing",
  "aging.not_due": "Not due",
  "aging.d1_30": "1–30 days",
  "aging.d31_60": "31–60 days",
  "aging.d61_90": "61–90 days",
  "aging.over_90": "> 90 days",
  "file.unreadable": "Cannot read the file {path} ({reason})",
  "file.unsupported_format":
    'Unsupported file format: "{extension}" (accepted: .csv and .xlsx; save an .xls file as .xlsx)',
  "file.invalid_xlsx": "This file is not a readable Excel .xlsx workbook",
  "file.xlsx_too_many_entries":
    "Workbook refused: it holds {count} internal files, at most {max} (an abnormal file)",
  "file.xlsx_part_too_large":
    "Workbook refused: one of its parts exceeds {max} MB once decompressed (an abnormal file or a zip bomb)",
  "file.xlsx_too_large":
    "Workbook refused: more than {max} MB once decompressed (an abnormal file or a zip bomb)",
  "file.unreadable_encoding":
    'Unreadable file: not CSV text in UTF-8 or Windows-1252 (a UTF-16 or binary file, or a renamed .xls/.pdf?). Save it as "CSV UTF-8" or .xlsx',
  "file.empty": "The file is empty",
  "column.unknown": 'Unknown column "{column}": use --map "{column}=field" or --map "{column}=ignore"',
  "column.missing_required": 'Required column missing: {field} (for example "{example}")',
  "column.duplicate":
    'The columns "{other}" and "{column}" both mean the field {field}: ignore one with --map "{column}=ignore"',
  "date.missing": "Missing date: a due date or an issue date is needed",
  "date.due_before_issue": "The due date ({due}) is before the issue date ({issue})",
  "amount.paid_exceeds_total": "The amount paid ({paid}) exceeds the total incl. VAT ({total})",
  "amount.balance_exceeds_total": "The balance ({balance}) exceeds the total incl. VAT ({total})",
  "amount.paid_balance_mismatch":
    "The amount paid ({paid}) and the balance ({balance}) do not add up to the total incl. VAT ({total})",
  "amount.ht_vat_mismatch": "Net ({ht}) + VAT ({vat}) = {sum}, not the total incl. VAT ({total})",
  "kind.invalid":
    'Unrecognised client type: "{value}" (accepted: B2B/business, B2C/consumer, public/administration)',
  "siret.siren_mismatch": "The SIRET {siret} does not belong to the SIREN {siren}",
  "row.too_many_columns": "The row has {count} cells for {expected} header columns",
  "row.unterminated_quote": "Unclosed quote: the cell opened on this line runs to the end of the file",
  "map.invalid": 'Invalid --map option: "{spec}" (expected "Header=field")',
  "map.unknown_field": 'Unknown field "{field}" in --map "{spec}" (possible fields: {fields})',
  "file.not_found": "File not found: {path}",
  "file.not_a_file": "Not a file: {path}",
  "organization.none": 'No organization in this database: run "relance init --name NAME" or "relance demo"',
  "organization.not_found": "Organization not found: {id}",
  "organization.name_required": "The company name is required",
  "organization.exists": "An organization with SIREN {siren} already exists in this database",
  "invoice.not_found": "Invoice not found: {number}",
  "invoice.ambiguous": "Several clients have an invoice number {number} ({clients}): add --client",
  "invoice.not_open": "Invoice {number} is not open (status: {status})",
  "payment.date_in_future": "Payment date {date} is in the future (today: {today})",
  "payment.exceeds_balance": "The payment of {amount} exceeds the balance of invoice {number} ({balance})",
  "payment.invalid_method": 'Unknown payment method: "{value}" (one of: {allowed})',
  "payment.recorded": "Payment of {amount} recorded on invoice {number}. Balance: {balance} ({status}).",
  "status.open": "open",
  "status.partially_paid": "partially paid",
  "status.paid": "paid",
  "status.cancelled": "cancelled",
  "status.written_off": "written off",
  "import.done":
    "Import done: {imported} invoice(s) imported, {skipped} already there, {clients} client(s) created, {payments} payment(s) recorded.",
  "import.dry_run_done":
    "Check done, nothing written: {imported} invoice(s) would be imported, {skipped} already there, {clients} client(s) would be created.",
  "import.refused": "File refused: {n} error(s). Nothing was imported; fix the file and try again.",
  "import.more_errors": "… and {n} more error(s).",
  "export.done": "Tracking document written: {path} ({n} open invoice(s)).",
  "export.xlsx_only": "The tracking document is exported as .xlsx: {path}",
  "export.dir_not_found": "Folder not found for {path}",
  "demo.loading": "Loading the demo organization…",
  "demo.loaded": "Demo loaded: {name}",
  "demo.loaded_counts": "Demo loaded: {name} ({clients} clients, {invoices} invoices).",
  "demo.already_loaded": "The demo is already loaded: {name} ({clients} clients, {invoices} invoices).",
  "serve.listening": "Relance is ready on {url} (database: {database})",
  "cli.error_prefix": "Error:",
  "cli.internal_error": "Internal error: {message}",
  "cli.init_done": 'Organization "{name}" created (id {id}) in {database}.',
  "cli.invalid_status": 'Unknown status: "{value}" (one of: {allowed})',
  "cli.invalid_limit": 'Invalid limit: "{value}" (a positive integer)',
  "cli.invalid_port": 'Invalid port: "{value}"',
  "cli.invalid_interval": 'Invalid interval: "{value}" (a number of seconds)',
  "cli.invalid_integer": 'Integer expected for {option}: "{value}"',
  "cli.importing": "Importing",
  "cli.at_line": "Line {line}:",
  "cli.at_line_column": 'Line {line}, column "{column}":',
  "cli.count_clients": "{n} client(s)",
  "cli.count_invoices": "{n} invoice(s)",
  "cli.col.client": "Client",
  "cli.col.invoices": "Invoices",
  "cli.col.outstanding": "Outstanding",
  "cli.col.overdue": "Overdue",
  "cli.col.number": "Number",
  "cli.col.issued": "Issued",
  "cli.col.due": "Due",
  "cli.col.total": "Total",
  "cli.col.paid": "Paid",
  "cli.col.balance": "Balance",
  "cli.col.status": "Status",
  "cli.col.days_late": "Days late",
  "http.invalid_request": "Invalid request",
  "http.invalid_cursor": "Invalid pagination cursor",
  ...accountsEn,
  ...ledgerEn,
  ...documentsEn,
  ...importsEn,
  ...einvoiceEn,
  ...einvoiceOutEn,
  ...statementsEn,
  ...matchingEn,
  ...lawEn,
  ...lawRulesEn,
  ...lawInterfacesEn,
  ...lawProceduresEn,
  ...paymentsQrEn,
  ...mailEn,
  ...dunningEn,
  ...dunningSettingsEn,
  ...callsEn,
  ...plansEn,
  ...billsEn,
  ...recoveryEn,
  ...portalEn,
  ...quotesEn,
  ...forecastEn,
  ...cashEn,
  ...chequesEn,
  ...backupEn,
};

export const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageCode, string>>>> = { fr, en };

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(fr, code);
}

export function isLocale(s: string): s is Locale {
  return s === "fr" || s === "en";
}

/** Fills `{name}` placeholders; a placeholder without a value is left as written. */
export function formatMessage(
  locale: Locale,
  code: MessageCode,
  params?: Record<string, string | number>,
): string {
  const template = MESSAGES[locale][code];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = Object.hasOwn(params, name) ? params[name] : undefined;
    return v === undefined ? whole : String(v);
  });
}
