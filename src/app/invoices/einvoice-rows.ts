import { open, readFile, stat } from "node:fs/promises";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import type { InvoiceKind } from "../../db/schema.js";
import {
  detectContainer,
  type EInvoice,
  type EInvoiceProblem,
  readEInvoice,
} from "../../formats/einvoice/index.js";
import type { RowError, TrackingRow } from "../../formats/tracking-sheet/index.js";

/** The largest e-invoice file read (a Factur-X PDF with its images; the upload limit is smaller). */
const MAX_EINVOICE_BYTES = 50 * 1024 * 1024;

export interface ClientDetails {
  vat_number?: string;
  address?: string;
  postal_code?: string;
  city?: string;
  country?: string;
}

/** A row to import: a tracking-sheet row, or an e-invoice's, which says more. */
export interface ImportRow extends TrackingRow {
  invoice_kind?: InvoiceKind;
  currency?: string;
  delivery_date?: string;
  source?: "imported" | "e-invoice";
  client_details?: ClientDetails;
  /** The due date was not in the file: the import says so when the default terms fill it. */
  warn_default_due?: boolean;
  /** On a credit note: the number of the invoice it corrects (BT-25). */
  credited_number?: string;
}

export type ImportRowEvent = { type: "row"; row: ImportRow } | { type: "error"; error: RowError };

/** Whether the file is a PDF or an XML document (then an e-invoice to read), by its first bytes. */
export async function isEInvoiceFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(1024);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return detectContainer(head.subarray(0, bytesRead)) !== undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return false; // the sheet reader reports the missing or unreadable file
  }
}

function problemError(locale: Locale, p: EInvoiceProblem): RowError {
  return {
    line: p.line,
    column: p.where,
    code: p.code,
    message: formatMessage(locale, p.code as MessageCode, { where: p.where, ...p.params }),
  };
}

/** The amount already paid an invoice states: BT-113, else what BT-115 leaves unpaid of the total. */
function prepaid(invoice: EInvoice): number {
  if (invoice.kind === "credit_note") return 0;
  const total = invoice.totalTtcCents;
  const paid =
    invoice.prepaidCents ?? (invoice.duePayableCents !== undefined ? total - invoice.duePayableCents : 0);
  return paid > 0 && paid <= total ? paid : 0;
}

/** An e-invoice as a row of the import: the buyer is the client, a credit note's amounts turn negative. */
export function rowOfEInvoice(invoice: EInvoice): ImportRow {
  const sign = invoice.kind === "credit_note" ? -1 : 1;
  const buyer = invoice.buyer;
  const paid = prepaid(invoice);
  const details: ClientDetails = {
    ...(buyer.vatNumber ? { vat_number: buyer.vatNumber } : {}),
    ...(buyer.address.line ? { address: buyer.address.line } : {}),
    ...(buyer.address.postalCode ? { postal_code: buyer.address.postalCode } : {}),
    ...(buyer.address.city ? { city: buyer.address.city } : {}),
    ...(buyer.address.country ? { country: buyer.address.country } : {}),
  };
  return {
    line: 1,
    number: invoice.number,
    client: buyer.name,
    ...(buyer.siren ? { siren: buyer.siren } : {}),
    ...(buyer.siret ? { siret: buyer.siret } : {}),
    ...(buyer.email ? { email: buyer.email } : {}),
    kind: "business",
    issue_date: invoice.issueDate,
    ...(invoice.dueDate ? { due_date: invoice.dueDate } : { warn_default_due: true }),
    ...(invoice.deliveryDate ? { delivery_date: invoice.deliveryDate } : {}),
    total_cents: sign * invoice.totalTtcCents,
    ...(invoice.totalHtCents !== undefined ? { ht_cents: sign * invoice.totalHtCents } : {}),
    ...(invoice.totalVatCents !== undefined ? { vat_cents: sign * invoice.totalVatCents } : {}),
    paid_cents: paid,
    // An amount prepaid (acompte) was received before the invoice was issued.
    ...(paid > 0 ? { payment_date: invoice.issueDate } : {}),
    ...(invoice.paymentTerms ? { notes: invoice.paymentTerms } : {}),
    invoice_kind: invoice.kind,
    currency: invoice.currency,
    source: "e-invoice",
    client_details: details,
    ...(invoice.kind === "credit_note" && invoice.precedingInvoice
      ? { credited_number: invoice.precedingInvoice }
      : {}),
  };
}

/** Reads an e-invoice file into the import's events: one row, or the file's problems. */
export async function* readEInvoiceEvents(path: string, locale: Locale): AsyncGenerator<ImportRowEvent> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.size > MAX_EINVOICE_BYTES) {
      yield {
        type: "error",
        error: problemError(locale, {
          code: "einvoice.too_large",
          params: { max: "50 MB" },
          where: "",
          line: 0,
        }),
      };
      return;
    }
    bytes = await readFile(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    yield {
      type: "error",
      error: {
        line: 0,
        column: "",
        code: "file.unreadable",
        message: formatMessage(locale, "file.unreadable", { path, reason }),
      },
    };
    return;
  }
  const result = readEInvoice(bytes);
  if (!result.ok) {
    for (const p of result.problems) yield { type: "error", error: problemError(locale, p) };
    return;
  }
  const invoice = result.invoice;
  if (invoice.currency !== "EUR") {
    const code = "einvoice.currency";
    const params = { number: invoice.number, currency: invoice.currency };
    yield {
      type: "error",
      error: { line: 0, column: "InvoiceCurrencyCode", code, message: formatMessage(locale, code, params) },
    };
    return;
  }
  yield { type: "row", row: rowOfEInvoice(invoice) };
}
