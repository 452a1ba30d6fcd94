import { stat } from "node:fs/promises";
import { findDocument } from "../../db/repositories/documents.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { storedFilePath } from "./file-store.js";
import { type DocumentDto, presentDocument } from "./present-document.js";

/** A document of the organization and where its file is (checked to exist). */
export async function openDocument(options: {
  ctx: AppContext;
  org: Organization;
  filesDir: string;
  id: string;
}): Promise<{ document: DocumentDto; path: string }> {
  const { ctx, org } = options;
  const row = await findDocument(ctx.db, org.id, options.id);
  if (!row) throw new AppError("not_found", "document.not_found");
  const path = storedFilePath(options.filesDir, org.id, row.storage_key);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    ctx.log.error({ document: row.id }, "document file missing");
    throw new AppError("not_found", "document.file_missing");
  }
  return { document: presentDocument(row), path };
}
