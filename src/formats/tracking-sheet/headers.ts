import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import type { RowError, TrackingColumn, TrackingField } from "./types.js";

export const TRACKING_FIELDS: readonly TrackingField[] = [
  "number",
  "client",
  "siren",
  "siret",
  "email",
  "issue_date",
  "due_date",
  "total",
  "ht",
  "vat",
  "paid",
  "balance",
  "payment_date",
  "kind",
  "notes",
  "ignore",
];

/** NFKD, no diacritics, lower case, every run of non-alphanumerics one space, trimmed ("N° Facture" → "n facture"). */
export function normalizeLabel(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Header texts (any spelling: normalised before use) per field. */
const HEADER_ALIASES: Record<Exclude<TrackingField, "ignore">, readonly string[]> = {
  number: [
    "numéro",
    "n°",
    "no",
    "num",
    "numéro de facture",
    "numéro facture",
    "n° facture",
    "n° de facture",
    "facture",
    "facture n°",
    "référence",
    "référence facture",
    "réf",
    "réf facture",
    "invoice",
    "invoice number",
    "invoice no",
    "invoice #",
    "invoice id",
    "number",
    "reference",
  ],
  client: [
    "client",
    "nom du client",
    "nom client",
    "raison sociale",
    "débiteur",
    "customer",
    "customer name",
    "client name",
    "debtor",
  ],
  siren: ["siren", "n° siren", "siren client"],
  siret: ["siret", "n° siret", "siret client"],
  email: [
    "email",
    "e-mail",
    "mail",
    "courriel",
    "adresse e-mail",
    "adresse email",
    "adresse mail",
    "email address",
    "e-mail address",
  ],
  issue_date: [
    "date",
    "date d'émission",
    "date de facture",
    "date facture",
    "date de facturation",
    "émise le",
    "émission",
    "issue date",
    "invoice date",
    "date issued",
    "issued",
    "issued on",
  ],
  due_date: [
    "échéance",
    "date d'échéance",
    "date échéance",
    "date limite de paiement",
    "date limite",
    "due date",
    "due",
    "payment due",
    "due on",
  ],
  total: [
    "montant ttc",
    "total ttc",
    "ttc",
    "montant",
    "total",
    "amount",
    "total amount",
    "amount incl. vat",
    "amount incl vat",
    "total incl. vat",
    "total incl. tax",
    "amount incl. tax",
    "gross amount",
  ],
  ht: [
    "montant ht",
    "total ht",
    "ht",
    "amount excl. vat",
    "amount excl. tax",
    "total excl. vat",
    "total excl. tax",
    "net amount",
    "subtotal",
  ],
  vat: ["tva", "montant tva", "montant de tva", "total tva", "vat", "tax", "vat amount", "tax amount"],
  paid: [
    "payé",
    "déjà payé",
    "montant payé",
    "réglé",
    "déjà réglé",
    "montant réglé",
    "encaissé",
    "montant encaissé",
    "amount paid",
    "paid",
    "paid amount",
  ],
  balance: [
    "reste à payer",
    "reste à régler",
    "reste à encaisser",
    "solde",
    "solde dû",
    "reste dû",
    "restant dû",
    "balance",
    "balance due",
    "amount due",
    "outstanding",
    "amount outstanding",
  ],
  payment_date: [
    "date de paiement",
    "date de règlement",
    "date d'encaissement",
    "payé le",
    "réglé le",
    "encaissé le",
    "payment date",
    "paid on",
    "date paid",
  ],
  kind: [
    "type",
    "type de client",
    "type client",
    "b2b/b2c",
    "catégorie",
    "client type",
    "customer type",
    "kind",
  ],
  notes: [
    "notes",
    "note",
    "commentaire",
    "commentaires",
    "remarque",
    "remarques",
    "observations",
    "comment",
    "comments",
  ],
};

/** Columns Relance computes itself: dropped silently. */
const DERIVED_HEADERS = [
  "statut",
  "status",
  "état",
  "jours de retard",
  "nb jours de retard",
  "retard",
  "retard (jours)",
  "days late",
  "days overdue",
  "overdue",
];

/** Field names accepted on the right of --map, besides the TrackingField names and the header aliases. */
const FIELD_NAMES: Record<string, TrackingField> = {
  numero: "number",
  date_emission: "issue_date",
  emission: "issue_date",
  echeance: "due_date",
  date_echeance: "due_date",
  ttc: "total",
  montant_ttc: "total",
  montant_ht: "ht",
  tva: "vat",
  paye: "paid",
  regle: "paid",
  solde: "balance",
  reste: "balance",
  date_paiement: "payment_date",
  type: "kind",
  commentaire: "notes",
  ignorer: "ignore",
  ignored: "ignore",
  skip: "ignore",
};

const HEADER_INDEX: ReadonlyMap<string, TrackingField> = (() => {
  const index = new Map<string, TrackingField>();
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [TrackingField, readonly string[]][]) {
    for (const alias of aliases) index.set(normalizeLabel(alias), field);
  }
  for (const header of DERIVED_HEADERS) index.set(normalizeLabel(header), "ignore");
  return index;
})();

