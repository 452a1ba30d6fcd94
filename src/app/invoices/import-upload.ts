import type { Locale } from "../../core/messages.js";
import type { Organization } from "../../db/schema.js";
import type { TrackingField } from "../../formats/tracking-sheet/index.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { importInvoices } from "./import-invoices.js";
import { displayName, presentRowError, type UploadedSheet, withUploadedSheet } from "./uploaded-sheet.js";

/** The import report, the same JSON as `relance import invoices --json`. */
export interface ImportReportDto {
  imported: number;
  skipped: number;
  errors: { line: number; column: string; code: string; message: string }[];
  error_count: number;
  /** What the import decided and says (an e-invoice's due date from the default payment terms…). */
  warnings: { line: number; column: string; code: string; message: string }[];
  clients_created: number;
  payments_created: number;
  dry_run: boolean;
}

export interface ImportUploadOptions {
  ctx: AppContext;
  org: Organization;
  userId: string;
  file: UploadedSheet;
  map?: Record<string, TrackingField>;
  dryRun?: boolean;
  locale?: Locale;
}

/**
 * Imports an uploaded tracking sheet, or an e-invoice (Factur-X PDF, CII or UBL XML), exactly as the CLI imports a file (importInvoices: one transaction, atomic).
 * A file with any problem changes nothing and is refused: 400 with every problem (line, column, message) in
 * `details`. The timeline's "import" action and the audit entry name the user and the counts.
 */
export async function importUpload(options: ImportUploadOptions): Promise<ImportReportDto> {
  const { ctx, org, file } = options;
  const locale = options.locale ?? ctx.locale;
  const { report, errors } = await withUploadedSheet(file, async (path) => {
    const report = await importInvoices({
      ctx,
      org,
      path,
      dryRun: options.dryRun === true,
      locale,
      fileName: displayName(file.filename),
      userId: options.userId,
      ...(options.map ? { map: options.map } : {}),
    });
    return { report, errors: report.errors.map((e) => presentRowError(e, path, file.filename)) };
  });
  if (report.error_count > 0) {
    throw new AppError("invalid_input", "import.refused", { n: report.error_count }, errors);
  }
  return {
    imported: report.imported,
    skipped: report.skipped,
    errors,
    error_count: report.error_count,
    warnings: report.warnings.map((w) => ({ ...w, code: String(w.code) })),
    clients_created: report.clients_created,
    payments_created: report.payments_created,
    dry_run: report.dry_run,
  };
}
