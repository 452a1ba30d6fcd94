import type { Locale } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import type { Organization } from "../../db/schema.js";
import { agingWorkbook } from "../../formats/aging-export/index.js";
import type { AppContext } from "../context.js";
import { getAging } from "./get-aging.js";

export interface AgingDownload {
  /** `balance-agee-<organization-slug>-<as_of>.xlsx` or `.pdf` */
  filename: string;
  body: Buffer;
}

export interface DownloadAgingOptions {
  ctx: AppContext;
  org: Organization;
  asOf?: string | undefined;
  format: "xlsx" | "pdf";
  locale?: Locale;
}

/** The aging balance as an XLSX workbook or a PDF (docs/cash.md). */
export async function downloadAging(options: DownloadAgingOptions): Promise<AgingDownload> {
  const { ctx, org } = options;
  const locale = options.locale ?? ctx.locale;
  const dto = await getAging(options);
  const filename = `balance-agee-${slugify(org.name, "entreprise")}-${dto.as_of}.${options.format}`;
  if (options.format === "xlsx") return { filename, body: await agingWorkbook(dto, locale, org.name) };
  // loaded when a PDF is made: the table on screen never needs pdfkit
  const { renderAging } = await import("../../pdf/aging.js");
  const body = await renderAging({ ...dto, locale, organization: { name: org.name } });
  return { filename, body };
}