/** Trailing currency words that do not change the meaning of an amount header ("Montant TTC (€)", "Total EUR"). */
const CURRENCY_SUFFIX = / (?:en )?(?:eur|euro|euros)$| en$/;

/** The field a header names, or undefined. */
export function recognizeHeader(header: string): TrackingField | undefined {
  const key = normalizeLabel(header);
  if (key === "") return undefined;
  const field = HEADER_INDEX.get(key);
  if (field !== undefined) return field;
  const stripped = key.replace(CURRENCY_SUFFIX, "");
  return stripped !== key ? HEADER_INDEX.get(stripped) : undefined;
}

/** A field named on the right of --map: a TrackingField ("due_date"), a French name ("echeance"), or any header alias. */
export function fieldFromName(name: string): TrackingField | undefined {
  const key = normalizeLabel(name);
  const underscored = key.replace(/ /g, "_");
  if ((TRACKING_FIELDS as readonly string[]).includes(underscored)) return underscored as TrackingField;
  return FIELD_NAMES[underscored] ?? HEADER_INDEX.get(key);
}

const FIELD_LABELS: Record<Locale, Record<Exclude<TrackingField, "ignore">, string>> = {
  fr: {
    number: "numéro de facture",
    client: "client",
    siren: "SIREN",
    siret: "SIRET",
    email: "e-mail",
    issue_date: "date d'émission",
    due_date: "échéance",
    total: "montant TTC",
    ht: "montant HT",
    vat: "montant de TVA",
    paid: "montant payé",
    balance: "reste à payer",
    payment_date: "date de paiement",
    kind: "type de client",
    notes: "notes",
  },
  en: {
    number: "invoice number",
    client: "client",
    siren: "SIREN",
    siret: "SIRET",
    email: "email",
    issue_date: "issue date",
    due_date: "due date",
    total: "total incl. VAT",
    ht: "net amount",
    vat: "VAT amount",
    paid: "amount paid",
    balance: "balance",
    payment_date: "payment date",
    kind: "client type",
    notes: "notes",
  },
};

export function fieldLabel(locale: Locale, field: TrackingField): string {
  return field === "ignore" ? "ignore" : FIELD_LABELS[locale][field];
}

const REQUIRED_EXAMPLES: Record<Locale, Record<"number" | "client" | "total" | "date", string>> = {
  fr: { number: "Numéro", client: "Client", total: "Montant TTC", date: "Échéance" },
  en: { number: "Invoice number", client: "Client", total: "Total incl. VAT", date: "Due date" },
};

export interface HeaderResolution {
  columns: TrackingColumn[];
  errors: RowError[];
}

function lookupMap(
  map: Record<string, TrackingField> | undefined,
  header: string,
): TrackingField | undefined {
  if (map === undefined) return undefined;
  if (Object.hasOwn(map, header)) return map[header];
  const trimmed = header.trim();
  if (trimmed !== header && Object.hasOwn(map, trimmed)) return map[trimmed];
  const key = normalizeLabel(header);
  for (const [k, v] of Object.entries(map)) if (normalizeLabel(k) === key) return v;
  return undefined;
}

/**
 * Gives each header its field: `map` first (exact text, then trimmed, then normalised), then recognition.
 * A column with an empty header is ignored. Reports every header problem at once, on the header's line.
 */
export function resolveHeaders(
  headers: readonly string[],
  line: number,
  locale: Locale,
  map?: Record<string, TrackingField>,
): HeaderResolution {
  const errors: RowError[] = [];
  const error = (column: string, code: MessageCode, params: Record<string, string | number>) =>
    errors.push({ line, column, code, message: formatMessage(locale, code, params) });

  const columns: TrackingColumn[] = [];
  const seen = new Map<TrackingField, string>();
  for (const header of headers) {
    let field = lookupMap(map, header);
    if (field === undefined) {
      if (header.trim() === "") field = "ignore";
      else field = recognizeHeader(header);
    }
    if (field === undefined) {
      error(header, "column.unknown", { column: header });
      columns.push({ header, field: "ignore" });
      continue;
    }
    columns.push({ header, field });
    if (field === "ignore") continue;
    const other = seen.get(field);
    if (other !== undefined) {
      error(header, "column.duplicate", { column: header, other, field: fieldLabel(locale, field) });
    } else {
      seen.set(field, header);
    }
  }

  const examples = REQUIRED_EXAMPLES[locale];
  const missing = (field: string, example: string) =>
    error("", "column.missing_required", { field, example });
  if (!seen.has("number")) missing(fieldLabel(locale, "number"), examples.number);
  if (!seen.has("client")) missing(fieldLabel(locale, "client"), examples.client);
  if (!seen.has("total") && !(seen.has("ht") && seen.has("vat"))) {
    missing(fieldLabel(locale, "total"), examples.total);
  }
  if (!seen.has("due_date") && !seen.has("issue_date")) {
    const field =
      locale === "fr"
        ? `${fieldLabel(locale, "due_date")} ou ${fieldLabel(locale, "issue_date")}`
        : `${fieldLabel(locale, "due_date")} or ${fieldLabel(locale, "issue_date")}`;
    missing(field, examples.date);
  }
  return { columns, errors };
}
