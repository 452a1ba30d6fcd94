import { compareDates, formatDate, toIso } from "../../core/calendar.js";
import { type Cents, formatDecimal } from "../../core/money.js";
import { collectedAllocations } from "../../db/repositories/collected.js";
import type { Organization } from "../../db/schema.js";
import { csvCell } from "../../formats/csv-cell.js";
import type { AppContext } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { parseDayParam } from "./get-aging.js";

/** The e-invoicing lifecycle status a supplier sends once paid (LAW.md §10): 212 « Encaissée » (collected). */
export const COLLECTED_STATUS = { code: 212, label: "Encaissée" } as const;

export interface CollectedDto {
  invoice_number: string;
  invoice_date: string | null;
  client_siren: string | null;
  payment_date: string;
  amount_cents: number;
  /** Euros as a decimal string with a point: "1234.56". */
  amount: string;
  payment_method: string;
  status_code: number;
  status_label: string;
}

export interface CollectedExport {
  from: string;
  to: string;
  rows: CollectedDto[];
}

export interface ExportCollectedOptions {
  ctx: AppContext;
  org: Organization;
  /** YYYY-MM-DD (or DD/MM/YYYY), both required, from ≤ to. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The « Encaissée » (status 212) data of the payments received in [from, to] (docs/cash.md): one row per
 * allocation of a confirmed payment to an invoice — invoice number and issue date, the client's SIREN, the
 * payment's date, the amount allocated, the method. Payments declared on the portal and not yet verified are
 * not cash; credit notes are not cash. Read-only.
 */
export async function exportCollected(options: ExportCollectedOptions): Promise<CollectedExport> {
  const { ctx, org } = options;
  const required = (value: string | undefined, field: "from" | "to") => {
    if (value === undefined || value.trim() === "")
      throw invalidFields([{ path: field, messageCode: "collected.missing_date", params: { field } }]);
    return parseDayParam(value, field);
  };
  const from = required(options.from, "from");
  const to = required(options.to, "to");
  if (compareDates(from, to) > 0)
    throw new AppError("invalid_input", "collected.range_reversed", {
      from: formatDate(from, ctx.locale),
      to: formatDate(to, ctx.locale),
    });
  const rows = await collectedAllocations(ctx.db, org.id, toIso(from), toIso(to));
  return {
    from: toIso(from),
    to: toIso(to),
    rows: rows.map((r) => ({
      invoice_number: r.invoice_number,
      invoice_date: r.invoice_issue_date,
      client_siren: r.client_siren,
      payment_date: r.payment_date,
      amount_cents: r.amount_cents,
      amount: formatDecimal(r.amount_cents as Cents),
      payment_method: r.method,
      status_code: COLLECTED_STATUS.code,
      status_label: COLLECTED_STATUS.label,
    })),
  };
}

export const COLLECTED_CSV_HEADER = [
  "numero_facture",
  "date_facture",
  "siren_client",
  "date_encaissement",
  "montant_centimes",
  "montant_euros",
  "mode_paiement",
  "code_statut",
  "libelle_statut",
] as const;

/**
 * The export as CSV: semicolon-separated, decimal comma, UTF-8 with BOM, CRLF (opens in a French Excel); a cell a
 * spreadsheet would read as a formula (= + - @, or a control character: NUL, tab, CR…) is neutralised with a
 * leading apostrophe (src/formats/csv-cell.ts).
 */
export function collectedCsv(data: CollectedExport): string {
  const lines = [
    COLLECTED_CSV_HEADER.join(";"),
    ...data.rows.map((r) =>
      [
        csvCell(r.invoice_number),
        r.invoice_date ?? "",
        csvCell(r.client_siren ?? ""),
        r.payment_date,
        String(r.amount_cents),
        r.amount.replace(".", ","),
        r.payment_method,
        String(r.status_code),
        r.status_label,
      ].join(";"),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
