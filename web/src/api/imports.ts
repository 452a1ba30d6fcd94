import { http } from "./client";

export interface ImportPreview {
  headers: string[];
  rows: string[][];
  mapping: Record<string, string | null>;
  fields: string[];
  /** Problems in the header and the rows shown. */
  errors?: { line: number; column: string; code?: string; message: string }[];
}

export interface ImportReport {
  imported: number;
  skipped: number;
  clients_created: number;
  payments_created: number;
  errors: { line: number; column: string; message: string }[];
  error_count: number;
  /** What the import decided and says (an e-invoice's due date from the default payment terms…). */
  warnings?: { line: number; column: string; code?: string; message: string }[];
  dry_run: boolean;
}

/** The `map` field: `Header=field` pairs joined by `|` (the header is what comes before the last `=`). */
export function buildMapOption(mapping: Record<string, string>): string {
  return Object.entries(mapping)
    .filter(([header]) => header.trim() !== "" && !header.includes("|"))
    .map(([header, field]) => `${header}=${field}`)
    .join("|");
}

function importForm(file: File, extra: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") form.append(k, v);
  form.append("file", file, file.name);
  return form;
}

export const previewImport = (file: File, map?: string) =>
  http.upload<ImportPreview>("/imports/invoices/preview", importForm(file, { map }));

export const runImport = (file: File, options: { map?: string; dryRun: boolean }) =>
  http.upload<ImportReport>(
    "/imports/invoices",
    importForm(file, { map: options.map, dry_run: options.dryRun ? "true" : "false" }),
  );

export const TRACKING_EXPORT_URL = "/api/v1/exports/tracking.xlsx";
