import {
  checkContent,
  DOCUMENT_EXTENSIONS,
  extensionOf,
  sanitizeFilename,
} from "../../core/documents/file-check.js";
import { formatMessage, isLocale } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findDocument, insertDocument } from "../../db/repositories/documents.js";
import type { Organization } from "../../db/schema.js";
import { resolveLink } from "../clients/resolve-link.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { commitStagedFile, discardStagedFile, removeFile, type StagedFile } from "./file-store.js";
import { type DocumentDto, type DocumentKind, presentDocument } from "./present-document.js";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Turns a staged upload into a document of a client (or of one of its invoices, which implies the client): the
 * size, the extension and the actual content are checked, the file is moved into place, then the row, a
 * "document added" action on the client's timeline and an audit entry are written in one transaction. On any
 * failure nothing is left: neither the file nor the row.
 */
export async function addDocument(options: {
  ctx: AppContext;
  org: Organization;
  /** Null from the command line. */
  userId: string | null;
  kind: DocumentKind;
  clientId?: string;
  invoiceId?: string;
  /** The name the browser sent; kept for display only, sanitized. */
  filename: string;
  file: StagedFile;
}): Promise<DocumentDto> {
  const { ctx, org, file } = options;
  try {
    const filename = sanitizeFilename(options.filename);
    if (file.truncated || file.size > MAX_DOCUMENT_BYTES) {
      const max = MAX_DOCUMENT_BYTES / (1024 * 1024);
      throw invalidFields([{ path: "file", messageCode: "document.too_large", params: { max } }]);
    }
    const extension = extensionOf(filename);
    const type = DOCUMENT_EXTENSIONS[extension];
    if (!type) {
      const params = { extension: extension ? `.${extension}` : filename };
      throw invalidFields([{ path: "file", messageCode: "document.type_not_allowed", params }]);
    }
    const checked = checkContent(type, file.facts, filename);
    if (!checked.ok) {
      throw invalidFields([
        { path: "file", messageCode: checked.problem.code, params: checked.problem.params ?? {} },
      ]);
    }
    const id = newId();
    const at = nowIso(ctx);
    const stored = await commitStagedFile(file);
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const link = await resolveLink(
          trx,
          org.id,
          { clientId: options.clientId, invoiceId: options.invoiceId },
          "document.target_required",
        );
        await insertDocument(trx, {
          id,
          organization_id: org.id,
          client_id: link.client_id,
          invoice_id: link.invoice_id,
          kind: options.kind,
          filename,
          mime_type: checked.value,
          size_bytes: file.size,
          sha256: file.sha256,
          storage_key: stored.storageKey,
          uploaded_by_user_id: options.userId,
          created_at: at,
          updated_at: at,
        });
        const locale = isLocale(org.locale) ? org.locale : "fr";
        await insertActions(trx, [
          {
            id: newId(),
            organization_id: org.id,
            client_id: link.client_id,
            invoice_id: link.invoice_id,
            user_id: options.userId,
            kind: "document_added",
            occurred_on: todayFor(ctx, org.time_zone).toString(),
            occurred_at: at,
            summary: formatMessage(locale, "document.added", {
              kind: formatMessage(locale, `document.kind.${options.kind}`),
              filename,
            }),
            data: JSON.stringify({ document_id: id, kind: options.kind, filename }),
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
          operation: "create",
          data: { kind: options.kind, filename, size_bytes: file.size, sha256: file.sha256, ...link },
        });
        const row = await findDocument(trx, org.id, id);
        if (!row) throw new AppError("internal", "http.internal");
        return presentDocument(row);
      });
    } catch (error) {
      await removeFile(stored.path);
      throw error;
    }
  } finally {
    await discardStagedFile(file);
  }
}
