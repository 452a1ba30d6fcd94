import type { Locale } from "../../core/messages.js";
import { type Cents, formatDecimal } from "../../core/money.js";
import { TRACKING_FIELDS, type TrackingField } from "../../formats/tracking-sheet/index.js";
import { AppError } from "../errors.js";
import { readEInvoiceEvents } from "./einvoice-rows.js";
import type { ImportPreviewDto } from "./preview-import.js";
import { presentRowError } from "./uploaded-sheet.js";

/** The columns shown even when the invoice leaves them empty (a MINIMUM invoice without due date says so). */
const ALWAYS = new Set<TrackingField>(["number", "client", "issue_date", "due_date", "total"]);

/** The preview's column titles: an e-invoice has no header row, its elements are named here. */
const HEADERS: Record<Locale, Partial<Record<TrackingField, string>>> = {
  fr: {
    number: "Numéro",
    client: "Client",
    siren: "SIREN",
    siret: "SIRET",
    email: "E-mail",
    issue_date: "Date d'émission",
    due_date: "Échéance",
    total: "Montant TTC",
    ht: "Montant HT",
    vat: "TVA",
    paid: "Déjà payé",
  },
  en: {
    number: "Number",
    client: "Client",
    siren: "SIREN",
    siret: "SIRET",
    email: "E-mail",
    issue_date: "Issue date",
    due_date: "Due date",
    total: "Total incl. VAT",
    ht: "Total excl. VAT",
    vat: "VAT",
    paid: "Already paid",
  },
};

/**
 * The preview of an e-invoice: the one invoice it holds, as one row under the fields it fills (the mapping is
 * fixed: an e-invoice's elements have their meaning). An unreadable e-invoice is refused (400, every problem).
 */
export async function previewEInvoice(
  path: string,
  filename: string,
  locale: Locale,
): Promise<ImportPreviewDto> {
  const errors = [];
  for await (const event of readEInvoiceEvents(path, locale)) {
    if (event.type === "error") {
      errors.push(presentRowError(event.error, path, filename));
      continue;
    }
    const r = event.row;
    const money = (c: number | undefined) => (c === undefined ? "" : formatDecimal(c as Cents));
    const cells: [TrackingField, string][] = [
      ["number", r.number],
      ["client", r.client],
      ["siren", r.siren ?? ""],
      ["siret", r.siret ?? ""],
      ["email", r.email ?? ""],
      ["issue_date", r.issue_date ?? ""],
      ["due_date", r.due_date ?? ""],
      ["total", money(r.total_cents)],
      ["ht", money(r.ht_cents)],
      ["vat", money(r.vat_cents)],
      ["paid", money(r.paid_cents)],
    ];
    const shown = cells.filter(([field, value]) => value !== "" || ALWAYS.has(field));
    const label = (field: TrackingField) => HEADERS[locale][field] ?? field;
    return {
      headers: shown.map(([field]) => label(field)),
      rows: [shown.map(([, value]) => value)],
      mapping: Object.fromEntries(shown.map(([field]) => [label(field), field])),
      fields: [...TRACKING_FIELDS],
      errors: [],
    };
  }
  throw new AppError("invalid_input", "import.refused", { n: errors.length }, errors);
}
