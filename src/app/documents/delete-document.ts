import { formatMessage, isLocale } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findDocument, deleteDocument as removeRow } from "../../db/repositories/documents.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { removeFile, storedFilePath } from "./file-store.js";
import { DOCUMENT_KINDS } from "./present-document.js";

/**
 * Deletes a document: the row (with a "document removed" action on the timeline and an audit entry) in one
 * transaction, then the file. A file that cannot be removed is logged, not an error: the document is gone.
 */
export async function deleteDocument(options: {
  ctx: AppContext;
  org: Organization;
  userId: string;
  filesDir: string;
  id: string;
}): Promise<void> {
  const { ctx, org, id } = options;
  const at = nowIso(ctx);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const doc = await findDocument(trx, org.id, id);
    if (!doc) throw new AppError("not_found", "document.not_found");
    await removeRow(trx, org.id, id);
    const locale = isLocale(org.locale) ? org.locale : "fr";
    const kind = DOCUMENT_KINDS.find((k) => k === doc.kind) ?? "other";
    await insertActions(trx, [
      {
        id: newId(),
        organization_id: org.id,
        client_id: doc.client_id,
        invoice_id: doc.invoice_id,
        user_id: options.userId,
        kind: "document_removed",
        occurred_on: todayFor(ctx, org.time_zone).toString(),
        occurred_at: at,
        summary: formatMessage(locale, "document.removed", {
          kind: formatMessage(locale, `document.kind.${kind}`),
          filename: doc.filename,
        }),
        data: JSON.stringify({ document_id: id, kind: doc.kind, filename: doc.filename }),
        idempotency_key: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "document",
      entityId: id,
      operation: "delete",
      data: { kind: doc.kind, filename: doc.filename, sha256: doc.sha256 },
    });
    return doc;
  });
  try {
    await removeFile(storedFilePath(options.filesDir, org.id, row.storage_key));
  } catch (error) {
    ctx.log.error({ err: error, document: id }, "could not remove a deleted document's file");
  }
}
