import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { openDocument } from "../documents/open-document.js";
import { AppError } from "../errors.js";
import { getBill } from "./get-bill.js";

/** The stored PDF of a bill (generated when it was issued): its document and where the file is. */
export async function openBillPdf(options: {
  ctx: AppContext;
  org: Organization;
  filesDir: string;
  id: string;
}): Promise<{ path: string; filename: string; size_bytes: number }> {
  const bill = await getBill(options);
  if (!bill.document_id) throw new AppError("not_found", "document.not_found");
  const { document, path } = await openDocument({ ...options, id: bill.document_id });
  return { path, filename: document.filename, size_bytes: document.size_bytes };
}
