import type { Locale } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { getCallSheet } from "./get-call-sheet.js";

/** The call sheet as a PDF (src/pdf/call-sheet.ts) and a file name: fiche-appel-<client>-<date>.pdf. */
export async function makeCallSheetPdf(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  locale?: Locale;
}): Promise<{ pdf: Buffer; filename: string }> {
  const sheet = await getCallSheet(options);
  // loaded when a PDF is made: the sheet on screen never needs pdfkit
  const { renderCallSheet } = await import("../../pdf/call-sheet.js");
  const pdf = await renderCallSheet(sheet);
  const prefix = sheet.locale === "en" ? "call-sheet" : "fiche-appel";
  return { pdf, filename: `${prefix}-${slugify(sheet.client.name, "client")}-${sheet.as_of}.pdf` };
}
